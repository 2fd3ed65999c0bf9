/**
 * `@ocp/elements/memory`: the in-memory provider, kept out of the main entry so hosts that use a real backend
 * never ship it.
 */
export type { MemoryChart, MemoryDashboard, MemoryData, MemoryPlacement, MemoryTab } from './provider/memory-data.js';
export { MemoryProvider, type MemoryProviderOptions } from './provider/memory-provider.js';
