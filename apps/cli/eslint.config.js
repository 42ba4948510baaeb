export { default } from '@crm/eslint-config';
