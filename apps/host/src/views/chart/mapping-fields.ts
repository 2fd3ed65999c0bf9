import type { Mapping } from '@ocp/contract';
import { h, mount } from '../../ui/dom.js';
import type { FieldErrors } from './field-errors.js';

export interface MappingFields {
  element: HTMLElement;
  read(): Mapping;
  fill(mapping: Mapping): void;
  /** The columns the source is known to hold (file order), offered as choices; null while unknown. */
  setColumns(columns: string[] | null): void;
  columns(): string[] | null;
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Which columns feed the axes. X and series are comboboxes over the source's columns; y is a comma-separated list
 * that a checkbox per known column edits too (kept in the order the columns were picked).
 */
export function mappingFields(errors: FieldErrors, initial: Mapping): MappingFields {
  const list = h('datalist', { id: 'chart-columns' });
  const x = h('input', { type: 'text', name: 'x', list: 'chart-columns', value: initial.x, autocomplete: 'off' });
  const y = h('input', { type: 'text', name: 'y', value: initial.y.join(', '), autocomplete: 'off' });
  const series = h('input', {
    type: 'text',
    name: 'series',
    list: 'chart-columns',
    value: initial.series ?? '',
    autocomplete: 'off',
  });
  const picks = h('fieldset', { class: 'column-picks' });
  let known: string[] | null = null;

  const syncPicks = () => {
    const chosen = new Set(splitList(y.value));
    for (const box of picks.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
      box.checked = chosen.has(box.value);
  };
  y.addEventListener('input', syncPicks);
  picks.addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    const current = splitList(y.value).filter((c) => c !== box.value);
    y.value = (box.checked ? [...current, box.value] : current).join(', ');
  });

  const element = h(
    'div',
    { class: 'mapping' },
    list,
    errors.field('X column', x, 'mapping.x'),
    errors.field('Y columns (comma separated)', y, 'mapping.y'),
    picks,
    errors.field('Series column (optional)', series, 'mapping.series', 'One trace per distinct value of this column.'),
  );
  picks.hidden = true;

  return {
    element,
    read() {
      const s = series.value.trim();
      return { x: x.value.trim(), y: splitList(y.value), ...(s ? { series: s } : {}) };
    },
    fill(mapping) {
      x.value = mapping.x;
      y.value = mapping.y.join(', ');
      series.value = mapping.series ?? '';
      syncPicks();
    },
    setColumns(columns) {
      if (JSON.stringify(columns) === JSON.stringify(known)) return;
      known = columns;
      mount(
        list,
        (columns ?? []).map((c) => h('option', { value: c })),
      );
      picks.hidden = !columns?.length;
      mount(
        picks,
        h('legend', null, 'Pick Y columns'),
        (columns ?? []).map((c) =>
          h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'y-pick', value: c }), ` ${c}`),
        ),
      );
      syncPicks();
    },
    columns: () => known,
  };
}
