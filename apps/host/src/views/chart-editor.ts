import type { ChartData, ChartDetail, DataSourceConfig, PlotlyConfig } from '@ocp/contract';
import type { OcpChart } from '../elements.js';
import type { View } from '../main.js';
import { navigate } from '../router.js';
// Elements get the provider explicitly: some load only when their `provider` property changes.
import { api, provider } from '../session.js';
import { field } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, statusBlock } from '../ui/feedback.js';
import { publicToggle } from '../ui/public-toggle.js';
import { csvToColumns } from './chart/csv.js';
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
import { serverPreview } from './chart/server-preview.js';
import { sourceForm } from './chart/source-form.js';
import { confirmChartEdit } from './chart/usage-confirm.js';
import { chartVersionsPanel } from './chart/versions.js';

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
  const previewNote = h('p', { class: 'muted', role: 'status' });

  const source = sourceForm({
    initial: source0,
    secrets: chart?.dataSourceSecrets,
    changed: () => refresh(),
    problem: (message) => {
      problem.textContent = message;
    },
  });

  /** The draft as the API wants it; throws with a readable message while the input is invalid. */
  const draft = (): { plotlyConfig: PlotlyConfig; dataSourceConfig: DataSourceConfig } => {
    const dataSourceConfig = source.read();
    const { mapping } = dataSourceConfig;
    const wrong = typeProblem(type.value, {
      kind: dataSourceConfig.kind,
      x: mapping.x,
      y: mapping.y,
      series: mapping.series ?? '',
    });
    if (wrong) throw new Error(wrong);
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
  const refresh = () => {
    typeHint.textContent = CHART_TYPES[type.value]?.hint ?? '';
    clearTimeout(timer);
    // Inline data draws here on every keystroke; other sources ask the server, so wait for typing to pause.
    timer = window.setTimeout(() => void redraw(), source.kind() === 'inline' ? 120 : 450);
  };
  const serverData = serverPreview(chart?.id, saved);
  let drawn = 0;
  const redraw = async () => {
    const turn = ++drawn;
    let d: ReturnType<typeof draft>;
    try {
      d = draft();
      problem.textContent = '';
    } catch (e) {
      problem.textContent = messageOf(e);
      return;
    }
    if (d.dataSourceConfig.kind === 'inline') {
      preview.figure = previewFigure(d.plotlyConfig, d.dataSourceConfig, null);
      return;
    }
    previewNote.textContent = 'Loading the preview…';
    try {
      const data = await serverData(d.plotlyConfig, d.dataSourceConfig);
      if (turn !== drawn) return;
      previewNote.textContent = data.meta.downsampled
        ? `${data.meta.returnedPoints} of ${data.meta.sourcePoints} points, downsampled to the preview's width.`
        : '';
      source.learnColumns(data.meta.columns);
      preview.figure = previewFigure(d.plotlyConfig, d.dataSourceConfig, data);
    } catch (e) {
      if (turn !== drawn) return;
      previewNote.textContent = '';
      problem.textContent = messageOf(e);
      source.showServerError(messageOf(e));
      preview.figure = { data: [] };
    }
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
    h('fieldset', null, h('legend', null, 'Data source'), source.element),
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
        previewNote,
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
