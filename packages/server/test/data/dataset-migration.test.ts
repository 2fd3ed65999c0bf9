import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { migrate } from '@ocp/db';
import { createDbBeforeMigration, rawQuery, type TestDb } from '@ocp/db/testing';
import { DataEngine } from '../../src/data/index.js';
import { readDataset } from '../../src/data/sources/db-sources.js';

describe('migration 0016: datasets imported as JSON chunks become binary columns', () => {
  test('every type, empty cells, a column that turned to text and one that appeared late read as before', async () => {
    const handle = await createDbBeforeMigration('0016');
    try {
      const [user] = await rawQuery<{ id: string }>(
        handle,
        `INSERT INTO auth.users (email) VALUES ('old@example.test') RETURNING id`,
      );
      const schema = [
        { name: 't', type: 'datetime' },
        { name: 'n', type: 'number' },
        { name: 'b', type: 'boolean' },
        { name: 's', type: 'string' },
        { name: 'mixed', type: 'string' },
        { name: 'late', type: 'number' },
        { name: 'none', type: 'empty' },
      ];
      const content = {
        format: 'columnar',
        storage: 'chunks',
        schema,
        rowCount: 5,
        source: { format: 'json', bytes: 9 },
      };
      const [item] = await rawQuery<{ id: string }>(
        handle,
        `INSERT INTO workspace_items (user_id, item_type, title, content) VALUES ($1, 'dataset', 'old', $2::jsonb)
         RETURNING id`,
        [user!.id, JSON.stringify(content)],
      );
      const chunk = (no: number, rows: number, columns: object, types: object) =>
        rawQuery(
          handle,
          `INSERT INTO dataset_chunks (item_id, chunk_no, row_count, columns, types) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
          [item!.id, no, rows, JSON.stringify(columns), JSON.stringify(types)],
        );
      await chunk(
        0,
        3,
        {
          t: ['2026-01-01T00:00:00.000Z', null, '1999-12-31T23:59:59.999Z'],
          n: [1.5, null, -1e-300],
          b: [true, null, false],
          s: ['Zürich, "Nord"', null, 'two\nlines'],
          mixed: [1, 2.5, null],
          none: [null, null, null],
        },
        { t: 'datetime', n: 'number', b: 'boolean', s: 'string', mixed: 'number', none: 'empty' },
      );
      await chunk(
        1,
        2,
        {
          t: ['2026-06-01T12:30:00.000Z', null],
          n: [123456789012345680000, 7],
          b: [null, true],
          s: ['日本 ✓', 'NaN'],
          mixed: ['text', null],
          late: [null, 42],
          none: [null, null],
        },
        { t: 'datetime', n: 'number', b: 'boolean', s: 'string', mixed: 'string', late: 'number', none: 'empty' },
      );

      await migrate(handle);

      const expected = {
        t: ['2026-01-01T00:00:00.000Z', null, '1999-12-31T23:59:59.999Z', '2026-06-01T12:30:00.000Z', null],
        n: [1.5, null, -1e-300, 123456789012345680000, 7],
        b: [true, null, false, null, true],
        s: ['Zürich, "Nord"', null, 'two\nlines', '日本 ✓', 'NaN'],
        mixed: ['1', '2.5', null, 'text', null],
        late: [null, null, null, null, 42],
        none: [null, null, null, null, null],
      };
      const names = Object.keys(expected);
      const columns = await readDataset(handle.db, item!.id, names);
      assert.deepEqual(columns, expected);
      assert.deepEqual(Object.keys(columns), names);

      const [migrated] = await rawQuery<{ head: unknown; old: string | null }>(
        handle,
        `SELECT content->'head' AS head, to_regclass('dataset_chunks_jsonb')::text AS old FROM workspace_items WHERE id = $1`,
        [item!.id],
      );
      assert.equal(migrated!.old, null, 'the JSON chunks are gone');
      const head = typeof migrated!.head === 'string' ? JSON.parse(migrated!.head) : migrated!.head;
      assert.deepEqual(head.n, [1.5, null, -1e-300], "the first chunk's first cells, for the chat's catalogue");

      const [chart] = await rawQuery<{ id: string }>(
        handle,
        `INSERT INTO charts (title, chart_type, plotly_config, data_source_config, owner_user_id)
         VALUES ('c', 'line', '{"data":[{"type":"scatter"}]}', $1::jsonb, $2) RETURNING id`,
        [JSON.stringify({ kind: 'dataset', datasetId: item!.id, mapping: { x: 't', y: ['n'] } }), user!.id],
      );
      const row = await addChartLike(handle, chart!.id);
      const data = await new DataEngine().resolve(handle.db, row);
      assert.deepEqual(data.traces[0]!.x, expected.t);
      assert.deepEqual(data.traces[0]!.y, expected.n);
    } finally {
      await handle.close();
    }
  });
});

async function addChartLike(handle: TestDb, id: string) {
  const [row] = await rawQuery<{
    id: string;
    updated_at: string;
    plotly_config: unknown;
    data_source_config: unknown;
  }>(handle, `SELECT id, updated_at::text, plotly_config, data_source_config FROM charts WHERE id = $1`, [id]);
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    id: row!.id,
    updatedAt: row!.updated_at,
    plotlyConfig: json(row!.plotly_config),
    dataSourceConfig: json(row!.data_source_config),
  };
}
