import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { DataSourceConfigInput } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import type { TRPCError } from '@trpc/server';
import {
  addressChecker,
  DataEngine,
  type HttpSourceOptions,
  type Lookup,
  type Transport,
  type TransportRequest,
} from '../../src/data/index.js';
import { guardedFetch, nodeTransport } from '../../src/data/sources/http.js';

/** No test here may dial anything but loopback: every transport used goes through this check first. */
function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}

/** A transport that opens no connection at all: it records the request and answers from a script. */
function scriptedTransport(answers: Array<{ status: number; headers?: Record<string, string>; body?: string }>) {
  const calls: TransportRequest[] = [];
  const transport: Transport = async (request) => {
    calls.push(request);
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request');
    return {
      status: answer.status,
      headers: answer.headers ?? {},
      body: (async function* () {
        if (answer.body) yield Buffer.from(answer.body);
      })(),
      dispose: () => {},
    };
  };
  return { transport, calls };
}

const failingLookup: Lookup = async (host) => {
  throw new Error(`no DNS in this test (${host})`);
};
const fixedLookup =
  (table: Record<string, string[]>): Lookup =>
  async (host) => {
    const addresses = table[host];
    if (!addresses) throw new Error(`unknown host ${host}`);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const refused = (pattern: RegExp) => (e: TRPCError) => e.code === 'FORBIDDEN' && pattern.test(e.message);

describe('address policy', () => {
  const check = addressChecker();
  const blocked = [
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.100.100.200',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '::127.0.0.1',
    'fe80::1',
    'fe80::1%eth0',
    'fd00:ec2::254',
    'fc00::1',
    'ff02::1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
  ];
  for (const address of blocked) {
    test(`refuses ${address}`, () => assert.notEqual(check(address), null));
  }
  test('lets public addresses through (IPv4 and IPv6), including neighbours of the private ranges', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
    ]) {
      assert.equal(check(address), null, address);
    }
  });
  test('says why, and an explicit allowance opens one range only', () => {
    assert.match(check('169.254.169.254')!, /metadata/);
    const loopbackOk = addressChecker({ allow: ['127.0.0.0/8'] });
    assert.equal(loopbackOk('127.0.0.1'), null);
    assert.equal(loopbackOk('::ffff:127.0.0.1'), null);
    assert.notEqual(loopbackOk('10.0.0.1'), null);
    assert.notEqual(loopbackOk('::1'), null);
  });
});

