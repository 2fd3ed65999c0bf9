import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bytesText,
  countText,
  databaseName,
  isQuick,
  measuredRounds,
  onEachDatabase,
  ratioText,
  Suite,
} from '@ocp/bench-kit';
import autocannon from 'autocannon';
import type { ThroughputTarget } from './throughput-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CONNECTIONS = 10;

/** Starts throughput-server.ts for the current OCP_TEST_TARGET and waits for its addresses. */
export function startServer(): Promise<{ child: ChildProcess; target: ThroughputTarget }> {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', path.join(here, 'throughput-server.ts')],
    {
      cwd: path.resolve(here, '..'),
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('message', (target) => resolve({ child, target: target as ThroughputTarget }));
    child.once('exit', (code) => reject(new Error(`throughput server exited (${code}) before it was ready`)));
  });
}

export interface Load {
  rps: number;
  p50: number;
}

/** `seconds` of load from CONNECTIONS keep-alive connections on loopback; any error or non-2xx answer fails the run. */
export async function load(url: string, seconds: number, token?: string): Promise<Load> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (r.errors || r.timeouts || r.non2xx) {
    throw new Error(`${url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx answers`);
  }
  return { rps: r.requests.total / r.duration, p50: r.latency.p50 };
}

/**
 * Requests per second of dashboards.get over HTTP against a bare node:http handler returning the same bytes, on
 * loopback, with autocannon (bounded: a few seconds per round). After the first request, each is a warm read: the
 * caller's token, role and the document come from memory, kept while the server listens for the database's
 * notifications (services/dashboard-doc-cache.ts); no database round trip, no tRPC.
 */
export async function run(): Promise<void> {
  const quick = isQuick();
  const seconds = quick ? 1 : 3;
  const count = quick ? 1 : 5;
  const suite = new Suite({
    suite: 'api-throughput',
    title: 'dashboards.get over HTTP against a bare node:http handler',
    description:
      'Requests per second of `GET /trpc/dashboards.get` (the demo "Energy overview" dashboard, with a bearer ' +
      'token; warm reads: token, role and document from memory, no database round trip) against a bare ' +
      `\`node:http\` handler that answers the same bytes, both in one server process; ` +
      `autocannon with ${CONNECTIONS} keep-alive connections on loopback, ${seconds} s per round, the two taking ` +
      'turns.',
    params: { connections: CONNECTIONS, secondsPerRound: seconds, rounds: count },
  });
  await onEachDatabase(
    async (kind) => {
      const { child, target } = await startServer();
      try {
        const seen: Record<'api' | 'bare', Load[]> = { api: [], bare: [] };
        const measure = async (which: 'api' | 'bare') => {
          const l = await load(target[which] + target.path, seconds, which === 'api' ? target.token : undefined);
          seen[which].push(l);
          return l.rps;
        };
        const s = await measuredRounds(
          count,
          { api: () => measure('api'), bare: () => measure('bare') },
          { warmup: 1 },
        );
        const name = databaseName(kind);
        suite.metric({
          id: `${kind}.api`,
          label: `dashboards.get over HTTP, warm (${name})`,
          unit: 'req/s',
          samples: s.api,
        });
        suite.metric({
          id: `${kind}.bare`,
          label: `bare node:http, same bytes (${name} run)`,
          unit: 'req/s',
          samples: s.bare,
        });
        // Warm-up rounds are in `seen` too: keep the timed ones. autocannon reports latency in whole milliseconds,
        // which rounds the bare handler's to 0: only ours is kept.
        suite.metric({
          id: `${kind}.api.p50`,
          label: `median latency, dashboards.get (${name})`,
          unit: 'ms',
          samples: seen.api.slice(-count).map((l) => l.p50),
        });
        const r = suite.ratio({
          id: `${kind}.rps`,
          label: `dashboards.get, warm ÷ bare node:http (${name}, req/s)`,
          ours: `${kind}.api`,
          baseline: `${kind}.bare`,
          target: { op: '>=', value: 0.7, source: 'issue 17' },
          headline: true,
        });
        suite
          .quote(`${kind}.ratio`, ratioText(r.stats.median))
          .quote(`${kind}.api`, `${countText(Math.round(suite.metricMedian(`${kind}.api`)))} req/s`)
          .quote(`${kind}.bare`, `${countText(Math.round(suite.metricMedian(`${kind}.bare`)))} req/s`)
          .quote('bytes', bytesText(target.bytes));
        suite.param('responseBytes', target.bytes);
      } finally {
        child.disconnect();
        await new Promise((resolve) => child.once('exit', resolve));
      }
    },
    { only: quick ? ['pglite'] : undefined },
  );
  suite.save();
}
