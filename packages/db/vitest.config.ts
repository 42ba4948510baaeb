import { crmProject } from '@crm/vitest-config';
import { databaseTestSetup } from './src/testing/vitest.ts';

export default crmProject('db', databaseTestSetup);
