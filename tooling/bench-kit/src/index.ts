export { isQuick, selected, suiteFilters } from './args.js';
export { type DatabaseKind, databaseName, onEachDatabase, postgresReachable, postgresUrl } from './databases.js';
export { bytesText, countText, msText, ratioText, type Unit, valueText } from './format.js';
export { repoRoot, resultsDir } from './paths.js';
export {
  type MetricResult,
  machineInfo,
  type RatioResult,
  readResults,
  report,
  Suite,
  type SuiteResult,
  spreadText,
  type Target,
  targetText,
} from './result.js';
export { type MeasuringVariant, measuredRounds, rounds, type Variant } from './rounds.js';
export { ratioSpread, type Spread, summarize } from './stats.js';
