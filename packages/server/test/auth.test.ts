import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { authUsers, createDb, type OcpDatabase } from '@ocp/db';
import { createTestDb, rawQuery } from '@ocp/db/testing';
import { eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import {
  type AuthAdapter,
  createOcpServer,
  embeddedAuth,
  hostAuth,
  type OcpServerOptions,
  supabaseAuth,
} from '../src/index.js';
import { TEMPLATE } from './fixtures.js';
import { type Harness, ok, startHarness } from './harness.js';

/** Serves `handler` on an ephemeral port; returns its URL and a closer. */
async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A second server on the same database, with its own options. */
async function sibling(db: OcpDatabase, options: Partial<OcpServerOptions> = {}) {
  const ocp = createOcpServer({ db, ...options });
  return serve((req, res) => ocp.handler(req, res));
}

async function rpc(base: string, path: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as {
    result?: { data: { token: string; user: { id: string } } };
    error?: { data: { code: string } };
  };
  return { status: res.status, code: body.error?.data.code ?? 'OK', data: body.result?.data };
}

async function me(base: string, token: string) {
  const res = await fetch(`${base}/trpc/me.get`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as {
    result?: { data: { id: string; email: string } };
    error?: { data: { code: string } };
  };
  return { code: body.error?.data.code ?? 'OK', data: body.result?.data };
}

describe('authentication', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h?.close());

  test('embedded sign-up and sign-in: scrypt hash stored, JWT accepted, email case-insensitive', async () => {
    const up = ok(
      await h.call<{ token: string; user: { id: string; email: string } }>(null, 'auth.signUp', {
        email: ' Ada@Example.TEST ',
        password: 'correct horse battery',
        displayName: 'Ada',
      }),
    );
    assert.equal(up.user.email, 'ada@example.test');
    assert.equal(ok(await h.call<{ id: string }>(up.token, 'me.get')).id, up.user.id);
    const [row] = await h.db.db
      .select({ hash: authUsers.encryptedPassword })
      .from(authUsers)
      .where(eq(authUsers.id, up.user.id));
    assert.match(row!.hash!, /^scrypt\$32768\$8\$1\$/);
    const inn = ok(
      await h.call<{ token: string; user: { id: string } }>(null, 'auth.signIn', {
        email: 'ADA@example.test',
        password: 'correct horse battery',
      }),
    );
    assert.equal(inn.user.id, up.user.id);
    const dup = await h.call(null, 'auth.signUp', {
      email: 'ada@example.test',
      password: 'another password',
      displayName: 'A',
    });
    assert.equal(dup.code, 'CONFLICT');
    assert.equal(
      (await h.call(null, 'auth.signUp', { email: 'b@example.test', password: 'short', displayName: 'B' })).code,
      'BAD_REQUEST',
    );
  });

  test('a wrong password and an unknown email get the same UNAUTHORIZED answer', async () => {
    ok(
      await h.call(null, 'auth.signUp', {
        email: 'grace@example.test',
        password: 'hopper hopper',
        displayName: 'Grace',
      }),
    );
    const wrong = await h.call(null, 'auth.signIn', { email: 'grace@example.test', password: 'nope nope' });
    const unknown = await h.call(null, 'auth.signIn', { email: 'nobody@example.test', password: 'nope nope' });
    assert.equal(wrong.code, 'UNAUTHORIZED');
    assert.equal(wrong.text, unknown.text);
  });

  test('the signing secret is generated on first use, stored once, and different per database', async () => {
    const rows = await rawQuery<{ value: string }>(
      h.db,
      `SELECT value FROM ocp_private.server_secrets WHERE name = 'jwt-hs256'`,
    );
    assert.equal(rows.length, 1);
    assert.equal(Buffer.from(rows[0]!.value, 'base64url').length, 32);
    const other = await createTestDb();
    try {
      const auth = embeddedAuth({ db: other.db });
      await auth.init();
      const [theirs] = await rawQuery<{ value: string }>(other, `SELECT value FROM ocp_private.server_secrets`);
      assert.notEqual(theirs!.value, rows[0]!.value, 'no built-in default secret');
      // A token of another installation is worth nothing here.
      const [u] = await other.db.insert(authUsers).values({ email: 'x@example.test' }).returning({ id: authUsers.id });
      const foreign = await auth.issueToken({ id: u!.id, email: 'x@example.test' });
      assert.equal((await h.call(foreign, 'me.get')).code, 'UNAUTHORIZED');
    } finally {
      await other.close();
    }
  });

  test('two server processes sharing one database accept each other’s tokens (even when they start together)', async () => {
    // A second, independent connection to the same database when it is PostgreSQL (PGlite has one owner).
    const second = h.db.url ? await createDb({ databaseUrl: h.db.url, max: 2 }) : null;
    const db2 = second?.db ?? h.db.db;
    try {
      const a = embeddedAuth({ db: db2 });
      const b = embeddedAuth({ db: db2 });
      await Promise.all([a.init(), b.init()]);
      const server = await sibling(db2, { auth: a });
      try {
        const user = await h.user('shared');
        // Token from the harness server's adapter, accepted by the sibling server.
        assert.equal((await me(server.url, user.token)).data?.id, user.id);
        // And the other way round.
        const back = await b.issueToken({ id: user.id, email: user.email });
        assert.equal(ok(await h.call<{ id: string }>(back, 'me.get')).id, user.id);
      } finally {
        await server.close();
      }
    } finally {
      await second?.close();
    }
  });

  test('expired, wrong-issuer and unsigned tokens are refused', async () => {
    const user = await h.user('tokens');
    const [{ value }] = (await rawQuery<{ value: string }>(h.db, `SELECT value FROM ocp_private.server_secrets`)) as [
      { value: string },
    ];
    const key = Buffer.from(value, 'base64url');
    const base = () => new SignJWT({ email: user.email }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id);
    const expired = await base()
      .setIssuer('ocp')
      .setAudience('ocp')
      .setIssuedAt(1_000)
      .setExpirationTime(2_000)
      .sign(key);
    const issuer = await base().setIssuer('evil').setAudience('ocp').setExpirationTime('1h').sign(key);
    const fine = await base().setIssuer('ocp').setAudience('ocp').setExpirationTime('1h').sign(key);
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: user.id, iss: 'ocp', aud: 'ocp' })).toString('base64url');
    for (const token of [expired, issuer, `${header}.${payload}.`])
      assert.equal((await h.call(token, 'me.get')).code, 'UNAUTHORIZED');
    assert.equal((await h.call(fine, 'me.get')).code, 'OK');
  });

  test('rate limits: sign-in per address and per account, sign-up per address', async () => {
    const server = await sibling(h.db.db, {
      auth: h.auth,
      rateLimits: { signIn: { capacity: 3, perMinute: 1 }, signUp: { capacity: 2, perMinute: 1 } },
      // Each request names its address, to show the per-account bucket holding across addresses.
      clientIp: ({ headers }) => headers.get('x-test-ip') ?? 'unknown',
    });
    try {
      const attempt = (ip: string, email = 'grace@example.test') =>
        rpc(server.url, 'auth.signIn', { email, password: 'wrong password' }, { 'x-test-ip': ip });
      const fromOne = [];
      for (let i = 0; i < 4; i++) fromOne.push((await attempt('10.0.0.1')).code);
      assert.deepEqual(fromOne, ['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);
      assert.equal((await attempt('10.0.0.1')).status, 429);
      // Spread over many addresses, one account still gets at most 10 guesses before it is throttled.
      const spread = [];
      for (let i = 0; i < 12; i++) spread.push((await attempt(`10.1.0.${i}`, 'victim@example.test')).code);
      assert.deepEqual(spread.slice(10), ['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
      const signUps = [];
      for (let i = 0; i < 3; i++) {
        signUps.push(
          (
            await rpc(
              server.url,
              'auth.signUp',
              { email: `rl${i}@example.test`, password: 'long enough', displayName: 'R' },
              { 'x-test-ip': '10.2.0.1' },
            )
          ).code,
        );
      }
      assert.deepEqual(signUps, ['OK', 'OK', 'TOO_MANY_REQUESTS']);
    } finally {
      await server.close();
    }
  });

  test('Supabase adapter: HS256 project secret', async () => {
    const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';
    const auth = supabaseAuth({ jwtSecret: secret });
    const id = crypto.randomUUID();
    const sign = (aud: string) =>
      new SignJWT({ email: 's@example.test', role: 'authenticated' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(id)
        .setAudience(aud)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(secret));
    const headers = (token: string) => ({ headers: new Headers({ authorization: `Bearer ${token}` }) });
    assert.deepEqual(await auth.resolveUser(headers(await sign('authenticated'))), { id, email: 's@example.test' });
    assert.equal(await auth.resolveUser(headers(await sign('anon'))), null);
    // Mounted: Supabase owns the accounts, so embedded sign-up is not available.
    const server = await sibling(h.db.db, { auth });
    try {
      assert.equal(
        (await rpc(server.url, 'auth.signUp', { email: 'z@example.test', password: 'long enough', displayName: 'Z' }))
          .code,
        'NOT_IMPLEMENTED',
      );
    } finally {
      await server.close();
    }
  });

  test('Supabase adapter: asymmetric keys from a JWKS URL', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const jwks = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    try {
      const auth = supabaseAuth({
        jwksUrl: `${jwks.url}/auth/v1/.well-known/jwks.json`,
        issuer: 'https://p.supabase.co/auth/v1',
      });
      const id = crypto.randomUUID();
      const token = await new SignJWT({ email: 'j@example.test' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject(id)
        .setAudience('authenticated')
        .setIssuer('https://p.supabase.co/auth/v1')
        .setExpirationTime('1h')
        .sign(privateKey);
      assert.deepEqual(await auth.resolveUser({ headers: new Headers({ authorization: `Bearer ${token}` }) }), {
        id,
        email: 'j@example.test',
      });
      const hs = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(id)
        .setAudience('authenticated')
        .sign(new TextEncoder().encode('x'.repeat(32)));
      assert.equal(
        await auth.resolveUser({ headers: new Headers({ authorization: `Bearer ${hs}` }) }),
        null,
        'no alg confusion',
      );
    } finally {
      await jwks.close();
    }
  });

  test('host-supplied resolveUser: the host decides, first-seen users are recorded for foreign keys', async () => {
    const auth: AuthAdapter = hostAuth(
      ({ headers }) => {
        const id = headers.get('x-user-id');
        return id ? { id, email: `${id.slice(0, 8)}@host.test` } : null;
      },
      { db: h.db.db },
    );
    const server = await sibling(h.db.db, { auth });
    try {
      const id = crypto.randomUUID();
      const created = await rpc(
        server.url,
        'dashboards.create',
        { title: 'Host', templateId: TEMPLATE.single },
        { 'x-user-id': id },
      );
      assert.equal(created.code, 'OK');
      assert.equal(
        (
          await rpc(
            server.url,
            'dashboards.create',
            { title: 'x', templateId: TEMPLATE.single },
            { 'x-user-id': 'not-a-uuid' },
          )
        ).code,
        'UNAUTHORIZED',
      );
      const [row] = await h.db.db.select({ email: authUsers.email }).from(authUsers).where(eq(authUsers.id, id));
      assert.equal(row!.email, `${id.slice(0, 8)}@host.test`);
    } finally {
      await server.close();
    }
  });
});
