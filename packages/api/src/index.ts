export { appRouter, type AppRouter } from './root';
export { createApiContext, type ApiContext, type Caller } from './context';
export { authorizeWorkspace, createCallerFactory, type ProcedureAccess } from './trpc';
export { type ErrorData } from './errors';
export { retryAfterHeader, retryAfterHeaders } from './retry-after';
export { auditFilterInput } from './router/audit';
