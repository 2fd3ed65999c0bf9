export * from './client.js';
export * from './json/index.js';
export * from './migrate.js';
export * from './queries/index.js';
export * from './schema/index.js';
export { type DemoIds, type DemoUser, hasAnyUser, seedDemoData } from './seed/demo.js';
export { type DemoChart, demoCharts } from './seed/demo-charts.js';
export { installSystemTemplates, SYSTEM_TEMPLATES, type SystemTemplate } from './seed/system-templates.js';
