export * from './data-source.js';
export * from './layout.js';
export * from './plotly.js';
export * from './safe-json.js';
