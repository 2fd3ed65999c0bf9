// The cold-start suite's baseline: the least any app on embedded PGlite does before it can answer. Opens (or, on
// an empty directory, creates with initdb) a PGlite database at OCP_DATA_DIR, runs one query, and answers
// GET /readyz with 200 from a bare node:http server on PORT. Plain node, no TypeScript loader, no framework.
import http from 'node:http';

const { PGlite } = await import(process.env.OCP_BENCH_PGLITE_ENTRY);
const db = await PGlite.create(process.env.OCP_DATA_DIR);
await db.query('select 1');
const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/readyz' ? 200 : 404, { 'content-type': 'text/plain' });
  res.end('ok');
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', async () => {
  server.close();
  await db.close();
  process.exit(0);
});
