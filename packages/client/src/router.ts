/**
 * The server's router type, which types every call of the client. In the repository it comes straight from
 * `@ocp/server`; the published package replaces this module's declaration with a self-contained copy of the type
 * (scripts/build.mjs), so installing `@ocp/client` never needs the server, its database or its dependencies.
 */
export type { AppRouter } from '@ocp/server';
