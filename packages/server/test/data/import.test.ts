import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { workspaceItems } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import type { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { DataEngine, importDataset, parseCsv, parseJson } from '../../src/data/index.js';
import { readDataset } from '../../src/data/sources/db-sources.js';
import { addChart, addTeam, addUser, forData } from './helpers.js';

const csv = (text: string) => parseCsv([text]);
/** Feeds text in tiny chunks, so that quotes, CRLF and multi-byte characters straddle chunk boundaries. */
const chunked = (text: string, size = 3) => {
  const bytes = Buffer.from(text);
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );
};

describe('CSV import: edge cases', () => {
  test('quotes, escaped quotes, a line break and a delimiter inside quotes, CRLF, BOM, empty lines', async () => {
    const text =
      '\uFEFFname,note,kwh\r\n' +
      '"Plant ""North""","line one\r\nline two",12.5\r\n' +
      '\r\n' +
      'South,"a, b",7\r\n' +
      '\r\n';
    for (const input of [[text], chunked(text)]) {
      const out = await parseCsv(input);
      assert.deepEqual(out.columns, {
        name: ['Plant "North"', 'South'],
        note: ['line one\r\nline two', 'a, b'],
        kwh: [12.5, 7],
      });
      assert.deepEqual(
        out.schema.map((s) => s.name),
        ['name', 'note', 'kwh'],
        'the BOM is not part of the first header',
      );
    }
  });

  test('type inference: numbers, booleans, date-times (UTC ISO), empty cells as null, mixed types stay text', async () => {
    const out = await csv(
      [
        'n,flag,when,mixed,zip,blank',
        '1,true,2026-01-01,1,007,',
        '-2.5e3,FALSE,2026-01-02 10:30,two,012,',
        ',true,2026-01-03T00:00:00+01:00,3.0,100,',
      ].join('\n'),
    );
    assert.deepEqual(out.schema, [
      { name: 'n', type: 'number' },
      { name: 'flag', type: 'boolean' },
      { name: 'when', type: 'datetime' },
      { name: 'mixed', type: 'string' },
      { name: 'zip', type: 'string' },
      { name: 'blank', type: 'empty' },
    ]);
    assert.deepEqual(out.columns.n, [1, -2500, null]);
    assert.deepEqual(out.columns.flag, [true, false, true]);
    assert.deepEqual(out.columns.when, [
      '2026-01-01T00:00:00.000Z',
      '2026-01-02T10:30:00.000Z',
      '2026-01-02T23:00:00.000Z',
    ]);
    assert.deepEqual(out.columns.mixed, ['1', 'two', '3.0'], 'a mixed column keeps each cell’s original text');
    assert.deepEqual(out.columns.zip, ['007', '012', '100'], 'leading zeros are identifiers, not numbers');
    assert.deepEqual(out.columns.blank, [null, null, null]);
  });

  test('short rows are padded; long rows, unterminated quotes and oversize input are refused with a reason', async () => {
    assert.deepEqual((await csv('a,b,c\n1\n')).columns, { a: [1], b: [null], c: [null] });
    await assert.rejects(csv('a,b\n1,2,3\n'), (e: TRPCError) => e.code === 'BAD_REQUEST' && /line 2/i.test(e.message));
    await assert.rejects(csv('a\n"open\n'), (e: TRPCError) => e.code === 'BAD_REQUEST' && /CSV line/.test(e.message));
    await assert.rejects(parseCsv(['a\n1\n2\n'], { maxBytes: 4 }), (e: TRPCError) => e.code === 'PAYLOAD_TOO_LARGE');
  });

  test('empty and repeated header names get usable names', async () => {
    const out = await csv('x,,x\n1,2,3\n');
    assert.deepEqual(Object.keys(out.columns), ['x', 'column_2', 'x_2']);
  });
});

describe('JSON import', () => {
  test('an array of records, streamed element by element across chunk boundaries; keys appear late', async () => {
    const text =
      ' [ {"t":"2026-01-01T00:00:00Z","v":1,"tag":"a,]"}, {"t":"2026-01-01T01:00:00Z","v":2.5,"extra":{"k":[1,2]}} ] ';
    const out = await parseJson(chunked(text, 5));
    assert.deepEqual(out.columns, {
      t: ['2026-01-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z'],
      v: [1, 2.5],
      tag: ['a,]', null],
      extra: [null, '{"k":[1,2]}'],
    });
    assert.equal(out.schema.find((s) => s.name === 'v')!.type, 'number');
  });

  test('an object of columns; JSON strings that spell numbers stay text; mixed → text', async () => {
    const out = await parseJson(['{"id":["1","2"],"v":[1,"x"],"ok":[true,null]}']);
    assert.deepEqual(out.columns, { id: ['1', '2'], v: ['1', 'x'], ok: [true, null] });
  });

  test('invalid JSON and non-record arrays are refused', async () => {
    await assert.rejects(parseJson(['[{"a":1},']), (e: TRPCError) => e.code === 'BAD_REQUEST');
    await assert.rejects(parseJson(['[1,2]']), (e: TRPCError) => /not an object/.test(e.message));
  });
});

