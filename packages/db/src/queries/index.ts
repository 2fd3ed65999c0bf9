export * from './charts-usage.js';
export * from './dashboard-placements.js';
export * from './templates-slot-count.js';
export * from './workspace-search.js';
