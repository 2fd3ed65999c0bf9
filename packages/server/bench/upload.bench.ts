import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { countText, databaseName, isQuick, msText, onEachDatabase, ratioText, Suite } from '@ocp/bench-kit';
import { authUsers, userProfiles } from '@ocp/db';
import { createTestDb } from '@ocp/db/testing';
import { createOcpServer, embeddedAuth } from '../src/index.js';

/** A CSV file of about `mb` megabytes: a timestamp, a site and eight numeric columns per row (~105 bytes). */
function makeCsv(mb: number): string {
  const file = path.join(os.tmpdir(), `ocp-upload-bench-${mb}mb.csv`);
  if (fs.existsSync(file)) return file;
  const out = fs.openSync(`${file}.part`, 'w');
  fs.writeSync(out, 'ts,site,kwh,kvarh,volts,amps,temp,humidity,price,co2\n');
  const start = Date.UTC(2024, 0, 1);
  let size = 0;
  for (let i = 0; size < mb * 1_000_000; ) {
    const lines: string[] = [];
    for (let k = 0; k < 10_000; k++, i++) {
      lines.push(
        `${new Date(start + i * 60_000).toISOString()},site-${i % 7},${(i % 1000) / 7},${(i % 313) / 3},${230 + (i % 9)},${(i % 97) / 11},${(i % 41) - 5.5},${i % 100},${((i % 17) * 0.013).toFixed(4)},${(i % 53) * 1.7}\n`,
      );
    }
    const block = lines.join('');
    size += block.length;
    fs.writeSync(out, block);
  }
  fs.closeSync(out);
  fs.renameSync(`${file}.part`, file);
  return file;
}