describe('a 10 MB CSV streams', () => {
  test('parsing keeps pace with the arriving file (back-pressure), and only the columns stay in memory', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const rowsWanted = 250_000;
    const header = 'time,site,kwh,note\n';
    const line = (i: number) =>
      `${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()},site-${i % 7},${(i % 1000) / 10},"n ""${i % 13}"""\n`;
    let bytes = header.length;
    let parsedRows = 0;
    let maxLagRows = 0;
    const source = Readable.from(
      (function* () {
        yield Buffer.from(header);
        let chunk = '';
        for (let i = 1; i <= rowsWanted; i++) {
          chunk += line(i - 1);
          if (chunk.length > 64 * 1024 || i === rowsWanted) {
            // How far the producer is ahead of the parser when it hands over the next chunk.
            maxLagRows = Math.max(maxLagRows, i - parsedRows);
            bytes += chunk.length;
            yield Buffer.from(chunk);
            chunk = '';
          }
        }
      })(),
    );
    gc();
    const before = v8.getHeapStatistics().used_heap_size;
    let peak = before;
    const out = await parseCsv(source, {
      onProgress: (rows) => {
        parsedRows = rows;
        peak = Math.max(peak, v8.getHeapStatistics().used_heap_size);
      },
    });
    gc();
    const retained = v8.getHeapStatistics().used_heap_size - before;
    assert.ok(bytes > 10_000_000, `${bytes} bytes generated`);
    assert.equal(out.rowCount, rowsWanted);
    assert.equal(out.bytes, bytes);
    assert.equal(out.columns.kwh![999], 99.9);
    assert.equal(out.columns.note![12], 'n "12"');
    // A parser that read the whole file first would be 250,000 rows behind at the end. Here the producer is
    // never more than the stream buffers (16 chunks of 64 KB ≈ 22,000 rows) plus one progress step ahead.
    assert.ok(maxLagRows < 40_000, `producer ran ${maxLagRows} rows ahead of the parser`);
    // What stays is the columns alone: V8 strings and arrays cost about 3× the CSV text. The text itself (or a
    // row-object copy) would add to that.
    assert.ok(
      retained < bytes * 4,
      `retained ${(retained / 1e6).toFixed(1)} MB for a ${(bytes / 1e6).toFixed(1)} MB file`,
    );
    console.log(
      `csv import: ${(bytes / 1e6).toFixed(1)} MB file, ${(retained / 1e6).toFixed(1)} MB retained (columns), ` +
        `peak heap +${((peak - before) / 1e6).toFixed(1)} MB incl. garbage, producer ahead by ≤ ${maxLagRows} rows`,
    );
  });
});

