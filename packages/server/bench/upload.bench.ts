import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { authUsers, userProfiles } from '@ocp/db';
import { createTestDb } from '@ocp/db/testing';
import { createOcpServer, embeddedAuth } from '../src/index.js';
import { RESULTS_DIR } from './harness.js';

/** A CSV file of about `mb` megabytes: a timestamp, a site and eight numeric columns per row (~105 bytes). */
function makeCsv(mb: number): string {
  const file = path.join(os.tmpdir(), `ocp-upload-bench-${mb}mb.csv`);
  if (fs.existsSync(file)) return file;
  const out = fs.openSync(file, 'w');
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
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
  };
}

/**
 * Uploads a 60 MB CSV file (streamed from disk) through POST /datasets while another client calls /healthz every
 * 100 ms; reports the upload's time, the process's RSS before and at its peak during the upload (sampled every
 * 20 ms), the worst event-loop delay and the slowest concurrent request. Run with --expose-gc for a clean baseline.
 */
export async function run(): Promise<void> {
  const mb = Number(process.env.OCP_BENCH_UPLOAD_MB ?? 60);
  const db = await createTestDb();
  const auth = embeddedAuth({ db: db.db });
  const ocp = createOcpServer({
    db: db.db,
    auth,
    maxUploadBytes: 128 * 1024 * 1024,
    datasetQuota: { maxBytes: 1024 * 1024 * 1024 },
  });
  const server = http.createServer((req, res) => ocp.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const [u] = await db.db.insert(authUsers).values({ email: 'bench@example.test' }).returning({ id: authUsers.id });
  await db.db.insert(userProfiles).values({ id: u!.id, displayName: 'bench' });
  const token = await auth.issueToken({ id: u!.id, email: 'bench@example.test' });
  const csv = makeCsv(mb);
  const csvBytes = fs.statSync(csv).size;
  global.gc?.();
  const rssBefore = Math.round(process.memoryUsage().rss / 1024 / 1024);
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
  const started = performance.now();
  const res = await fetch(`${url}/datasets?title=bench&format=csv`, {
    method: 'POST',
    body: Readable.toWeb(fs.createReadStream(csv)) as ReadableStream<Uint8Array>,
    headers: { authorization: `Bearer ${token}`, 'content-length': String(csvBytes) },
    duplex: 'half',
  } as RequestInit);
  const answer = (await res.json()) as { result?: { data: { rowCount: number } } };
  const seconds = (performance.now() - started) / 1000;
  polling = false;
  await poll;
  loop.disable();
  const result = {
    target: db.kind,
    csvMb: Math.round(csvBytes / 1e5) / 10,
    status: res.status,
    rows: answer.result?.data.rowCount,
    seconds: Math.round(seconds * 10) / 10,
    rssBeforeMb: rssBefore,
    peakRssMb: peakRss(),
    maxEventLoopDelayMs: Math.round(loop.max / 1e6),
    slowestConcurrentRequestMs: Math.round(slowest),
    failedConcurrentRequests: failures,
  };
  console.log(result);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `upload-${db.kind}.json`), `${JSON.stringify(result, null, 2)}\n`);
  server.closeAllConnections();
  server.close();
  await db.close();
}
