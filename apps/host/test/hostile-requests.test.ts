import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { guarded } from '../server/guard.js';
import { startTestHost, type TestHost } from './e2e/support/host.js';

interface RawAnswer {
  status: number;
  head: string;
  body: string;
}

/**
 * One request written byte for byte on a fresh socket: `fetch` and `http.request` normalise or refuse the very paths
 * this test is about (dot segments, backslashes, bad escapes), so they cannot send them.
 */
function raw(base: string, requestLine: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to ${requestLine.slice(0, 80)}`)));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body });
    });
    const lines = [requestLine, `Host: ${hostname}:${port}`, 'Connection: close'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    // write, not end: a client that half-closes before the answer gets none from Node (httpAllowHalfOpen is off)
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

const PREFIXES = ['/', '/assets/', '/examples/', '/sdk/', '/embed/', '/trpc/'];
/** Appended to every prefix: each once crashed a handler, or is a classic way to reach outside the served folder. */
const HOSTILE: Array<[string, string]> = [
  ['through a file (ENOTDIR)', 'index.html/x'],
  ['through a file, deeper', 'index.html/x/y/z.js'],
  ['encoded NUL', 'a%00b'],
  ['encoded NUL with extension', 'x%00.js'],
  ['overlong segment', 'a'.repeat(300)],
  ['overlong segment with extension', `${'b'.repeat(300)}.js`],
  ['overlong path', 'c/'.repeat(1500)],
  ['truncated escape', '%E0%A4%A'],
  ['lone percent', '%'],
  ['invalid UTF-8 escape', '%FF%FE'],
  ['dot segments', '../../../../etc/passwd'],
  ['encoded slash traversal', '..%2f..%2f..%2f..%2fetc%2fpasswd'],
  ['encoded dots', '%2e%2e/%2e%2e/%2e%2e/etc/passwd'],
  ['encoded backslash', '..%5c..%5c..%5cetc%5cpasswd'],
  ['backslash', '..\\..\\..\\etc\\passwd'],
  ['doubled slashes', '//etc//passwd'],
  ['hidden build metadata', '.vite/manifest.json'],
  ['huge query string', `x?q=${'q'.repeat(12_000)}`],
  ['query with bad escape', 'x?%E0%A4%A=%'],
];

describe('hostile requests (the host keeps serving)', () => {
  let host: TestHost;
  const errors: unknown[] = [];
  const onRejection = (e: unknown) => errors.push(e);

  before(async () => {
    process.on('unhandledRejection', onRejection);
    host = await startTestHost();
  });
  after(async () => {
    process.off('unhandledRejection', onRejection);
    await host?.close();
  });

  for (const prefix of PREFIXES) {
    test(`every hostile path under ${prefix} gets a clean 4xx or page, and /healthz stays up`, async () => {
      for (const method of ['GET', 'HEAD', 'POST']) {
        for (const [what, suffix] of HOSTILE) {
          const answer = await raw(host.url, `${method} ${prefix}${suffix} HTTP/1.1`, { Accept: '*/*' });
          const label = `${method} ${prefix}${what}`;
          assert.ok(answer.status >= 200 && answer.status < 500, `${label}: HTTP ${answer.status}`);
          assert.doesNotMatch(answer.body, /root:x?:0:0|at .+\.[jt]s:\d+/, `${label}: leaked a file or a stack`);
        }
      }
      const health = await fetch(`${host.url}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(errors, [], 'an unhandled rejection escaped a handler');
    });
  }

  test('a raw NUL or a malformed request line is refused by the parser with 400, and the server keeps serving', async () => {
    for (const line of [
      'GET /a\0b HTTP/1.1',
      'GET /a b c HTTP/1.1',
      'BREW / HTTP/1.1',
      `GET /${'x'.repeat(20_000)} HTTP/1.1`,
    ]) {
      const answer = await raw(host.url, line);
      assert.ok(answer.status >= 400 && answer.status < 500, `${JSON.stringify(line.slice(0, 40))}: ${answer.status}`);
    }
    assert.equal((await fetch(`${host.url}/healthz`)).status, 200);
  });

  test('GET / with curl’s Accept: */* (or no Accept) gets the app', async () => {
    for (const headers of [{ Accept: '*/*' }, {}] as Array<Record<string, string>>) {
      const answer = await raw(host.url, 'GET / HTTP/1.1', headers);
      assert.equal(answer.status, 200, JSON.stringify(headers));
      assert.match(answer.head, /content-type: text\/html/i);
      assert.match(answer.body, /<!doctype html>/i);
    }
    // Client-side routes too; a client that wants only JSON does not get a page.
    assert.equal((await raw(host.url, 'GET /dashboards/abc HTTP/1.1', { Accept: '*/*' })).status, 200);
    assert.equal((await raw(host.url, 'GET /nothing-here HTTP/1.1', { Accept: 'application/json' })).status, 404);
  });

  test('files are still served, and traversal never leaves the served folders', async () => {
    const page = await raw(host.url, 'GET /examples/plain.html HTTP/1.1');
    assert.equal(page.status, 200);
    for (const path of [
      '/examples/../server/app.ts',
      '/examples/..%2fserver%2fapp.ts',
      '/assets/..%2f..%2fpackage.json',
    ]) {
      const answer = await raw(host.url, `GET ${path} HTTP/1.1`);
      assert.doesNotMatch(answer.body, /createAppHandler|"name": "@ocp\/host"/, path);
    }
  });
});

describe('guarded() request listeners', () => {
  test('a listener that throws or rejects answers 500 and the server goes on', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    const server = http.createServer(
      guarded('test', (req) => {
        if (req.url === '/sync') throw new Error('sync boom');
        if (req.url === '/async') return Promise.reject(new Error('async boom'));
        return undefined;
      }),
    );
    try {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const path of ['/sync', '/async', '/sync']) {
        const res = await fetch(`${base}${path}`);
        assert.equal(res.status, 500);
        assert.equal(await res.text(), 'Internal server error');
      }
      assert.equal(logged.length, 3, 'each unexpected error is logged once');
    } finally {
      console.error = original;
      server.close();
    }
  });
});
