import type { Cell } from '@ocp/contract';
import { h } from '../../ui/dom.js';

/** A read-only table of columnar rows (a dataset's first rows), its caption saying what it shows. */
export function dataTable(
  caption: string,
  columns: Array<{ name: string; type?: string }>,
  cells: Cell[][],
): HTMLElement {
  const length = Math.max(0, ...cells.map((c) => c.length));
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table' },
      h('caption', null, caption),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          columns.map((c) =>
            h('th', { scope: 'col' }, c.name, c.type ? h('span', { class: 'muted type' }, ` ${c.type}`) : null),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        Array.from({ length }, (_, i) =>
          h(
            'tr',
            null,
            cells.map((column) =>
              h('td', null, column[i] === null || column[i] === undefined ? '' : String(column[i])),
            ),
          ),
        ),
      ),
    ),
  );
}
