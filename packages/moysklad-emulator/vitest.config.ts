import { crmProject } from '@crm/vitest-config';

export default crmProject('moysklad-emulator');
