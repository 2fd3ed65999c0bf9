/**
 * The standalone `ocp-memory.js`: the in-memory provider with the demo workspace, for plain-HTML offline demos:
 * `import { MemoryProvider, demoData } from './ocp-memory.js'`.
 */
export { demoData } from './demo/demo-data.js';
export { MemoryProvider, type MemoryProviderOptions } from './provider/memory-provider.js';
