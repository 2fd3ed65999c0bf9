import { databaseName, isQuick, measuredRounds, onEachDatabase, ratioText, Suite } from '@ocp/bench-kit';
import { CONNECTIONS, type Load, load, startServer } from './api-throughput.bench.js';

/**
 * What row-level security costs per request: dashboards.list over HTTP (tRPC: a plain `dashboards.get` is answered
 * from the dashboard cache, which no longer measures a request's own SQL) on the server as it runs (each request a
 * transaction as `ocp_app` with the caller's claims, policies on every table it reads) against the same server
 * with `rls: false` (the owner connection, no transaction), one process, the same database, taking turns.
 */
const PATH = '/trpc/dashboards.list';
export async function run(): Promise<void> {
  const quick = isQuick();
  const seconds = quick ? 1 : 3;
  const count = quick ? 1 : 5;
  const suite = new Suite({
    suite: 'rls-overhead',
    title: 'dashboards.list with row-level security against without',
    description:
      'Requests per second of `GET /trpc/dashboards.list` (the demo workspace) through the server ' +
      'with row-level security (a transaction per request as the app role `ocp_app`, claims set, policies applied) ' +
      `against the same server with \`rls: false\`, in one process on one database; autocannon with ${CONNECTIONS} ` +
      `keep-alive connections on loopback, ${seconds} s per round, the two taking turns.`,
    params: { connections: CONNECTIONS, secondsPerRound: seconds, rounds: count },
  });
  await onEachDatabase(
    async (kind) => {
      const { child, target } = await startServer();
      try {
        const measure = async (url: string) => {
          const l: Load = await load(url + PATH, seconds, target.token);
          return l.rps;
        };
        const s = await measuredRounds(
          count,
          { rls: () => measure(target.api), plain: () => measure(target.withoutRls) },
          { warmup: 1 },
        );
        const name = databaseName(kind);
        suite.metric({ id: `${kind}.rls`, label: `with row-level security (${name})`, unit: 'req/s', samples: s.rls });
        suite.metric({ id: `${kind}.plain`, label: `rls: false (${name})`, unit: 'req/s', samples: s.plain });
        const r = suite.ratio({
          id: `${kind}.rps`,
          label: `dashboards.list with RLS ÷ without (${name}, req/s)`,
          ours: `${kind}.rls`,
          baseline: `${kind}.plain`,
          // Issue 11: at most 1.3× the time without, i.e. at least 1/1.3 of the throughput.
          target: { op: '>=', value: 0.77, source: 'issue 11' },
          headline: true,
        });
        suite.quote(`${kind}.ratio`, ratioText(r.stats.median));
      } finally {
        child.disconnect();
        await new Promise((resolve) => child.once('exit', resolve));
      }
    },
    { only: quick ? ['pglite'] : undefined },
  );
  suite.save();
}
