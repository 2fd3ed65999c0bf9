import {
  type ChartDetail,
  type DataSourceConfig,
  dataSourceConfigSchema,
  ENERGY_DEFAULT_MAPPING,
  type Mapping,
  type SourceOptions,
  type Transform,
} from '@ocp/contract';
import { api } from '../../session.js';
import { h } from '../../ui/dom.js';
import { notify } from '../../ui/feedback.js';
import { FieldErrors, type FieldIssue, serverIssue } from './field-errors.js';
import { mappingFields } from './mapping-fields.js';
import { datasetPanel, importControl } from './sources/dataset.js';
import { energyPanel } from './sources/energy.js';
import { httpPanel } from './sources/http.js';
import { inlinePanel } from './sources/inline.js';
import type { SourceKind, SourcePanel } from './sources/panel.js';
import { sqlPanel } from './sources/sql.js';

const KINDS: Array<[SourceKind, string]> = [
  ['inline', 'Inline data (table or CSV)'],
  ['dataset', 'Dataset from your workspace'],
  ['http', 'HTTP (JSON or CSV from a URL)'],
  ['sql', 'SQL query on a named connection'],
  ['energy', 'Energy sites (generation, demand, forecast)'],
];

export interface SourceForm {
  element: HTMLElement;
  kind(): SourceKind;
  /**
   * The source as the contract's schema accepts it. Each problem is shown under its field; throws with a summary
   * of them (for the form's alert line) while any remains.
   */
  read(): DataSourceConfig;
  /** Columns the server reported for the source (a preview of an http or sql source), offered for the mapping. */
  learnColumns(columns: string[] | undefined): void;
  /** A server error about the source (a refused URL, a failing query), shown under the field it concerns. */
  showServerError(message: string): void;
}

/**
 * The data-source part of the chart form: a kind, that kind's own form, the mapping of columns to axes, and an
 * "Advanced (JSON)" disclosure for what the forms do not cover (transforms). Validation is the contract's zod schema,
 * the same the server applies.
 */
