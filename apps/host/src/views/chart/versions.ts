import type { ChartData, ChartDetail, ChartVersionView } from '@ocp/contract';
import type { OcpChart } from '../../elements.js';
// Elements get the provider explicitly: some load only when their `provider` property changes.
import { api, provider } from '../../session.js';
import { openDialog } from '../../ui/dialog.js';
import { h, mount } from '../../ui/dom.js';
import { messageOf, notify, statusBlock } from '../../ui/feedback.js';
import { CHART_TYPES, previewFigure } from './figure.js';
import { type ChartState, diffChartVersions } from './version-diff.js';

const typeLabel = (t: string | null) => (t ? (CHART_TYPES[t]?.label ?? t) : '');

/**
 * A chart's versions, newest first. Each older one can be compared with the chart as it is now (its own preview and
 * the differences in words) and restored whole: configs, type and title (charts.restoreVersion).
 */
export function chartVersionsPanel(options: {
  chart: ChartDetail;
  saved: ChartData | null;
  onRestored: (chart: ChartDetail) => void;
}): { element: HTMLElement; refresh: () => Promise<void> } {
  const list = h('div', { 'aria-live': 'polite' });
  const element = h('section', { class: 'versions', 'aria-label': 'Chart versions' }, h('h2', null, 'Versions'), list);
  let current: ChartState = { ...options.chart, dataSourceConfig: options.chart.dataSourceConfig ?? undefined };

  const restore = async (v: ChartVersionView) => {
    try {
      const chart = await api.charts.restoreVersion.mutate({
        chartId: options.chart.id,
        versionNumber: v.versionNumber,
      });
      notify(`Restored version ${v.versionNumber}: ${typeLabel(chart.chartType)} chart “${chart.title}”.`);
      options.onRestored(chart);
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const compare = async (v: ChartVersionView) => {
    const changes = diffChartVersions(current, v);
    const preview = h('ocp-chart', {
      '.provider': provider,
      label: `Version ${v.versionNumber}`,
      eager: true,
    }) as OcpChart;
    if (v.plotlyConfig && v.dataSourceConfig)
      preview.figure = previewFigure(v.plotlyConfig, v.dataSourceConfig, options.saved);
    const ok = await openDialog({
      title: `Version ${v.versionNumber}${v.title ? ` · ${v.title}` : ''}`,
      wide: true,
      body: h(
        'div',
        { class: 'version-compare' },
        h('div', { class: 'preview-frame' }, preview),
        h('h3', null, changes.length ? 'Restoring it changes' : 'Same as the chart now'),
        changes.length
          ? h(
              'table',
              { class: 'diff' },
              h(
                'thead',
                null,
                h('tr', null, h('th', null, ''), h('th', null, 'Now'), h('th', null, `Version ${v.versionNumber}`)),
              ),
              h(
                'tbody',
                null,
                changes.map((c) =>
                  h('tr', null, h('th', { scope: 'row' }, c.what), h('td', null, c.from), h('td', null, c.to)),
                ),
              ),
            )
          : null,
      ),
      submit: { label: `Restore version ${v.versionNumber}`, value: () => true },
    });
    if (ok) await restore(v);
  };

  const refresh = async () => {
    if (!list.firstChild) mount(list, statusBlock('loading', 'Loading versions…'));
    try {
      const versions = await api.charts.versions.query({ chartId: options.chart.id, includeConfig: true, limit: 50 });
      // Every save writes a version, so the newest is the chart as it is now.
      if (versions[0]) current = versions[0];
      mount(
        list,
        versions.length
          ? h(
              'ol',
              { class: 'version-list', 'aria-label': 'Versions' },
              versions.map((v, i) =>
                h(
                  'li',
                  { 'data-version': String(v.versionNumber) },
                  h('span', { class: 'number' }, `v${v.versionNumber}`),
                  v.chartType ? h('span', { class: 'badge' }, typeLabel(v.chartType)) : null,
                  h('span', { class: 'summary' }, v.changeSummary ?? 'No description'),
                  h('time', { datetime: v.createdAt }, new Date(v.createdAt).toLocaleString()),
                  i === 0
                    ? h('span', { class: 'current' }, 'Current')
                    : h(
                        'button',
                        {
                          type: 'button',
                          'aria-label': `Compare and restore version ${v.versionNumber}`,
                          onclick: () => compare(v),
                        },
                        'Compare…',
                      ),
                ),
              ),
            )
          : statusBlock('empty', 'No versions saved yet.'),
      );
    } catch (e) {
      mount(
        list,
        statusBlock('error', messageOf(e), () => void refresh()),
      );
    }
  };
  void refresh();
  return { element, refresh };
}