describe('SSRF guard (no connection is ever opened)', () => {
  const literalForms = [
    'http://127.0.0.1/data.json',
    'http://2130706433/data.json', // decimal
    'http://0x7f000001/data.json', // hex
    'http://017700000001/data.json', // octal
    'http://0177.0.0.1/data.json', // octal dotted
    'http://127.1/data.json', // short form
    'http://0/data.json',
    'http://[::1]/data.json',
    'http://[::ffff:127.0.0.1]/data.json', // IPv4-mapped IPv6
    'http://[::ffff:a9fe:a9fe]/latest/meta-data', // mapped metadata address
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.1/data.json',
    'http://[fd00:ec2::254]/latest/meta-data',
  ];
  for (const url of literalForms) {
    test(`refuses ${url} although its origin is allow-listed, without DNS or a connection`, async () => {
      const { transport, calls } = scriptedTransport([]);
      let lookups = 0;
      const options: HttpSourceOptions = {
        allowedOrigins: [new URL(url).origin],
        lookup: async (h) => {
          lookups++;
          return failingLookup(h);
        },
        transport,
      };
      await assert.rejects(guardedFetch(url, options, new AbortController().signal), refused(/address/));
      assert.equal(calls.length, 0);
      assert.equal(lookups, 0);
    });
  }

  test('a host name resolving to 127.0.0.1 is refused after DNS, before any connection', async () => {
    const { transport, calls } = scriptedTransport([]);
    await assert.rejects(
      guardedFetch(
        'https://internal.example.test/x',
        {
          allowedOrigins: ['https://internal.example.test'],
          lookup: fixedLookup({ 'internal.example.test': ['127.0.0.1'] }),
          transport,
        },
        new AbortController().signal,
      ),
      refused(/resolves to 127\.0\.0\.1, a loopback address/),
    );
    assert.equal(calls.length, 0);
  });

  test('one private address among public ones is enough to refuse', async () => {
    const { transport, calls } = scriptedTransport([]);
    await assert.rejects(
      guardedFetch(
        'https://mixed.example.test/',
        {
          allowedOrigins: ['https://mixed.example.test'],
          lookup: fixedLookup({ 'mixed.example.test': ['93.184.216.34', '10.0.0.7'] }),
          transport,
        },
        new AbortController().signal,
      ),
      refused(/10\.0\.0\.7/),
    );
    assert.equal(calls.length, 0);
  });

  test('an origin that is not allow-listed is refused before DNS', async () => {
    const { transport, calls } = scriptedTransport([]);
    await assert.rejects(
      guardedFetch(
        'https://evil.example.test/',
        { allowedOrigins: ['https://data.example.test'], lookup: failingLookup, transport },
        new AbortController().signal,
      ),
      refused(/not allow-listed/),
    );
    assert.equal(calls.length, 0);
  });

  test('a redirect to a private address is refused on that hop (the first hop is scripted, not dialled)', async () => {
    const { transport, calls } = scriptedTransport([
      { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/iam' } },
    ]);
    await assert.rejects(
      guardedFetch(
        'https://public.example.test/data',
        {
          allowedOrigins: ['https://public.example.test', 'http://169.254.169.254'],
          lookup: fixedLookup({ 'public.example.test': ['93.184.216.34'] }),
          transport,
        },
        new AbortController().signal,
      ),
      refused(/169\.254\.169\.254.*link-local/),
    );
    assert.deepEqual(
      calls.map((c) => [c.url.href, c.address]),
      [['https://public.example.test/data', '93.184.216.34']],
    );
  });

  test('a redirect to a name that resolves privately, and redirects to other origins, are refused', async () => {
    const a = scriptedTransport([{ status: 307, headers: { location: 'https://rebind.example.test/' } }]);
    await assert.rejects(
      guardedFetch(
        'https://public.example.test/',
        {
          allowedOrigins: ['https://public.example.test', 'https://rebind.example.test'],
          lookup: fixedLookup({ 'public.example.test': ['93.184.216.34'], 'rebind.example.test': ['192.168.0.10'] }),
          transport: a.transport,
        },
        new AbortController().signal,
      ),
      refused(/192\.168\.0\.10/),
    );
    const b = scriptedTransport([{ status: 301, headers: { location: 'https://elsewhere.example.test/' } }]);
    await assert.rejects(
      guardedFetch(
        'https://public.example.test/',
        {
          allowedOrigins: ['https://public.example.test'],
          lookup: fixedLookup({ 'public.example.test': ['93.184.216.34'] }),
          transport: b.transport,
        },
        new AbortController().signal,
      ),
      refused(/elsewhere\.example\.test is not allow-listed/),
    );
    assert.equal(b.calls.length, 1);
  });

  test('at most three redirects', async () => {
    const loop = Array.from({ length: 5 }, (_, i) => ({
      status: 302,
      headers: { location: `https://public.example.test/${i + 1}` },
    }));
    const { transport, calls } = scriptedTransport(loop);
    await assert.rejects(
      guardedFetch(
        'https://public.example.test/0',
        {
          allowedOrigins: ['https://public.example.test'],
          lookup: fixedLookup({ 'public.example.test': ['93.184.216.34'] }),
          transport,
        },
        new AbortController().signal,
      ),
      (e: TRPCError) => e.code === 'BAD_GATEWAY' && /more than 3 redirects/.test(e.message),
    );
    assert.equal(calls.length, 4);
  });

  test('credentials in the URL and other schemes are refused', async () => {
    const { transport } = scriptedTransport([]);
    const options = { allowedOrigins: ['https://public.example.test'], lookup: failingLookup, transport };
    await assert.rejects(
      guardedFetch('https://user:pw@public.example.test/', options, new AbortController().signal),
      (e: TRPCError) => e.code === 'BAD_REQUEST',
    );
    await assert.rejects(
      guardedFetch('file:///etc/passwd', options, new AbortController().signal),
      (e: TRPCError) => e.code === 'BAD_REQUEST',
    );
  });
});

describe('http source against a fake server on 127.0.0.1 (loopback explicitly allowed)', () => {
  let server: http.Server;
  let origin: string;
  const seenHosts: string[] = [];
  const dialled: string[] = [];
  const loopbackOnly: Transport = (request) => {
    assert.ok(isLoopback(request.address), `attempted to dial ${request.address}`);
    dialled.push(request.address);
    return nodeTransport(request);
  };

  before(async () => {
    server = http.createServer((req, res) => {
      seenHosts.push(req.headers.host ?? '');
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/data.json') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            result: {
              rows: [
                { t: '2026-01-01T00:00:00Z', v: 1 },
                { t: '2026-01-01T01:00:00Z', v: 3 },
              ],
            },
          }),
        );
      } else if (url.pathname === '/data.csv') {
        res.setHeader('content-type', 'text/csv');
        res.end('t,v\r\n2026-01-01T00:00:00Z,5\r\n2026-01-01T01:00:00Z,6\r\n');
      } else if (url.pathname === '/moved') {
        res.writeHead(301, { location: '/data.csv' }).end();
      } else if (url.pathname === '/to-private') {
        res.writeHead(302, { location: 'http://10.0.0.1/data.csv' }).end();
      } else if (url.pathname === '/big') {
        res.setHeader('content-type', 'application/json');
        // Streamed without a content-length: the limit must hold while reading.
        res.write('[');
        for (let i = 0; i < 4000; i++) res.write(`${i ? ',' : ''}{"t":${i},"v":"${'x'.repeat(500)}"}`);
        res.end(']');
      } else if (url.pathname === '/slow') {
        res.setHeader('content-type', 'application/json');
        res.write('[');
        // Never ends: the time limit must cut it.
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    assert.ok(dialled.every(isLoopback));
  });

  const engineFor = (extra: HttpSourceOptions = {}) =>
    new DataEngine({
      http: {
        allowedOrigins: [origin],
        addressPolicy: { allow: ['127.0.0.0/8'] },
        lookup: failingLookup,
        transport: loopbackOnly,
        ...extra,
      },
    });
  const noDb = {} as OcpDatabase;
  let n = 0;
  const chart = (config: DataSourceConfigInput) => ({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    updatedAt: '2026-01-01T00:00:00Z',
    plotlyConfig: { data: [{ type: 'scatter' }] },
    dataSourceConfig: config as never,
    // No database here: the chart has no stored secrets (http-secrets.test.ts covers them).
    secrets: null,
  });

  test('JSON records at a dot path become traces', async () => {
    const data = await engineFor().resolve(
      noDb,
      chart({ kind: 'http', url: `${origin}/data.json`, path: 'result.rows', mapping: { x: 't', y: ['v'] } }),
    );
    assert.deepEqual(data.traces[0]!.y, [1, 3]);
    assert.deepEqual(data.traces[0]!.x, ['2026-01-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z']);
  });

  test('CSV, reached through an allowed redirect', async () => {
    const data = await engineFor().resolve(
      noDb,
      chart({ kind: 'http', url: `${origin}/moved`, format: 'csv', mapping: { x: 't', y: ['v'] } }),
    );
    assert.deepEqual(data.traces[0]!.y, [5, 6]);
  });

  test('a host name is resolved once, checked, and the connection pinned to that address', async () => {
    const port = new URL(origin).port;
    const before = seenHosts.length;
    const data = await engineFor({
      allowedOrigins: [`http://data.localtest:${port}`],
      lookup: fixedLookup({ 'data.localtest': ['127.0.0.1'] }),
    }).resolve(
      noDb,
      chart({
        kind: 'http',
        url: `http://data.localtest:${port}/data.csv`,
        format: 'csv',
        mapping: { x: 't', y: ['v'] },
      }),
    );
    assert.deepEqual(data.traces[0]!.y, [5, 6]);
    assert.deepEqual(seenHosts.slice(before), [`data.localtest:${port}`]);
  });

  test('even with loopback allowed, a redirect from the fake server to 10.0.0.1 is refused before dialling', async () => {
    const count = dialled.length;
    await assert.rejects(
      engineFor({ allowedOrigins: [origin, 'http://10.0.0.1'] }).resolve(
        noDb,
        chart({ kind: 'http', url: `${origin}/to-private`, format: 'csv', mapping: { x: 't', y: ['v'] } }),
      ),
      refused(/10\.0\.0\.1, a private address/),
    );
    assert.equal(dialled.length, count + 1, 'only the first hop (loopback) was dialled');
  });

  test('the size limit holds on a streamed body without content-length', async () => {
    await assert.rejects(
      engineFor({ maxBytes: 100_000 }).resolve(
        noDb,
        chart({ kind: 'http', url: `${origin}/big`, mapping: { x: 't', y: ['v'] } }),
      ),
      (e: TRPCError) => e.code === 'PAYLOAD_TOO_LARGE',
    );
  });

  test('the time limit cuts a response that never ends', async () => {
    const started = Date.now();
    await assert.rejects(
      engineFor({ timeoutMs: 300 }).resolve(
        noDb,
        chart({ kind: 'http', url: `${origin}/slow`, mapping: { x: 't', y: ['v'] } }),
      ),
      (e: TRPCError) => e.code === 'TIMEOUT',
    );
    assert.ok(Date.now() - started < 3000);
  });

  test('an upstream error status is a BAD_GATEWAY', async () => {
    await assert.rejects(
      engineFor().resolve(noDb, chart({ kind: 'http', url: `${origin}/missing`, mapping: { x: 't', y: ['v'] } })),
      (e: TRPCError) => e.code === 'BAD_GATEWAY' && /404/.test(e.message),
    );
  });

  test('without an allow-list entry nothing is fetched', async () => {
    const count = dialled.length;
    await assert.rejects(
      engineFor({ allowedOrigins: [] }).resolve(
        noDb,
        chart({ kind: 'http', url: `${origin}/data.json`, mapping: { x: 't', y: ['v'] } }),
      ),
      refused(/not allow-listed/),
    );
    assert.equal(dialled.length, count);
  });
});
