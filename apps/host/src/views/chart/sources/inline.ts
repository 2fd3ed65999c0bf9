import type { Cell, Columns, DataSourceConfig } from '@ocp/contract';
import { h, mount } from '../../../ui/dom.js';
import { csvToTable, parseCell, tableToCsv } from '../csv.js';
import type { PanelContext, SourcePanel } from './panel.js';

/** Rows the table shows; the CSV box below holds the rest (pasting a big table should not build 10,000 inputs). */
const TABLE_ROWS = 200;

const text = (v: Cell | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * Inline data: a table to edit (cells, column names, rows and columns added or removed) and, for pasting, the same
 * data as CSV. Editing one updates the other.
 */
export function inlinePanel(ctx: PanelContext): SourcePanel {
  let names: string[] = [];
  let rows: string[][] = [];
  const csv = h('textarea', { name: 'csv', rows: '5', spellcheck: 'false' });
  const table = h('table', { class: 'data-table editable' });
  const more = h('p', { class: 'muted' });

  const columns = (): Columns => {
    const out: Columns = {};
    names.forEach((name, c) => {
      out[name] = rows.map((r) => parseCell(r[c]));
    });
    return out;
  };
  const load = (data: Columns, order: string[]) => {
    names = order;
    const length = Math.max(0, ...names.map((n) => data[n]!.length));
    rows = Array.from({ length }, (_, i) => names.map((n) => text(data[n]![i])));
  };
  const toCsv = () => {
    csv.value = tableToCsv(names, rows);
  };

  const button = (label: string, onclick: () => void, name = label) =>
    h('button', { type: 'button', class: 'small', 'aria-label': name, onclick }, label);
  const edited = () => {
    render();
    toCsv();
    ctx.changed();
  };
  const render = () => {
    const head = h(
      'tr',
      null,
      h('td', { class: 'corner' }),
      names.map((name, c) =>
        h(
          'th',
          { scope: 'col' },
          h('input', {
            type: 'text',
            value: name,
            'aria-label': `Column ${c + 1} name`,
            oninput: (e: Event) => {
              names[c] = (e.target as HTMLInputElement).value;
              toCsv();
            },
          }),
          button(
            '✕',
            () => {
              names.splice(c, 1);
              for (const r of rows) r.splice(c, 1);
              edited();
            },
            `Remove column ${name || c + 1}`,
          ),
        ),
      ),
    );
    const body = rows.slice(0, TABLE_ROWS).map((r, i) =>
      h(
        'tr',
        null,
        h(
          'th',
          { scope: 'row' },
          button(
            '✕',
            () => {
              rows.splice(i, 1);
              edited();
            },
            `Remove row ${i + 1}`,
          ),
        ),
        names.map((name, c) =>
          h(
            'td',
            null,
            h('input', {
              type: 'text',
              value: r[c] ?? '',
              'aria-label': `Row ${i + 1}, ${name || `column ${c + 1}`}`,
              oninput: (e: Event) => {
                r[c] = (e.target as HTMLInputElement).value;
                toCsv();
              },
            }),
          ),
        ),
      ),
    );
    mount(
      table,
      h('caption', { class: 'visually-hidden' }, 'Chart data'),
      h('thead', null, head),
      h('tbody', null, body),
    );
    more.textContent =
      rows.length > TABLE_ROWS
        ? `The table shows the first ${TABLE_ROWS} of ${rows.length} rows; the CSV holds them all.`
        : '';
  };
  csv.addEventListener('input', () => {
    ({ names, rows } = csvToTable(csv.value));
    render();
  });

  const tableErrors = ctx.errors.register('columns', 'Data', table);
  const element = h(
    'div',
    { class: 'inline-source' },
    h('div', { class: 'table-scroll' }, table),
    more,
    tableErrors,
    h(
      'div',
      { class: 'row-actions' },
      button('Add row', () => {
        rows.push(names.map(() => ''));
        edited();
      }),
      button('Add column', () => {
        names.push(`column${names.length + 1}`);
        for (const r of rows) r.push('');
        edited();
      }),
    ),
    ctx.errors.field(
      'Data (CSV, first row is the header)',
      csv,
      'csv',
      'Paste from a spreadsheet or type; the table follows.',
    ),
  );

  return {
    kind: 'inline',
    element,
    readField: 'columns',
    read() {
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n)) throw Object.assign(new Error(`two columns are named "${n}"`), { path: ['columns'] });
        seen.add(n);
      }
      return { columns: columns() };
    },
    fill(source: DataSourceConfig) {
      if (source.kind !== 'inline') return;
      load(source.columns, orderedNames(source.columns, source.mapping));
      render();
      toCsv();
    },
    columns: () => [...names],
  };
}

/**
 * A saved chart's inline columns come back from the database in its own key order (jsonb sorts keys), not the one
 * they were typed in: show the mapped columns first (x, then y, then series), the others after.
 */
function orderedNames(columns: Columns, mapping: { x: string; y: string[]; series?: string }): string[] {
  const first = [mapping.x, ...mapping.y, ...(mapping.series ? [mapping.series] : [])].filter((c) => c in columns);
  return [...new Set([...first, ...Object.keys(columns)])];
}
