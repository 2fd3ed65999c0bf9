/**
 * `@ocp/contract`: what the server, the client and the elements agree on, in one zod-only, browser-safe package —
 * the JSON column shapes, the procedures' input schemas, the response shapes, the live event union, the error codes
 * and the provider error class, and the `OcpDataProvider` interface typed from them. Zod-free entry points for
 * browser bundles: `@ocp/contract/errors`, `@ocp/contract/traces`, `@ocp/contract/chart-types`,
 * `@ocp/contract/slot-rules`, `@ocp/contract/filters`, `@ocp/contract/time-range`.
 */

// First: before any schema is built (see the file).
import './jitless.js';

export * from './change-sets.js';
export * from './chart-types.js';
export * from './dashboard.js';
export * from './errors.js';
export type * from './events.js';
export * from './filters.js';
export * from './inputs/index.js';
export * from './json/index.js';
export type * from './provider.js';
export type * from './responses.js';
export * from './slot-rules.js';
export * from './time-range.js';
export * from './traces.js';
export { widthBucket } from './width-bucket.js';
