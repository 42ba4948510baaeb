export { default } from '@crm/tsdown-config';