export function sourceForm(options: {
  initial: DataSourceConfig;
  secrets?: ChartDetail['dataSourceSecrets'];
  /** Called when something changed that no input event reports. */
  changed(): void;
  /** Shows an import's failure. */
  problem(message: string): void;
}): SourceForm {
  const errors = new FieldErrors();
  const sourceOptions: Promise<SourceOptions> = api.charts.sourceOptions.query();
  // A failure is shown where the options are used; not an unhandled rejection here.
  sourceOptions.catch(() => {});
  const ctx = { errors, changed: options.changed, options: sourceOptions };
  const dataset = datasetPanel(ctx);
  const panels: Record<SourceKind, SourcePanel> = {
    inline: inlinePanel(ctx),
    dataset,
    http: httpPanel(ctx, options.secrets),
    sql: sqlPanel(ctx),
    energy: energyPanel(ctx),
  };
  const kind = h(
    'select',
    { name: 'kind' },
    KINDS.map(([value, label]) => h('option', { value }, label)),
  );
  const mapping = mappingFields(errors, options.initial.mapping ?? ENERGY_DEFAULT_MAPPING);
  let transforms: Transform[] | undefined = options.initial.transforms;
  let learned: string[] | null = null;

  const json = h('textarea', { name: 'sourceJson', rows: '10', spellcheck: 'false' });
  const jsonError = h('p', { class: 'field-error', id: 'source-json-error' });
  json.setAttribute('aria-describedby', 'source-json-error');
  const advanced = h(
    'details',
    { class: 'advanced-source' },
    h('summary', null, 'Advanced (JSON)'),
    h('p', { class: 'muted' }, 'The whole source, transforms included. Edit it and apply: the form above follows.'),
    h('label', { class: 'field' }, h('span', null, 'Source as JSON'), json),
    jsonError,
    h('button', { type: 'button', class: 'small', onclick: () => applyJson() }, 'Apply JSON'),
  );

  const show = (k: SourceKind) => {
    for (const [name, panel] of Object.entries(panels)) panel.element.hidden = name !== k;
  };
  const fill = (source: DataSourceConfig) => {
    kind.value = source.kind;
    panels[source.kind].fill(source);
    mapping.fill(source.mapping ?? ENERGY_DEFAULT_MAPPING);
    transforms = source.transforms;
    learned = null;
    show(source.kind);
  };
  /** The config as the fields hold it, before validation. */
  const compose = (): Record<string, unknown> => ({
    kind: kind.value,
    ...panels[kind.value as SourceKind].read(),
    mapping: mapping.read(),
    ...(transforms?.length ? { transforms } : {}),
  });
  const applyJson = () => {
    jsonError.textContent = '';
    let value: unknown;
    try {
      value = JSON.parse(json.value);
    } catch (e) {
      jsonError.textContent = `Not valid JSON: ${(e as Error).message}`;
      return;
    }
    const parsed = dataSourceConfigSchema.safeParse(value);
    if (!parsed.success) {
      jsonError.textContent = parsed.error.issues
        .map((i) => `${i.path.join('.') || 'source'}: ${friendly(i)}`)
        .join('; ');
      return;
    }
    fill(parsed.data);
    options.changed();
  };

  let lastKind = options.initial.kind;
  kind.addEventListener('change', () => {
    const k = kind.value as SourceKind;
    show(k);
    learned = null;
    // The energy source has fixed columns: map them all when switching to it.
    if (k === 'energy' && lastKind !== 'energy') mapping.fill(ENERGY_DEFAULT_MAPPING);
    lastKind = k;
  });

  const importBox = importControl(async ({ id, rowCount, name }) => {
    kind.value = 'dataset';
    lastKind = 'dataset';
    show('dataset');
    await dataset.choose(id);
    // A fresh file: map its first column to x and the next one to y, unless the mapping already fits it.
    const columns = dataset.columns() ?? [];
    const current = mapping.read();
    if (columns.length && !(columns.includes(current.x) && current.y.every((c) => columns.includes(c))))
      mapping.fill({ x: columns[0]!, y: columns.slice(1, 2).length ? [columns[1]!] : [columns[0]!] });
    notify(`Imported ${rowCount} rows from ${name} into your workspace. Map its columns, then save.`);
    options.changed();
  }, options.problem);

  const element = h(
    'div',
    { class: 'source-form' },
    errors.field('Kind', kind, 'kind'),
    Object.values(panels).map((p) => p.element),
    importBox,
    h('h3', { class: 'sub-heading' }, 'Columns on the axes'),
    mapping.element,
    advanced,
  );
  fill(options.initial);

  const syncJson = () => {
    if (advanced.open && document.activeElement !== json) json.value = JSON.stringify(compose(), null, 2);
  };
  advanced.addEventListener('toggle', syncJson);

  return {
    element,
    kind: () => kind.value as SourceKind,
    read() {
      const panel = panels[kind.value as SourceKind];
      mapping.setColumns(panel.columns() ?? learned);
      errors.clear();
      let raw: Record<string, unknown>;
      try {
        raw = compose();
      } catch (e) {
        if (isIssue(e)) throw new Error(errors.show([e])[0]);
        throw e;
      }
      syncJson();
      const parsed = dataSourceConfigSchema.safeParse(raw);
      const issues: FieldIssue[] = parsed.success
        ? []
        : parsed.error.issues.map((i) => ({ path: i.path, message: friendly(i) }));
      // Columns the form knows (inline data, a dataset, the energy source): a mapping naming another is wrong now.
      const known = panel.columns();
      if (known) {
        const m = raw.mapping as Mapping;
        const missing = (c: string) => c !== '' && !known.includes(c);
        if (missing(m.x)) issues.push({ path: ['mapping', 'x'], message: `no column "${m.x}"` });
        const y = m.y.find(missing);
        if (y) issues.push({ path: ['mapping', 'y'], message: `no column "${y}"` });
        if (m.series && missing(m.series))
          issues.push({ path: ['mapping', 'series'], message: `no column "${m.series}"` });
      }
      if (issues.length) {
        const lines = errors.show(issues);
        const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : '';
        throw new Error(`${lines[0]}${more}`);
      }
      return parsed.data as DataSourceConfig;
    },
    learnColumns(columns) {
      if (!columns?.length) return;
      learned = columns;
      if (!panels[kind.value as SourceKind].columns()) mapping.setColumns(columns);
    },
    showServerError(message) {
      const issue = serverIssue(message);
      const listed = /\(columns: ([^)]*)\)$/.exec(message)?.[1];
      if (listed) this.learnColumns(listed.split(', ').filter(Boolean));
      errors.show([issue ?? { path: [panels[kind.value as SourceKind].readField], message }]);
    },
  };
}

function isIssue(e: unknown): e is Error & FieldIssue {
  return e instanceof Error && Array.isArray((e as { path?: unknown }).path);
}

/** zod's messages, in the words of a form. */
function friendly(issue: { code: string; message: string; path: PropertyKey[] }): string {
  const { origin, minimum, format } = issue as { origin?: string; minimum?: unknown; format?: string };
  const last = issue.path.at(-1);
  if (issue.code === 'too_small' && origin === 'string' && minimum === 1) return 'required';
  if (issue.code === 'too_small' && origin === 'array' && last === 'y') return 'pick at least one column';
  if (issue.code === 'invalid_format' && format === 'url')
    return 'a full http(s) address, such as https://data.example.com/rows.json';
  if (issue.code === 'invalid_format' && format === 'uuid')
    return last === 'datasetId' ? 'choose a dataset' : 'choose one';
  return issue.message;
}
