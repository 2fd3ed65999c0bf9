/**
 * `@ocp/elements`: importing this module defines every `<ocp-*>` element. The in-memory provider lives in
 * `@ocp/elements/memory` and the demo data in `@ocp/elements/demo`, so a host using a real backend ships neither.
 */

export {
  ERROR_CODES,
  isErrorCode,
  isProviderError,
  type OcpErrorCode,
  OcpProviderError,
  toProviderError,
} from '@ocp/contract/errors';
export type * from '@ocp/contract/provider';
export { OcpChart, type OcpChartInfo, type OcpChartQuery, type OcpFigure } from './components/chart/chart.js';
export { OcpChartMenu } from './components/chart-menu/chart-menu.js';
export { OcpChatPanel } from './components/chat-panel/chat-panel.js';
export { OcpDashboard } from './components/dashboard/dashboard.js';
export type { CrossFilter } from './components/dashboard/view-state.js';
export { OcpFilterBar, type OcpFilterDefinition } from './components/filter-bar/filter-bar.js';
export { OcpMetric } from './components/metric/metric.js';
export { OcpShareDialog } from './components/share-dialog/share-dialog.js';
export { OcpSlot } from './components/slot/slot.js';
export { type OcpTabItem, OcpTabs } from './components/tabs/tabs.js';
export { OcpTemplateGrid } from './components/template-grid/template-grid.js';
export { OcpTemplatePicker } from './components/template-picker/template-picker.js';
export { OcpText } from './components/text/text.js';
export { OcpTimeRange } from './components/time-range/time-range.js';
export { OcpVersionHistory } from './components/version-history/version-history.js';
export { OcpWorkspace } from './components/workspace/workspace.js';
export * from './events/index.js';
export { CHART_MIME, type OcpDraggedChart } from './internal/drag-data.js';
export {
  fullPlotly,
  type PlotlyBundle,
  type PlotlyLike,
  type PlotlyLoader,
  plotlyByNeed,
  setPlotlyLoader,
} from './internal/plotly-loader.js';
export { liveWebglCount, WEBGL_BUDGET } from './internal/webgl-budget.js';
export { setDefaultProvider } from './provider/default.js';
