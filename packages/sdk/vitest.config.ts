import { crmProject } from '@crm/vitest-config';
import { databaseTestSetup } from '@crm/db/testing/vitest';

export default crmProject('sdk', databaseTestSetup);