describe('importDataset and dataset sources', () => {
  let db: TestDb;
  let userId: string;
  const engine = new DataEngine();
  before(async () => {
    db = await createTestDb();
    userId = await addUser(db);
  });
  after(() => db?.close());

  test('imports a CSV stream into a dataset item, stored columnar with its schema', async () => {
    const imported = await importDataset(db.db, userId, {
      title: 'Meter export',
      format: 'csv',
      stream: chunked('time,kwh,site\n2026-01-01T00:00Z,1.5,a\n2026-01-01T00:15Z,2,b\n', 7),
      folderPath: '/Energy',
      tags: ['import'],
    });
    assert.equal(imported.rowCount, 2);
    const [item] = await db.db.select().from(workspaceItems).where(eq(workspaceItems.id, imported.id));
    assert.equal(item!.itemType, 'dataset');
    assert.equal(item!.folderPath, '/Energy');
    const content = item!.content as { format: string; storage: string; rowCount: number; schema: unknown };
    assert.equal(content.format, 'columnar');
    assert.equal(content.storage, 'chunks');
    assert.equal(content.rowCount, 2);
    assert.deepEqual(content.schema, [
      { name: 'time', type: 'datetime' },
      { name: 'kwh', type: 'number' },
      { name: 'site', type: 'string' },
    ]);
    const columns = await readDataset(db.db, imported.id, ['kwh', 'time']);
    assert.deepEqual(columns, {
      kwh: [1.5, 2],
      time: ['2026-01-01T00:00:00.000Z', '2026-01-01T00:15:00.000Z'],
    });
  });

  test('a chart on the dataset gets traces; the dataset’s own changes are never served stale', async () => {
    const imported = await importDataset(db.db, userId, {
      title: 'Daily',
      format: 'json',
      text: '[{"day":"2026-01-01","kwh":3},{"day":"2026-01-02","kwh":4},{"day":"2026-01-03","kwh":5}]',
    });
    const chart = await addChart(
      db,
      { userId },
      {
        kind: 'dataset',
        datasetId: imported.id,
        mapping: { x: 'day', y: ['kwh'] },
      },
    );
    const first = await engine.resolve(db.db, forData(chart), { range: { from: '2026-01-02' } });
    assert.deepEqual(first.traces[0]!.y, [4, 5]);
    const { sourcePoints, returnedPoints, downsampled } = first.meta;
    const meta = { sourcePoints, returnedPoints, downsampled };
    assert.deepEqual(meta, { sourcePoints: 3, returnedPoints: 2, downsampled: false });
    await db.db
      .update(workspaceItems)
      .set({ content: { format: 'columnar', columns: { day: ['2026-01-02'], kwh: [40] } } })
      .where(eq(workspaceItems.id, imported.id));
    const second = await engine.resolve(db.db, forData(chart), { range: { from: '2026-01-02' } });
    assert.deepEqual(second.traces[0]!.y, [40]);
  });

  test('a second chart on the same dataset version reads no dataset rows: its parsed columns are shared', async () => {
    const imported = await importDataset(db.db, userId, { title: 'Shared', format: 'csv', text: 't,v\n1,10\n2,20\n' });
    const source = () => ({ kind: 'dataset' as const, datasetId: imported.id, mapping: { x: 't', y: ['v'] } });
    const first = await addChart(db, { userId }, source());
    const second = await addChart(db, { userId }, source());
    const read = engine.datasets.size;
    assert.deepEqual((await engine.resolve(db.db, forData(first))).traces[0]!.y, [10, 20]);
    assert.equal(engine.datasets.size, read + 1);
    assert.deepEqual((await engine.resolve(db.db, forData(second))).traces[0]!.y, [10, 20]);
    assert.equal(engine.datasets.size, read + 1, 'the second chart reused the parsed columns');
  });

  test('a chart reads only its owner’s own datasets (another user’s, or a member’s for a team chart, is NOT_FOUND)', async () => {
    const other = await addUser(db, 'other');
    const foreign = await importDataset(db.db, other, { title: 'Private', format: 'csv', text: 'a,b\n1,2\n' });
    const chart = await addChart(
      db,
      { userId },
      { kind: 'dataset', datasetId: foreign.id, mapping: { x: 'a', y: ['b'] } },
    );
    await assert.rejects(engine.resolve(db.db, forData(chart)), (e: TRPCError) => e.code === 'NOT_FOUND');
    // A team chart may not use a member's dataset: it is the member's, not the team's.
    const teamId = await addTeam(db, other);
    const teamChart = await addChart(
      db,
      { teamId },
      { kind: 'dataset', datasetId: foreign.id, mapping: { x: 'a', y: ['b'] } },
    );
    await assert.rejects(engine.resolve(db.db, forData(teamChart)), (e: TRPCError) => e.code === 'NOT_FOUND');
    // Its owner's own chart reads it.
    const own = await addChart(
      db,
      { userId: other },
      { kind: 'dataset', datasetId: foreign.id, mapping: { x: 'a', y: ['b'] } },
    );
    assert.deepEqual((await engine.resolve(db.db, forData(own))).traces[0]!.y, [2]);
  });

  test('a mapping naming a missing column says which field', async () => {
    const imported = await importDataset(db.db, userId, { title: 'X', format: 'csv', text: 'a,b\n1,2\n' });
    const chart = await addChart(
      db,
      { userId },
      { kind: 'dataset', datasetId: imported.id, mapping: { x: 'a', y: ['b', 'c'] } },
    );
    await assert.rejects(
      engine.resolve(db.db, forData(chart)),
      (e: TRPCError) => e.code === 'BAD_REQUEST' && /mapping\.y\.1: no column "c"/.test(e.message),
    );
  });
});
