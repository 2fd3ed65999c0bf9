import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Columns } from '@ocp/contract';
import { workspaceItems } from '@ocp/db';
import { createTestDb, rawQuery, type TestDb } from '@ocp/db/testing';
import { eq } from 'drizzle-orm';
import { DataEngine, importDataset, parseCsv, parseJson, selectRows } from '../../src/data/index.js';
import { readDataset } from '../../src/data/sources/db-sources.js';
import { addChart, addUser, forData } from './helpers.js';

/** Every kind of cell a CSV import types: numbers, booleans, date-times, text, an all-empty column, empty cells. */
const CSV = [
  'when,n,flag,label,blank,zip',
  '2026-01-01T00:00:00Z,1.5,true,"Zürich, ""Nord""",,007',
  '2026-01-01 01:30,-0.000001,,"two\nlines",,010',
  ',1e-300,FALSE,NaN,,',
  '2026-03-01T12:00:00+02:00,,true,,,100',
  '1999-12-31,123456789012345680000,false,日本 ✓,,001',
].join('\n');

describe('datasets stored as binary columns', () => {
  let db: TestDb;
  let userId: string;
  const engine = new DataEngine();
  before(async () => {
    db = await createTestDb();
    userId = await addUser(db);
  });
  after(() => db?.close());

  test('every column type round-trips through import, storage and chart data: exact values, empties, order', async () => {
    const parsed = await parseCsv([CSV]);
    const imported = await importDataset(db.db, userId, { title: 'All types', format: 'csv', text: CSV });
    assert.deepEqual(
      imported.schema.map((c) => c.type),
      ['datetime', 'number', 'boolean', 'string', 'empty', 'string'],
    );
    const stored = await rawQuery<{ name: string; type: string; row_count: number; bytes: number }>(
      db,
      `SELECT name, type, row_count, octet_length(data) AS bytes FROM dataset_chunks WHERE item_id = $1 ORDER BY name`,
      [imported.id],
    );
    assert.deepEqual(
      stored.map((r) => [r.name, r.type, Number(r.row_count), Number(r.bytes)]),
      [
        ['blank', 'empty', 5, 0],
        ['flag', 'boolean', 5, 5],
        ['label', 'string', 5, Buffer.byteLength(['Zürich, "Nord"', 'two\nlines', 'NaN', '', '日本 ✓'].join('\u0000'))],
        ['n', 'number', 5, 40],
        ['when', 'datetime', 5, 40],
        ['zip', 'string', 5, Buffer.byteLength(['007', '010', '', '100', '001'].join('\u0000'))],
      ],
      'one binary value per column: 8 bytes a number or time, a byte a boolean, NUL-separated text',
    );

    const names = ['zip', 'blank', 'label', 'flag', 'n', 'when'];
    const columns = await readDataset(db.db, imported.id, names);
    assert.deepEqual(Object.keys(columns), names, 'in the order asked for');
    assert.deepEqual(columns, parsed.columns, 'the very cells the import parsed');
    assert.deepEqual(columns.when, [
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T01:30:00.000Z',
      null,
      '2026-03-01T10:00:00.000Z',
      '1999-12-31T00:00:00.000Z',
    ]);
    assert.deepEqual(columns.n, [1.5, -0.000001, 1e-300, null, 123456789012345680000]);
    assert.deepEqual(columns.flag, [true, null, false, true, false]);
    assert.deepEqual(columns.label, ['Zürich, "Nord"', 'two\nlines', 'NaN', null, '日本 ✓']);
    assert.deepEqual(columns.blank, [null, null, null, null, null]);

    const chart = await addChart(
      db,
      { userId },
      { kind: 'dataset', datasetId: imported.id, mapping: { x: 'when', y: ['n'] } },
    );
    const inline = await addChart(
      db,
      { userId },
      { kind: 'inline', columns: parsed.columns, mapping: { x: 'when', y: ['n'] } },
    );
    const fromDataset = await engine.resolve(db.db, forData(chart), { width: 800 });
    const fromInline = await engine.resolve(db.db, forData(inline), { width: 800 });
    assert.deepEqual(fromDataset.traces, fromInline.traces);
    assert.deepEqual({ ...fromDataset.meta, columns: [] }, { ...fromInline.meta, columns: [] });
    assert.equal(fromDataset.meta.timeBased, true);
    assert.deepEqual(fromDataset.traces[0]!.y, columns.n);
  });

  test('a JSON import over several chunks: a key that appears late, a column that turns to text late, downsampling as from the cells', async () => {
    const n = 60_000; // three chunks: 33,334 rows while there are three columns, 25,000 once `late` appears
    const start = Date.UTC(2026, 0, 1);
    const records = Array.from({ length: n }, (_, i) => ({
      t: i === 1234 ? null : new Date(start + i * 60_000).toISOString(),
      v: i % 997 === 5 ? null : Math.sin(i / 500) * 100 + (i % 7),
      ...(i >= 55_000 && { late: i % 3 === 0 ? null : i }),
      ...(i === 0 && { mixed: 1 }),
      ...(i === n - 1 && { mixed: 'text at last' }),
    }));
    const text = JSON.stringify(records);
    const parsed = await parseJson([text]);
    const imported = await importDataset(db.db, userId, { title: 'Late keys', format: 'json', text });
    const chunks = await rawQuery<{ name: string; chunks: number; rows: number; types: string }>(
      db,
      `SELECT name, count(*)::int AS chunks, sum(row_count)::int AS rows, string_agg(type, ',' ORDER BY chunk_no) AS types
         FROM dataset_chunks WHERE item_id = $1 GROUP BY name ORDER BY name`,
      [imported.id],
    );
    assert.deepEqual(
      chunks.map((c) => [c.name, Number(c.chunks), Number(c.rows), c.types]),
      [
        ['late', 3, n, 'empty,number,number'],
        ['mixed', 3, n, 'number,number,string'],
        ['t', 3, n, 'datetime,datetime,datetime'],
        ['v', 3, n, 'number,number,number'],
      ],
      'every column has a row in every chunk',
    );
    const names = ['t', 'v', 'late', 'mixed'];
    const columns = await readDataset(db.db, imported.id, names);
    assert.deepEqual(columns, parsed.columns);
    assert.equal(columns.mixed![0], '1', 'cells stored as numbers before the column turned to text read as text');
    assert.equal(columns.late![54_999], null);

    // Downsampling reads stored columns' numbers directly: it must pick exactly what it picks from parsed cells.
    for (const [x, y] of [
      ['t', ['v']], // x with an empty cell: by row number
      ['v', ['late']], // x not increasing
    ] as const) {
      const mapping = { x, y: [...y] };
      const fromStore = selectRows(columns, mapping, 400, 'minmaxlttb');
      assert.ok(fromStore && fromStore.length <= 400 && fromStore.length > 100);
      assert.deepEqual(fromStore, selectRows(cellsOnly(parsed.columns), mapping, 400, 'minmaxlttb'));
    }
    const ordered = await importDataset(db.db, userId, {
      title: 'Ordered',
      format: 'json',
      text: JSON.stringify(records.filter((r) => r.t !== null)),
    });
    const orderedColumns = await readDataset(db.db, ordered.id, ['t', 'v']);
    const mapping = { x: 't', y: ['v'] };
    assert.deepEqual(
      selectRows(orderedColumns, mapping, 400, 'minmaxlttb'),
      selectRows(cellsOnly(orderedColumns), mapping, 400, 'minmaxlttb'),
      'increasing times: the stored epoch milliseconds are the x values',
    );
    const chart = await addChart(db, { userId }, { kind: 'dataset', datasetId: ordered.id, mapping });
    const data = await engine.resolve(db.db, forData(chart), { width: 300 });
    assert.equal(data.meta.downsampled, true);
    assert.equal(data.meta.timeBased, true);
    assert.equal((data.traces[0]!.x as unknown[])[0], '2026-01-01T00:00:00.000Z');
  });

  test('a dataset rewritten through the API as whole columns is read from its content', async () => {
    const imported = await importDataset(db.db, userId, { title: 'Rewritten', format: 'csv', text: 'a,b\n1,x\n' });
    await db.db
      .update(workspaceItems)
      .set({ content: { format: 'columnar', columns: { a: [5, 6], b: ['y', null] } } })
      .where(eq(workspaceItems.id, imported.id));
    assert.deepEqual(await readDataset(db.db, imported.id, ['b', 'a']), { a: [5, 6], b: ['y', null] });
  });
});

/** The same cells in fresh arrays: what downsampling sees of cells that did not come from storage. */
function cellsOnly(columns: Columns): Columns {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, [...v]]));
}
