import type { LayoutConfig, PositionConfig } from '@ocp/contract';

export interface GridArea {
  /** 1-based CSS grid lines. */
  column: number;
  columnSpan: number;
  row: number;
  rowSpan: number;
}

/**
 * The column count for a container width: the breakpoint with the largest `minWidth` not above the width,
 * else the layout's own `columns`. Without breakpoints the layout never changes.
 */
export function activeBreakpoint(layout: LayoutConfig, width: number): { name: string | null; columns: number } {
  let best: { name: string | null; columns: number; minWidth: number } = {
    name: null,
    columns: layout.columns,
    minWidth: -1,
  };
  for (const [name, bp] of Object.entries(layout.breakpoints ?? {})) {
    if (bp.minWidth <= width && bp.minWidth > best.minWidth)
      best = { name, columns: bp.columns, minWidth: bp.minWidth };
  }
  return { name: best.name, columns: Math.min(best.columns, 48) };
}

/**
 * The column count to lay `positions` out on when a breakpoint asks for `wanted`: the smallest count from `wanted` up
 * on which every slot edge falls on a grid line, so slots keep their exact proportions (four 3-of-12 KPI tiles at 6
 * columns would round to spans 2:1:2:1; at 8 they are 2:2:2:2). The layout's own count always qualifies; one column
 * (stacking) is kept as asked.
 */
export function exactColumns(layoutColumns: number, positions: readonly PositionConfig[], wanted: number): number {
  if (wanted <= 1 || wanted === layoutColumns) return wanted;
  const exact = (c: number) =>
    positions.every((p) => (p.x * c) % layoutColumns === 0 && (p.w * c) % layoutColumns === 0);
  for (let c = wanted; c <= Math.max(layoutColumns, 48); c++) if (exact(c)) return c;
  return layoutColumns;
}

/**
 * Where each slot goes at `columns` columns. At the layout's own column count positions are used as given.
 * With fewer columns the x extents are scaled (edges rounded, so neighbours stay neighbours); at one column the
 * slots stack in reading order (top to bottom, then left to right), each keeping its height.
 */
export function placeSlots(layout: LayoutConfig, positions: readonly PositionConfig[], columns: number): GridArea[] {
  if (columns === layout.columns) {
    return positions.map((p) => ({ column: p.x + 1, columnSpan: p.w, row: p.y + 1, rowSpan: p.h }));
  }
  if (columns === 1) {
    const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p.y - b.p.y || a.p.x - b.p.x);
    const areas: GridArea[] = new Array(positions.length);
    let row = 1;
    for (const { p, i } of order) {
      areas[i] = { column: 1, columnSpan: 1, row, rowSpan: p.h };
      row += p.h;
    }
    return areas;
  }
  const scale = columns / layout.columns;
  return positions.map((p) => {
    const start = Math.min(columns - 1, Math.round(p.x * scale));
    const end = Math.min(columns, Math.max(start + 1, Math.round((p.x + p.w) * scale)));
    return { column: start + 1, columnSpan: end - start, row: p.y + 1, rowSpan: p.h };
  });
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * Keyboard movement between slots: the nearest slot whose centre lies in `direction` from the current one,
 * preferring slots in line with it (off-axis distance counts double).
 */
export function neighbour(areas: readonly GridArea[], from: number, direction: Direction): number {
  const c = (a: GridArea) => ({ x: a.column + a.columnSpan / 2, y: a.row + a.rowSpan / 2 });
  const origin = areas[from];
  if (!origin) return from;
  const o = c(origin);
  let best = from;
  let bestScore = Number.POSITIVE_INFINITY;
  areas.forEach((a, i) => {
    if (i === from) return;
    const p = c(a);
    const dx = p.x - o.x;
    const dy = p.y - o.y;
    const [along, across] =
      direction === 'right' ? [dx, dy] : direction === 'left' ? [-dx, dy] : direction === 'down' ? [dy, dx] : [-dy, dx];
    if (along <= 0) return;
    const score = along + 2 * Math.abs(across);
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}
