import type { ChartData, ChartDetail, DataSourceConfig, PlotlyConfig } from '@ocp/contract';
import type { OcpChart } from '../elements.js';
import type { View } from '../main.js';
import { navigate } from '../router.js';
// Elements get the provider explicitly: some load only when their `provider` property changes.
import { api, currentSession, provider } from '../session.js';
import { field } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, statusBlock } from '../ui/feedback.js';
import { publicToggle } from '../ui/public-toggle.js';
import { columnsToCsv, csvToColumns } from './chart/csv.js';
import { deleteChart } from './chart/delete-chart.js';
import {
  CHART_TYPES,
  type LayoutOptions,
  previewFigure,
  readLayout,
  traceTemplates,
  typeProblem,
  writeLayout,
} from './chart/figure.js';
import { confirmChartEdit } from './chart/usage-confirm.js';
import { chartVersionsPanel } from './chart/versions.js';

/**
 * The energy source's columns, in the order its trace templates draw them (as ENERGY_DEFAULT_MAPPING in
 * @ocp/contract, whose main entry would bring zod into the app's bundle).
 */
const ENERGY_MAPPING = {
  x: 'time',
  y: ['solar', 'wind', 'battery', 'grid', 'demand', 'forecast_lower', 'forecast_upper', 'forecast', 'anomaly'],
};

const SAMPLE_CSV = 'month,sales,costs\nJan,120,80\nFeb,135,90\nMar,160,95\nApr,150,100\nMay,180,110\nJun,210,120';

/**
 * Creates or edits a chart: title, type, data source and mapping, Plotly layout options, with a live preview; saving
 * writes a version (charts.update), and the chart's history can restore any version. New charts land in the workspace.
 */
export const renderChartEditor: View = (main, route) => {
  if (route.name !== 'chart') return;
  const back = route.dashboardId ? `/dashboards/${route.dashboardId}` : '/dashboards';
  mount(main, statusBlock('loading', 'Loading chart…'));
  let disposed = false;
  const load = async () => {
    try {
      // One batched request: the chart and its server-resolved data (the preview's base for non-inline sources).
      const [chart, saved] = route.id
        ? await Promise.all([
            api.charts.get.query({ id: route.id }),
            api.charts.data.query({ chartId: route.id, width: 800 }).catch(() => null),
          ])
        : [null, null];
      if (disposed) return;
      // Only editors get the data source (charts.get leaves it out for viewers and public readers).
      if (chart && !chart.dataSourceConfig) {
        mount(
          main,
          statusBlock('empty', `You can view “${chart.title}” on dashboards, but only its editors can change it.`),
        );
        return;
      }
      editor(main, chart, saved, back);
    } catch (e) {
      if (!disposed) mount(main, statusBlock('error', messageOf(e), load));
    }
  };
  void load();
  return () => {
    disposed = true;
  };
};

