export * from './client.js';
export { decodeCells, decodeFloats, encodeCells, type StoredColumnType } from './dataset-codec.js';
export { pgErrorCode } from './errors.js';
export * from './identity.js';
export * from './migrate.js';
export {
  copyTemplate,
  demoTemplateKey,
  hasTemplate,
  saveTemplate,
  type TemplateKind,
  templateCacheDir,
  templateKey,
} from './pglite-template.js';
export { prepareDatabase } from './prepare.js';
export * from './queries/index.js';
export * from './schema/index.js';
export { type DemoIds, type DemoOptions, type DemoUser, hasAnyUser, seedDemoData } from './seed/demo.js';
export { type DemoChart, demoCharts } from './seed/demo-charts.js';
export { DEMO_DASHBOARDS, DEMO_FOLDERS, type DemoDashboard } from './seed/demo-dashboards.js';
export { claimDemo, loadDemo, UNCLAIMED_DEMO_PASSWORD } from './seed/demo-start.js';
export {
  ENERGY_ANOMALY_DETECTOR,
  ENERGY_DEMO_START,
  ENERGY_FORECAST_MODEL,
  ENERGY_STEP_MS,
  type EnergyDemoOptions,
  type EnergyDemoResult,
  type EnergyGeneratorOptions,
  type GeneratedSite,
  generateEnergyReadings,
  INJECTED_ANOMALIES,
  type InjectedAnomaly,
  STEPS_PER_DAY,
  STEPS_PER_WEEK,
  seedEnergyDemo,
} from './seed/energy-demo.js';
export {
  type Anomaly,
  medianAndMad,
  residualMadAnomalies,
  type SeasonalNaiveForecast,
  type SeasonalNaiveOptions,
  seasonalNaiveForecast,
} from './seed/energy-forecast.js';
export { installSystemModels, OFFLINE_MODEL } from './seed/system-models.js';
export { installSystemTemplates, SYSTEM_TEMPLATES, type SystemTemplate } from './seed/system-templates.js';
