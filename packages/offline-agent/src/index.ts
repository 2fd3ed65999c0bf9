/**
 * `@ocp/offline-agent`: the built-in chat agent that needs no model (SPEC §7). One grammar, used by the server
 * (over its services, as the user) and by the in-memory provider (over its data), through {@link AgentWorld}.
 */
export { columnType, energySummary } from './catalog.js';
export { KINDS } from './chart-plan.js';
export { toAgentDashboard } from './dashboard.js';
export { reply } from './grammar.js';
export { HELP, PATTERNS, type PatternDoc } from './patterns.js';
export { slotLabel } from './words.js';
export type * from './world.js';
