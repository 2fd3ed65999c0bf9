export { type AuthAdapter, anonymousAuth } from './auth/adapter.js';
export { type EmbeddedAuth, type EmbeddedAuthOptions, embeddedAuth } from './auth/embedded.js';
export { type HostAuthOptions, hostAuth } from './auth/host.js';
export { generatePassword, hashPassword, verifyPassword } from './auth/password.js';
export { type SupabaseAuthOptions, supabaseAuth } from './auth/supabase.js';
export { type ContextOptions, createContextInner, type OcpContext, type OcpUser } from './context.js';
export { type BucketSpec, DEFAULT_RATE_LIMITS, type RateLimitName, RateLimits } from './http/rate-limit.js';
export { type AppRouter, appRouter, createCaller, type RouterInputs, type RouterOutputs } from './root.js';
export { createOcpServer, type OcpServer, type OcpServerOptions } from './server.js';
