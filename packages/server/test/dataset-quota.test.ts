import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { describeDataset } from '../src/chat/data-catalog.js';
import { datasetUsage } from '../src/data/index.js';
import { readDataset } from '../src/data/sources/db-sources.js';
import { type Harness, ok, startHarness, type TestUser } from './harness.js';

interface Answer {
  result?: { data: { id: string; rowCount: number } };
  error?: { message: string; data: { code: string; httpStatus: number } };
}

/** A body that sends `text` in pieces, waiting for `gate` before the last one (an upload still in progress). */
function slowBody(text: string, gate: Promise<void>) {
  const bytes = new TextEncoder().encode(text);
  const half = Math.floor(bytes.length / 2);
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(bytes.subarray(0, half));
      await gate;
      controller.enqueue(bytes.subarray(half));
      controller.close();
    },
  });
}

describe('dataset quotas and one upload at a time per user', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ datasetQuota: { maxCount: 3, maxBytes: 20_000 } });
  });
  after(() => h?.close());

  const upload = async (who: TestUser, title: string, body: BodyInit): Promise<{ status: number; body: Answer }> => {
    const res = await fetch(`${h.url}/datasets?title=${encodeURIComponent(title)}&format=csv`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${who.token}` },
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const rows = (n: number) => `t,v\n${Array.from({ length: n }, (_, i) => `${i},${i % 7}`).join('\n')}\n`;

  test('the dataset count quota: the next upload is PAYLOAD_TOO_LARGE and says why; deleting one frees a place', async () => {
    const me = await h.user('counter');
    const ids: string[] = [];
    for (const title of ['a', 'b', 'c']) {
      const res = await upload(me, title, rows(3));
      assert.equal(res.status, 201);
      ids.push(res.body.result!.data.id);
    }
    const refused = await upload(me, 'd', rows(3));
    assert.equal(refused.status, 413);
    assert.equal(refused.body.error?.data.code, 'PAYLOAD_TOO_LARGE');
    assert.match(refused.body.error!.message, /3 of 3 datasets; delete one/);
    ok(await h.call(me, 'workspace.items.delete', { id: ids[0] }));
    assert.equal((await upload(me, 'd', rows(3))).status, 201);
    const other = await h.user('unaffected');
    assert.equal((await upload(other, 'x', rows(3))).status, 201, 'quotas are per user');
  });

  test('the byte quota: refused before reading when declared, while streaming when not; nothing is left behind', async () => {
    const me = await h.user('bytes');
    const first = rows(1500); // ~12 kB of the 20 kB
    assert.equal((await upload(me, 'first', first)).status, 201);
    const used = await datasetUsage(h.db.db, me.id);
    assert.equal(used.bytes, Buffer.byteLength(first));

    const declared = await upload(me, 'declared', rows(2000));
    assert.equal(declared.status, 413);
    assert.match(
      declared.body.error!.message,
      /Dataset storage quota: 9\.2 KiB of 19\.5 KiB used, and this file does not fit in the 10\.4 KiB left/,
    );
    const streamed = await upload(me, 'streamed', slowBody(rows(2000), Promise.resolve()));
    assert.equal(streamed.status, 413);
    assert.equal(streamed.body.error?.data.code, 'PAYLOAD_TOO_LARGE');
    assert.match(streamed.body.error!.message, /Dataset storage quota/);
    assert.deepEqual(await datasetUsage(h.db.db, me.id), used, 'the refused imports left no dataset');
    assert.equal((await upload(me, 'small', rows(100))).status, 201, 'what still fits is accepted');
  });

  test('a second upload while the first is in progress gets 429 TOO_MANY_REQUESTS; afterwards uploads work', async () => {
    const me = await h.user('parallel');
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const first = upload(me, 'slow', slowBody(rows(200), gate));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the first is now being read
    const second = await upload(me, 'second', rows(3));
    assert.equal(second.status, 429);
    assert.equal(second.body.error?.data.code, 'TOO_MANY_REQUESTS');
    assert.match(second.body.error!.message, /Another upload of yours is still in progress/);
    const someoneElse = await upload(await h.user('other'), 'theirs', rows(3));
    assert.equal(someoneElse.status, 201, 'only the same user waits');
    open();
    const done = await first;
    assert.equal(done.status, 201);
    assert.equal(done.body.result?.data.rowCount, 200);
    assert.equal((await upload(me, 'third', rows(3))).status, 201);
  });

  test('a CSV cell holding a NUL character is BAD_REQUEST naming the cell, not a server error', async () => {
    const me = await h.user('nul');
    const res = await upload(me, 'nul', 't,v\n1,ok\n2,a\u0000b\n');
    assert.equal(res.status, 400);
    assert.match(res.body.error!.message, /row 2, column "v": contains a NUL character/);
    assert.equal((await datasetUsage(h.db.db, me.id)).count, 0);
  });

  test('a large upload is written in chunks and read back whole, a column that turns mixed late reads as text', async () => {
    const h2 = await startHarness({ datasetQuota: { maxBytes: 10_000_000 } });
    try {
      const owner = await h2.user('big');
      const n = 140_000; // 280,000 cells: two chunks
      const text = `t,v\n${Array.from({ length: n }, (_, i) => `${i},${i === n - 1 ? 'late text' : i % 10}`).join('\n')}\n`;
      const res = await fetch(`${h2.url}/datasets?title=big&format=csv`, {
        method: 'POST',
        body: text,
        headers: { authorization: `Bearer ${owner.token}` },
      });
      assert.equal(res.status, 201);
      const { id, rowCount } = ((await res.json()) as Answer).result!.data;
      assert.equal(rowCount, n);
      const chunkRows = (await h2.db.db.execute(
        `SELECT chunk_no, row_count FROM dataset_chunks WHERE item_id = '${id}' AND name = 't' ORDER BY chunk_no` as never,
      )) as unknown as { rows?: Array<{ row_count: number }> } | Array<{ row_count: number }>;
      const list = Array.isArray(chunkRows) ? chunkRows : chunkRows.rows!;
      assert.ok(list.length >= 2, `written in ${list.length} chunks`);
      assert.equal(
        list.reduce((a, r) => a + Number(r.row_count), 0),
        n,
      );
      const columns = await readDataset(h2.db.db, id, ['t', 'v']);
      assert.equal(columns.t!.length, n);
      assert.equal(columns.t![n - 1], n - 1);
      assert.equal(columns.v![0], '0', 'the first chunk stored numbers; the column is text now');
      assert.equal(columns.v!.at(-1), 'late text');
      // What the chat agents see of it: the recorded row count and final types, samples from the first chunk.
      const summary = await describeDataset(h2.db.db, { id: owner.id, email: owner.email }, id);
      assert.equal(summary.rowCount, n);
      assert.deepEqual(
        summary.columns.map((c) => [c.name, c.type, c.sample]),
        [
          ['t', 'number', [0, 1, 2]],
          ['v', 'string', [0, 1, 2]],
        ],
      );
    } finally {
      await h2.close();
    }
  });
});
