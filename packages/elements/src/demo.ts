/** `@ocp/elements/demo`: the demo energy workspace (generated from @ocp/db's demo data) for `MemoryProvider`. */
export { demoData } from './demo/demo-data.js';
