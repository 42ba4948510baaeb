// The contracts' schemas and types, for forms and validation in the frontend.
export * from '@crm/contracts';
export { createCrmClient, type CrmAuth, type CrmClient, type CrmClientOptions } from './client';
export { errorInfo, fieldErrors, isCrmError, type CrmError, type CrmErrorInfo } from './errors';
export { formatMoney, formatQuantity } from './format';
export type { CrmErrorShape, CrmInputs, CrmOutputs, CrmProcedures, CrmRouter } from './router';
export { memoryTokenStore, type TokenStore } from './token-store';