function editor(main: HTMLElement, chart: ChartDetail | null, saved: ChartData | null, back: string): void {
  const source0: DataSourceConfig = chart?.dataSourceConfig ?? {
    kind: 'inline',
    columns: csvToColumns(SAMPLE_CSV),
    mapping: { x: 'month', y: ['sales'] },
  };
  const layout0 = readLayout(chart?.plotlyConfig.layout);
  const original = chart ? { chartType: chart.chartType, data: chart.plotlyConfig.data } : null;

  // Fields
  const title = h('input', {
    type: 'text',
    name: 'title',
    required: true,
    maxlength: '200',
    value: chart?.title ?? '',
  });
  const type = h(
    'select',
    { name: 'chartType' },
    Object.entries(CHART_TYPES).map(([value, t]) => h('option', { value }, t.label)),
    chart && !CHART_TYPES[chart.chartType] ? h('option', { value: chart.chartType }, chart.chartType) : null,
  );
  type.value = chart?.chartType ?? 'bar';
  const typeHint = h('p', { class: 'muted', id: 'chart-type-hint' });
  type.setAttribute('aria-describedby', 'chart-type-hint');
  const tags = h('input', {
    type: 'text',
    name: 'tags',
    value: chart?.tags.join(', ') ?? '',
    placeholder: 'sales, monthly',
  });
  const kind = h(
    'select',
    { name: 'kind' },
    ['inline', 'dataset', 'http', 'sql', 'energy'].map((k) => h('option', { value: k }, k)),
  );
  kind.value = source0.kind;
  const csv = h(
    'textarea',
    { name: 'csv', rows: '8', spellcheck: 'false' },
    source0.kind === 'inline' ? columnsToCsv(source0.columns) : '',
  );
  const { mapping: mapping0, ...sourceRest } = source0;
  const sourceJson = h(
    'textarea',
    { name: 'source', rows: '6', spellcheck: 'false' },
    source0.kind === 'inline' ? '' : JSON.stringify(sourceRest, null, 2),
  );
  const columnsList = h('datalist', { id: 'chart-columns' });
  const xCol = h('input', { type: 'text', name: 'x', list: 'chart-columns', value: mapping0.x });
  const yCols = h('input', { type: 'text', name: 'y', list: 'chart-columns', value: mapping0.y.join(', ') });
  const seriesCol = h('input', { type: 'text', name: 'series', list: 'chart-columns', value: mapping0.series ?? '' });
  const heading = h('input', { type: 'text', name: 'heading', value: layout0.heading });
  const xTitle = h('input', { type: 'text', name: 'xTitle', value: layout0.xTitle });
  const yTitle = h('input', { type: 'text', name: 'yTitle', value: layout0.yTitle });
  const showLegend = h('input', { type: 'checkbox', name: 'showLegend', checked: layout0.showLegend });
  const legendBelow = h('input', { type: 'checkbox', name: 'legendBelow', checked: layout0.legendBelow });
  const barMode = h(
    'select',
    { name: 'barMode' },
    ['', 'group', 'stack', 'overlay'].map((m) => h('option', { value: m }, m || 'default')),
  );
  barMode.value = layout0.barMode;
  const advanced = h(
    'textarea',
    { name: 'advanced', rows: '4', spellcheck: 'false' },
    Object.keys(layout0.advanced).length ? JSON.stringify(layout0.advanced, null, 2) : '',
  );
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, chart ? 'Save' : 'Create chart');
  const preview = h('ocp-chart', { '.provider': provider, label: 'Preview', eager: true }) as OcpChart;

  const inlineBox = h('div', { class: 'inline-source' }, field('Data (CSV, first row is the header)', csv));
  // Files too big to paste go to POST /datasets, streamed into a workspace dataset that the chart then reads.
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.json,text/csv,application/json' });
  const importFile = async () => {
    const f = file.files?.[0];
    if (!f) return;
    const format = /\.json$/i.test(f.name) ? 'json' : 'csv';
    const name = f.name.replace(/\.(csv|json)$/i, '').slice(0, 200) || 'Imported data';
    problem.textContent = '';
    notify(`Importing ${f.name}…`);
    try {
      const res = await fetch(`/datasets?${new URLSearchParams({ title: name, format })}`, {
        method: 'POST',
        body: f,
        headers: { authorization: `Bearer ${currentSession()?.token ?? ''}` },
      });
      const answer = (await res.json()) as {
        result?: { data: { id: string; rowCount: number; schema: Array<{ name: string }> } };
        error?: { message: string };
      };
      if (!answer.result) throw new Error(answer.error?.message ?? `Import failed (HTTP ${res.status})`);
      const { id, rowCount, schema } = answer.result.data;
      kind.value = 'dataset';
      sourceJson.value = JSON.stringify({ datasetId: id }, null, 2);
      mount(
        columnsList,
        schema.map((c) => h('option', { value: c.name })),
      );
      notify(`Imported ${rowCount} rows from ${f.name} into your workspace. Map its columns, then save.`);
      refresh();
    } catch (e) {
      problem.textContent = messageOf(e);
    } finally {
      file.value = '';
    }
  };
  file.addEventListener('change', () => void importFile());
  // Secrets of an http source are stored apart and never sent back: name them, so nobody re-enters them blindly.
  const secrets = chart?.dataSourceSecrets;
  const secretNote =
    secrets && (secrets.headers.length || secrets.query.length)
      ? h(
          'p',
          { class: 'muted' },
          `Stored apart and never shown: ${[...secrets.headers.map((n) => `header ${n}`), ...secrets.query.map((n) => `URL parameter ${n}`)].join(', ')}. ` +
            'They stay while the URL keeps its origin; add "headers" here to replace them.',
        )
      : null;
  const otherBox = h(
    'div',
    { class: 'other-source' },
    field('Source settings (JSON, without mapping)', sourceJson),
    secretNote,
  );
  const importBox = field('Or import a CSV or JSON file (any size) as a dataset', file);

  /** The draft as the API wants it; throws with a readable message while the input is invalid. */
  const draft = (): { plotlyConfig: PlotlyConfig; dataSourceConfig: DataSourceConfig } => {
    const mapping = {
      x: xCol.value.trim(),
      y: yCols.value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      ...(seriesCol.value.trim() ? { series: seriesCol.value.trim() } : {}),
    };
    if (!mapping.x || !mapping.y.length) throw new Error('Map an x column and at least one y column.');
    const wrong = typeProblem(type.value, {
      kind: kind.value,
      x: mapping.x,
      y: mapping.y,
      series: mapping.series ?? '',
    });
    if (wrong) throw new Error(wrong);
    let dataSourceConfig: DataSourceConfig;
    if (kind.value === 'inline') {
      const columns = csvToColumns(csv.value);
      for (const c of [mapping.x, ...mapping.y, ...(mapping.series ? [mapping.series] : [])])
        if (!(c in columns))
          throw new Error(`No column "${c}" in the data (columns: ${Object.keys(columns).join(', ')}).`);
      dataSourceConfig = { kind: 'inline', columns, mapping };
    } else {
      let rest: Record<string, unknown>;
      try {
        rest = JSON.parse(sourceJson.value || '{}');
      } catch {
        throw new Error('Source settings are not valid JSON.');
      }
      dataSourceConfig = { ...rest, kind: kind.value, mapping } as DataSourceConfig;
    }
    let adv: Record<string, unknown> = {};
    if (advanced.value.trim()) {
      try {
        adv = JSON.parse(advanced.value);
      } catch {
        throw new Error('Advanced layout is not valid JSON.');
      }
    }
    const options: LayoutOptions = {
      heading: heading.value.trim(),
      xTitle: xTitle.value.trim(),
      yTitle: yTitle.value.trim(),
      showLegend: showLegend.checked,
      legendBelow: legendBelow.checked,
      barMode: barMode.value as LayoutOptions['barMode'],
      advanced: adv,
    };
    const plotlyConfig: PlotlyConfig = {
      ...chart?.plotlyConfig,
      data: traceTemplates(type.value, original, heading.value.trim() || mapping.y[0]),
      layout: writeLayout(options),
    };
    return { plotlyConfig, dataSourceConfig };
  };

  let timer = 0;
  let lastKind = kind.value;
  const refresh = () => {
    typeHint.textContent = CHART_TYPES[type.value]?.hint ?? '';
    // The energy source has fixed columns: map them all when switching to it.
    if (kind.value === 'energy' && lastKind !== 'energy') {
      xCol.value = ENERGY_MAPPING.x;
      yCols.value = ENERGY_MAPPING.y.join(', ');
      seriesCol.value = '';
      if (!sourceJson.value.trim()) sourceJson.value = '{}';
    }
    lastKind = kind.value;
    inlineBox.hidden = kind.value !== 'inline';
    otherBox.hidden = kind.value === 'inline';
    if (kind.value === 'inline')
      mount(
        columnsList,
        Object.keys(csvToColumns(csv.value)).map((c) => h('option', { value: c })),
      );
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      try {
        const d = draft();
        problem.textContent = '';
        preview.figure = previewFigure(d.plotlyConfig, d.dataSourceConfig, saved);
      } catch (e) {
        problem.textContent = messageOf(e);
      }
    }, 120);
  };

  let current = chart;
  const form = h(
    'form',
    { class: 'chart-form', 'aria-label': 'Chart settings' },
    h(
      'fieldset',
      null,
      h('legend', null, 'Chart'),
      field('Title', title),
      field('Type', type),
      typeHint,
      field('Tags (comma separated)', tags),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Data source'),
      field('Kind', kind),
      inlineBox,
      otherBox,
      importBox,
      columnsList,
      field('X column', xCol),
      field('Y columns (comma separated)', yCols),
      field('Series column (optional)', seriesCol),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Layout'),
      field('Chart heading', heading),
      field('X axis title', xTitle),
      field('Y axis title', yTitle),
      h('label', { class: 'check' }, showLegend, ' Show legend'),
      h('label', { class: 'check' }, legendBelow, ' Legend below the plot'),
      field('Bar mode', barMode),
      field('Advanced layout (Plotly JSON)', advanced),
    ),
    problem,
    h('div', { class: 'actions' }, h('a', { class: 'button', href: back }, 'Back'), save),
  );
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let d: ReturnType<typeof draft>;
    try {
      d = draft();
    } catch (err) {
      problem.textContent = messageOf(err);
      return;
    }
    const tagList = tags.value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    save.disabled = true;
    try {
      if (!current) {
        const created = await api.charts.create.mutate({
          title: title.value.trim(),
          chartType: type.value,
          tags: tagList,
          ...d,
        });
        // New charts appear in the workspace, ready to drag onto a dashboard.
        await api.workspace.items.create.mutate({
          itemType: 'chart',
          title: created.title,
          referenceId: created.id,
          content: { chartType: created.chartType },
          tags: tagList,
        });
        notify(`Chart ${created.title} created.`);
        navigate(`/charts/${created.id}${back.startsWith('/dashboards/') ? `?dashboard=${back.split('/')[2]}` : ''}`, {
          replace: true,
        });
        return;
      }
      // The dashboards this edit changes, with the offer to pin them to the version they show now.
      if (!(await confirmChartEdit(current.id))) return;
      current = await api.charts.update.mutate({
        id: current.id,
        expectedUpdatedAt: current.updatedAt,
        title: title.value.trim(),
        chartType: type.value,
        tags: tagList,
        changeSummary: 'Edited in the chart editor',
        ...d,
      });
      await syncWorkspaceItem(current);
      notify('Saved.');
      void versions?.refresh();
    } catch (err) {
      problem.textContent = messageOf(err);
      notify(messageOf(err), 'error');
    } finally {
      save.disabled = false;
    }
  });

  // Restoring reloads the form from the restored chart (type, title and configs all come back).
  const versions = chart
    ? chartVersionsPanel({
        chart,
        saved,
        onRestored: () => navigate(location.pathname + location.search, { replace: true }),
      })
    : null;

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('a', { href: back, class: 'back', 'aria-label': 'Back' }, '←'),
      h('h1', null, chart ? `Edit ${chart.title}` : 'New chart'),
      chart
        ? h(
            'div',
            { class: 'toolbar' },
            publicToggle({
              kind: 'chart',
              title: chart.title,
              isPublic: chart.isPublic,
              save: async (isPublic) => {
                current = await api.charts.update.mutate({
                  id: chart.id,
                  isPublic,
                  changeSummary: isPublic ? 'Made public' : 'Made private',
                });
                void versions?.refresh();
              },
            }),
            h('button', { type: 'button', class: 'danger', onclick: () => deleteChart(chart, back) }, 'Delete…'),
          )
        : null,
    ),
    h(
      'div',
      { class: 'chart-editor' },
      form,
      h(
        'section',
        { class: 'preview', 'aria-label': 'Live preview' },
        h('h2', null, 'Preview'),
        h('div', { class: 'preview-frame' }, preview),
      ),
    ),
    versions?.element,
  );
  refresh();
  if (!chart) title.focus();
}

/** Keeps the chart's workspace item (title, type) in step with the chart. */
async function syncWorkspaceItem(chart: ChartDetail): Promise<void> {
  const items = await api.workspace.items.list.query({ itemType: 'chart', limit: 1000 });
  const item = items.find((i) => i.referenceId === chart.id);
  if (item && (item.title !== chart.title || item.content.chartType !== chart.chartType))
    await api.workspace.items.update.mutate({
      id: item.id,
      title: chart.title,
      content: { ...item.content, chartType: chart.chartType },
    });
}
