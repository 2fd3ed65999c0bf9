/** Every procedure's input schema, by domain: the routers, the chat's tools and the clients share these. */
export * from './agents.js';
export * from './auth.js';
export * from './charts.js';
export * from './chat.js';
export * from './common.js';
export * from './dashboards.js';
export * from './frame-origins.js';
export * from './me.js';
export * from './placements.js';
export * from './sharing.js';
export * from './tabs.js';
export * from './teams.js';
export * from './templates.js';
export * from './workspace.js';
