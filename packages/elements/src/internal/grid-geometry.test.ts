import { expect } from '@esm-bundle/chai';
import { activeBreakpoint, exactColumns, neighbour, placeSlots } from './grid-geometry.js';

const layout = {
  columns: 12,
  rowHeight: 80,
  gap: 12,
  breakpoints: {
    sm: { minWidth: 0, columns: 1 },
    md: { minWidth: 640, columns: 6 },
    lg: { minWidth: 1024, columns: 12 },
  },
};

describe('grid geometry', () => {
  it('picks the breakpoint with the largest minWidth not above the width', () => {
    expect(activeBreakpoint(layout, 300)).to.deep.equal({ name: 'sm', columns: 1 });
    expect(activeBreakpoint(layout, 640)).to.deep.equal({ name: 'md', columns: 6 });
    expect(activeBreakpoint(layout, 5000)).to.deep.equal({ name: 'lg', columns: 12 });
    expect(activeBreakpoint({ columns: 8, rowHeight: 10, gap: 0 }, 100)).to.deep.equal({ name: null, columns: 8 });
  });

  it('scales x extents without gaps or overlaps between neighbours', () => {
    const thirds = [0, 4, 8].map((x) => ({ x, y: 0, w: 4, h: 2 }));
    const areas = placeSlots(layout, thirds, 6);
    expect(areas.map((a) => [a.column, a.columnSpan])).to.deep.equal([
      [1, 2],
      [3, 2],
      [5, 2],
    ]);
    const quarters = [0, 3, 6, 9].map((x) => ({ x, y: 0, w: 3, h: 2 }));
    const q = placeSlots(layout, quarters, 6);
    for (let i = 1; i < q.length; i++) expect(q[i]!.column).to.equal(q[i - 1]!.column + q[i - 1]!.columnSpan);
    expect(q.at(-1)!.column + q.at(-1)!.columnSpan).to.equal(7);
  });

  it('exactColumns: the smallest count from the wanted one on which every slot edge falls on a grid line', () => {
    const kpis = [0, 3, 6, 9].map((x) => ({ x, y: 0, w: 3, h: 2 }));
    const charts = [0, 6].map((x) => ({ x, y: 2, w: 6, h: 5 }));
    expect(exactColumns(12, [...kpis, ...charts], 6)).to.equal(8);
    expect(exactColumns(12, charts, 6)).to.equal(6);
    expect(exactColumns(12, [...kpis, ...charts], 1)).to.equal(1);
    expect(
      exactColumns(
        12,
        [
          { x: 0, y: 0, w: 5, h: 1 },
          { x: 5, y: 0, w: 7, h: 1 },
        ],
        6,
      ),
    ).to.equal(12);
    const spans = placeSlots(layout, kpis, 8).map((a) => a.columnSpan);
    expect(spans).to.deep.equal([2, 2, 2, 2]);
  });

  it('finds the neighbour in each direction', () => {
    const areas = placeSlots(
      layout,
      [
        { x: 0, y: 0, w: 12, h: 5 },
        { x: 0, y: 5, w: 4, h: 4 },
        { x: 4, y: 5, w: 4, h: 4 },
        { x: 8, y: 5, w: 4, h: 4 },
      ],
      12,
    );
    expect(neighbour(areas, 0, 'down')).to.equal(2);
    expect(neighbour(areas, 1, 'right')).to.equal(2);
    expect(neighbour(areas, 3, 'left')).to.equal(2);
    expect(neighbour(areas, 3, 'up')).to.equal(0);
    expect(neighbour(areas, 0, 'up')).to.equal(0);
  });
});
