import type { PositionConfig } from '@ocp/contract';
import { h, mount } from '../../ui/dom.js';
import { type DraftSlot, type DraftTemplate, overlapsAny, rectBetween } from './draft.js';

/**
 * The drawing grid: one cell per column and row; press on a cell and drag to another to draw a slot over the
 * rectangle between them (refused where it would overlap a slot). Slots show on top with their label; clicking one
 * selects it. Pointer only: the builder's "Add slot" button and the slot's size fields do the same by keyboard.
 */
export function drawingCanvas(options: {
  draft: () => DraftTemplate;
  selected: () => DraftSlot | undefined;
  onDraw: (p: PositionConfig) => void;
  onSelect: (s: DraftSlot) => void;
}): { element: HTMLElement; render: () => void } {
  const element = h('div', { class: 'draw-grid', 'aria-label': 'Template grid: drag across cells to draw a slot' });
  let start: { x: number; y: number } | null = null;
  let ghost: HTMLElement | null = null;

  const cellAt = (e: PointerEvent) => {
    const cell = (document.elementFromPoint(e.clientX, e.clientY) as HTMLElement | null)?.closest<HTMLElement>(
      '.draw-cell',
    );
    return cell ? { x: Number(cell.dataset.x), y: Number(cell.dataset.y) } : null;
  };
  const place = (el: HTMLElement, p: PositionConfig) => {
    el.style.gridColumn = `${p.x + 1} / span ${p.w}`;
    el.style.gridRow = `${p.y + 1} / span ${p.h}`;
  };

  element.addEventListener('pointerdown', (e) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('.draw-cell');
    if (!cell || e.button !== 0) return;
    e.preventDefault();
    start = { x: Number(cell.dataset.x), y: Number(cell.dataset.y) };
    ghost = h('div', { class: 'draw-ghost' });
    place(ghost, rectBetween(start, start));
    element.append(ghost);
  });
  element.addEventListener('pointermove', (e) => {
    if (!start || !ghost) return;
    const at = cellAt(e);
    if (!at) return;
    const rect = rectBetween(start, at);
    place(ghost, rect);
    ghost.classList.toggle('refused', overlapsAny(options.draft().slots, rect));
  });
  const finish = (e: PointerEvent) => {
    if (!start) return;
    const at = cellAt(e) ?? start;
    const rect = rectBetween(start, at);
    start = null;
    ghost?.remove();
    ghost = null;
    if (!overlapsAny(options.draft().slots, rect)) options.onDraw(rect);
  };
  element.addEventListener('pointerup', finish);
  element.addEventListener('pointerleave', () => {
    start = null;
    ghost?.remove();
    ghost = null;
  });

  const render = () => {
    const d = options.draft();
    const columns = d.layoutConfig.columns;
    const rows = Math.max(8, ...d.slots.map((s) => s.positionConfig.y + s.positionConfig.h + 2));
    element.style.setProperty('--columns', String(columns));
    element.style.setProperty('--rows', String(rows));
    const cells: HTMLElement[] = [];
    for (let y = 0; y < rows; y++)
      for (let x = 0; x < columns; x++) {
        const cell = h('div', { class: 'draw-cell', 'data-x': String(x), 'data-y': String(y) });
        place(cell, { x, y, w: 1, h: 1 });
        cells.push(cell);
      }
    const slots = d.slots.map((s) => {
      const el = h(
        'button',
        {
          type: 'button',
          class: 'draw-slot',
          'data-slot-key': s.slotKey,
          'aria-pressed': s === options.selected() ? 'true' : 'false',
          onclick: () => options.onSelect(s),
        },
        h('strong', null, s.slotKey),
        h('span', null, `${s.slotType} · ${s.positionConfig.w}×${s.positionConfig.h}`),
      );
      place(el, s.positionConfig);
      return el;
    });
    mount(element, cells, slots);
  };
  render();
  return { element, render };
}
