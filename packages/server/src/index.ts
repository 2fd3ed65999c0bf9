export type { AuthAdapter } from './auth/adapter.js';
export { generatePassword, hashPassword, verifyPassword } from './auth/password.js';
export { createContextInner, type OcpContext, type OcpUser } from './context.js';
export { type AppRouter, appRouter, createCaller, type RouterInputs, type RouterOutputs } from './root.js';
export { createOcpServer, type OcpServer, type OcpServerOptions } from './server.js';