/** Samples the process's RSS every 20 ms until stopped; resolves with the largest, in MB. */
function sampleRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
  };
}

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const post = (url: string, file: string, bytes: number, token?: string) =>
  fetch(url, {
    method: 'POST',
    body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>,
    headers: { 'content-length': String(bytes), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    duplex: 'half',
  } as RequestInit);

/**
 * Uploads a CSV file (streamed from disk) through POST /datasets while another client calls /healthz every 100 ms;
 * records the upload's time, how much the process grew (peak RSS during the upload over RSS before it, after a GC
 * when run with --expose-gc), the worst event-loop delay and the slowest concurrent request. Baseline: streaming
 * the same file to a bare node:http handler that discards it (the cost of moving the bytes alone).
 */
export async function run(): Promise<void> {
  const quick = isQuick();
  const mb = Number(process.env.OCP_BENCH_UPLOAD_MB ?? (quick ? 2 : 60));
  const count = quick ? 1 : 5;
  const csv = makeCsv(mb);
  const csvBytes = fs.statSync(csv).size;
  const suite = new Suite({
    suite: 'upload',
    title: `a ${Math.round(csvBytes / 1e6)} MB CSV import while the server keeps answering`,
    description:
      `A ${Math.round(csvBytes / 1e6)} MB CSV file streamed through \`POST /datasets\` while another client calls ` +
      '`/healthz` every 100 ms: the import’s time, how much the process grows (peak RSS over RSS before, after a ' +
      'GC), the worst event-loop delay and the slowest concurrent request. Baseline: the same file streamed to a ' +
      'bare `node:http` handler that discards it. Rounds take turns; a new dataset each round.',
    params: { csvBytes, rounds: count },
  });
  await onEachDatabase(
    async (kind) => {
      const db = await createTestDb();
      const auth = embeddedAuth({ db: db.db });
      const ocp = createOcpServer({
        db: db.db,
        auth,
        maxUploadBytes: 128 * 1024 * 1024,
        datasetQuota: { maxBytes: 2 * 1024 * 1024 * 1024 },
      });
      const server = http.createServer((req, res) => ocp.handler(req, res));
      const bare = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => res.end('{}'));
      });
      const url = await listen(server);
      const bareUrl = await listen(bare);
      try {
        const [u] = await db.db
          .insert(authUsers)
          .values({ email: 'bench@example.test' })
          .returning({ id: authUsers.id });
        await db.db.insert(userProfiles).values({ id: u!.id, displayName: 'bench' });
        const token = await auth.issueToken({ id: u!.id, email: 'bench@example.test' });
        const m = {
          ms: [] as number[],
          bare: [] as number[],
          growth: [] as number[],
          loop: [] as number[],
          slowest: [] as number[],
          failed: [] as number[],
        };
        let rows = 0;
        for (let round = 0; round < count; round++) {
          let started = performance.now();
          await (await post(bareUrl, csv, csvBytes)).text();
          m.bare.push(performance.now() - started);

          global.gc?.();
          const rssBefore = process.memoryUsage().rss / 1024 / 1024;
          const peakRss = sampleRss();
          const loop = monitorEventLoopDelay({ resolution: 10 });
          loop.enable();
          let slowest = 0;
          let polling = true;
          let failures = 0;
          const poll = (async () => {
            while (polling) {
              const t = performance.now();
              // A keep-alive socket the server closed while its event loop was blocked fails; that counts as slow too.
              await fetch(`${url}/healthz`).then(
                (r) => r.text(),
                () => failures++,
              );
              slowest = Math.max(slowest, performance.now() - t);
              await new Promise((r) => setTimeout(r, 100));
            }
          })();
          started = performance.now();
          const res = await post(`${url}/datasets?title=bench-${round}&format=csv`, csv, csvBytes, token);
          const answer = (await res.json()) as { result?: { data: { rowCount: number } } };
          m.ms.push(performance.now() - started);
          polling = false;
          await poll;
          loop.disable();
          if (!res.ok || !answer.result) throw new Error(`upload failed: HTTP ${res.status} ${JSON.stringify(answer)}`);
          rows = answer.result.data.rowCount;
          m.growth.push(peakRss() - rssBefore);
          m.loop.push(loop.max / 1e6);
          m.slowest.push(slowest);
          m.failed.push(failures);
        }
        const name = databaseName(kind);
        suite.metric({ id: `${kind}.upload`, label: `upload and import (${name})`, unit: 'ms', samples: m.ms });
        suite.metric({
          id: `${kind}.bare`,
          label: `same bytes to a bare handler (${name} run)`,
          unit: 'ms',
          samples: m.bare,
        });
        suite.metric({
          id: `${kind}.growth`,
          label: `process growth during the upload (${name})`,
          unit: 'MB',
          samples: m.growth,
        });
        suite.metric({ id: `${kind}.loop`, label: `worst event-loop delay (${name})`, unit: 'ms', samples: m.loop });
        suite.metric({
          id: `${kind}.slowest`,
          label: `slowest concurrent /healthz (${name})`,
          unit: 'ms',
          samples: m.slowest,
        });
        suite.metric({
          id: `${kind}.failed`,
          label: `failed concurrent /healthz (${name})`,
          unit: 'count',
          samples: m.failed,
        });
        const r = suite.ratio({
          id: `${kind}.upload`,
          label: `CSV upload and import ÷ moving the same bytes (${name})`,
          ours: `${kind}.upload`,
          baseline: `${kind}.bare`,
        });
        suite
          .quote(`${kind}.ratio`, ratioText(r.stats.median))
          .quote(`${kind}.seconds`, msText(suite.metricMedian(`${kind}.upload`)))
          .quote(`${kind}.growth`, `${Math.round(suite.metricMedian(`${kind}.growth`))} MB`)
          .quote(`${kind}.slowest`, msText(suite.metricMedian(`${kind}.slowest`)))
          .quote('rows', countText(rows));
      } finally {
        server.closeAllConnections();
        server.close();
        bare.close();
        await db.close();
      }
    },
    { only: quick ? ['pglite'] : undefined },
  );
  suite.quote('csv', `${Math.round(csvBytes / 1e6)} MB`);
  suite.save();
}
