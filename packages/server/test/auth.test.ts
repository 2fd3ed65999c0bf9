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
  hashPassword,
  hostAuth,
  type OcpNotification,
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
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  const text = await res.text();
  const body = JSON.parse(text) as {
    result?: { data: { token: string; user: { id: string } } };
    error?: { data: { code: string } };
  };
  return { status: res.status, text, code: body.error?.data.code ?? 'OK', data: body.result?.data };
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

  test('embedded sign-up, then sign-in: scrypt hash stored, JWT accepted, email case-insensitive', async () => {
    const up = ok(
      await h.call<{ message: string }>(null, 'auth.signUp', {
        email: ' Ada@Example.TEST ',
        password: 'correct horse battery',
        displayName: 'Ada',
      }),
    );
    assert.match(up.message, /sign in/);
    const inn = ok(
      await h.call<{ token: string; user: { id: string; email: string; displayName: string } }>(null, 'auth.signIn', {
        email: 'ADA@example.test',
        password: 'correct horse battery',
      }),
    );
    assert.deepEqual([inn.user.email, inn.user.displayName], ['ada@example.test', 'Ada']);
    assert.equal(ok(await h.call<{ id: string }>(inn.token, 'me.get')).id, inn.user.id);
    const [row] = await h.db.db
      .select({ hash: authUsers.encryptedPassword })
      .from(authUsers)
      .where(eq(authUsers.id, inn.user.id));
    assert.match(row!.hash!, /^scrypt\$32768\$8\$1\$/);
    assert.equal(
      (await h.call(null, 'auth.signUp', { email: 'b@example.test', password: 'short', displayName: 'B' })).code,
      'BAD_REQUEST',
    );
  });

  test('sign-up with a taken address: the same answer, nothing changes, and the owner is told', async () => {
    const sent: OcpNotification[] = [];
    const server = await sibling(h.db.db, { auth: h.auth, notify: (n) => void sent.push(n) });
    try {
      const owner = { email: `owner-${Date.now()}@example.test`, password: 'the owner password' };
      const first = await rpc(server.url, 'auth.signUp', { ...owner, displayName: 'Owner' });
      const again = await rpc(server.url, 'auth.signUp', {
        email: owner.email.toUpperCase(),
        password: 'the attacker password',
        displayName: 'Attacker',
      });
      const fresh = await rpc(server.url, 'auth.signUp', {
        email: `fresh-${Date.now()}@example.test`,
        password: 'another password',
        displayName: 'Fresh',
      });
      assert.equal(first.code, 'OK');
      assert.equal(again.text, fresh.text, 'byte for byte the answer a new address gets');
      assert.equal(again.status, fresh.status);
      assert.doesNotMatch(again.text, /"token"/, 'no token for anyone: a new address signs in next');
      // The owner's account is untouched: their password still works, the attacker's does not.
      assert.equal((await rpc(server.url, 'auth.signIn', owner)).code, 'OK');
      assert.equal(
        (await rpc(server.url, 'auth.signIn', { email: owner.email, password: 'the attacker password' })).code,
        'UNAUTHORIZED',
      );
      const [profile] = await rawQuery<{ display_name: string }>(
        h.db,
        `SELECT p.display_name FROM user_profiles p JOIN auth.users u ON u.id = p.id WHERE u.email = '${owner.email}'`,
      );
      assert.equal(profile!.display_name, 'Owner');
      for (let i = 0; i < 50 && !sent.length; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(
        sent.map((n) => [n.type, n.email]),
        [['sign-up-attempt', owner.email]],
        'only the existing owner is notified',
      );
    } finally {
      await server.close();
    }
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

  test('expired, wrong-issuer, unsigned, exp-less and generation-less tokens are refused', async () => {
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
    const fine = await base()
      .setIssuer('ocp')
      .setAudience('ocp')
      .setJti('fine-token')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    const claims = () => new SignJWT({ email: user.email, gen: 0 }).setProtectedHeader({ alg: 'HS256' });
    // Correctly signed, right issuer, audience and generation, but valid forever: refused.
    const noExp = await claims().setSubject(user.id).setIssuer('ocp').setAudience('ocp').setJti('x').sign(key);
    const withExp = await claims()
      .setSubject(user.id)
      .setIssuer('ocp')
      .setAudience('ocp')
      .setJti('y')
      .setExpirationTime('1h')
      .sign(key);
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: user.id, iss: 'ocp', aud: 'ocp' })).toString('base64url');
    for (const token of [expired, issuer, `${header}.${payload}.`, fine, noExp])
      assert.equal((await h.call(token, 'me.get')).code, 'UNAUTHORIZED');
    assert.equal((await h.call(withExp, 'me.get')).code, 'OK', 'the same token with an expiry (control)');
  });

  test('sign-in limits count failures per (email, address) and per address: the owner still gets in', async () => {
    const frozen = Date.now();
    const server = await sibling(h.db.db, {
      auth: h.auth,
      rateLimits: { signIn: { capacity: 15, perMinute: 1 }, signUp: { capacity: 2, perMinute: 1 } },
      // No refill during the test, however slow the machine.
      clock: () => frozen,
      // Each request names its address, to play attacker and owner on one loopback.
      clientIp: ({ headers }) => headers.get('x-test-ip') ?? 'unknown',
    });
    try {
      const owner = { email: `locked-${Date.now()}@example.test`, password: 'the real password' };
      await h.db.db
        .insert(authUsers)
        .values({ email: owner.email, encryptedPassword: await hashPassword(owner.password) });
      const attempt = (ip: string, body: { email: string; password: string }) =>
        rpc(server.url, 'auth.signIn', body, { 'x-test-ip': ip });
      // The attacker burns 12 guesses on the owner's account from one address.
      const burned = [];
      for (let i = 0; i < 12; i++) burned.push((await attempt('10.6.6.6', { ...owner, password: `guess ${i}` })).code);
      assert.deepEqual(burned.slice(0, 10), Array(10).fill('UNAUTHORIZED'));
      assert.deepEqual(burned.slice(10), ['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
      // Even the right password is refused from the attacker's address now…
      assert.equal((await attempt('10.6.6.6', owner)).status, 429);
      // …but the owner, from their own address, signs in at once.
      assert.equal((await attempt('10.1.2.3', owner)).code, 'OK');
      // Per address: spraying other accounts from the attacker's address hits the address bucket (15 failures).
      const spray = [];
      for (let i = 0; i < 7; i++)
        spray.push((await attempt('10.6.6.6', { email: `other${i}@example.test`, password: 'x' })).code);
      assert.deepEqual(spray, [...Array(5).fill('UNAUTHORIZED'), 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
      // Successes cost nothing: twenty sign-ins in a row from one address all pass.
      for (let i = 0; i < 20; i++) assert.equal((await attempt('10.1.2.4', owner)).code, 'OK');
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

  test('auth.signOut ends this token only; other sessions go on', async () => {
    const user = await h.user('two-devices');
    const laptop = await h.auth.issueToken({ id: user.id, email: user.email });
    const phone = await h.auth.issueToken({ id: user.id, email: user.email });
    assert.deepEqual(ok(await h.call(laptop, 'auth.signOut')), { signedOut: true });
    assert.equal((await h.call(laptop, 'me.get')).code, 'UNAUTHORIZED');
    assert.equal((await h.call(laptop, 'auth.signOut')).code, 'UNAUTHORIZED');
    assert.equal((await h.call(phone, 'me.get')).code, 'OK');
    assert.equal((await h.call(null, 'auth.signOut')).code, 'UNAUTHORIZED');
  });

  test('auth.signOutEverywhere ends every token at once, on every server process; a new sign-in works', async () => {
    const email = `everywhere-${Date.now()}@example.test`;
    await h.db.db.insert(authUsers).values({ email, encryptedPassword: await hashPassword('a long password') });
    const signIn = async () =>
      ok(await h.call<{ token: string }>(null, 'auth.signIn', { email, password: 'a long password' })).token;
    const [a, b] = [await signIn(), await signIn()];
    const other = await sibling(h.db.db, { auth: embeddedAuth({ db: h.db.db }) });
    try {
      assert.equal((await me(other.url, b)).code, 'OK');
      ok(await h.call(a, 'auth.signOutEverywhere'));
      for (const token of [a, b]) {
        assert.equal((await h.call(token, 'me.get')).code, 'UNAUTHORIZED');
        assert.equal((await me(other.url, token)).code, 'UNAUTHORIZED', 'no cache keeps it alive elsewhere');
      }
      assert.equal((await h.call(await signIn(), 'me.get')).code, 'OK');
    } finally {
      await other.close();
    }
  });

  test('me.changePassword: checks the current password, ends the other sessions, returns a fresh token', async () => {
    const email = `changer-${Date.now()}@example.test`;
    await h.db.db.insert(authUsers).values({ email, encryptedPassword: await hashPassword('old password') });
    const signIn = (password: string) => h.call<{ token: string }>(null, 'auth.signIn', { email, password });
    const here = ok(await signIn('old password')).token;
    const elsewhere = ok(await signIn('old password')).token;
    const wrong = await h.call(here, 'me.changePassword', { currentPassword: 'not it', newPassword: 'new password' });
    assert.equal(wrong.code, 'BAD_REQUEST');
    assert.equal((await h.call(here, 'me.get')).code, 'OK', 'a wrong current password changes nothing');
    assert.equal(
      (await h.call(here, 'me.changePassword', { currentPassword: 'old password', newPassword: 'short' })).code,
      'BAD_REQUEST',
    );
    const changed = ok(
      await h.call<{ token: string; user: { email: string } }>(here, 'me.changePassword', {
        currentPassword: 'old password',
        newPassword: 'new password',
      }),
    );
    assert.equal(changed.user.email, email);
    for (const token of [here, elsewhere]) assert.equal((await h.call(token, 'me.get')).code, 'UNAUTHORIZED');
    assert.equal((await h.call(changed.token, 'me.get')).code, 'OK');
    assert.equal((await signIn('old password')).code, 'UNAUTHORIZED');
    assert.equal((await signIn('new password')).code, 'OK');
  });

  test('a token in the URL (?connectionParams=) is accepted for subscriptions only, never queries or mutations', async () => {
    const user = await h.user('url-token');
    const params = (token: string) =>
      `connectionParams=${encodeURIComponent(JSON.stringify({ authorization: `Bearer ${token}` }))}`;
    const query = await fetch(`${h.url}/trpc/me.get?${params(user.token)}`);
    assert.equal(query.status, 401);
    const tokenForm = await fetch(
      `${h.url}/trpc/me.get?connectionParams=${encodeURIComponent(JSON.stringify({ token: user.token }))}`,
    );
    assert.equal(tokenForm.status, 401);
    const mutation = await fetch(`${h.url}/trpc/teams.create?${params(user.token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Via URL' }),
    });
    assert.equal(mutation.status, 401);
    const batch = await fetch(`${h.url}/trpc/me.get,teams.list?batch=1&${params(user.token)}`);
    assert.equal(batch.status, 401);
    // The header still works for the same calls (control), and subscriptions still take the URL form.
    assert.equal((await h.call(user, 'me.get')).code, 'OK');
    const controller = new AbortController();
    const sse = await fetch(
      `${h.url}/trpc/events.dashboard?input=${encodeURIComponent(JSON.stringify({ dashboardId: crypto.randomUUID() }))}&${params(user.token)}`,
      { signal: controller.signal },
    );
    const reader = sse.body!.getReader();
    let text = '';
    while (!/serialized-error[\s\S]*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    assert.match(text, /"code":"NOT_FOUND"/, 'signed in (a random dashboard is NOT_FOUND, not UNAUTHORIZED)');
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
    const forever = await new SignJWT({ email: 's@example.test' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(id)
      .setAudience('authenticated')
      .sign(new TextEncoder().encode(secret));
    assert.equal(await auth.resolveUser(headers(forever)), null, 'a token without exp is refused');
    // Mounted: Supabase owns the accounts, so embedded sign-up is not available.
    const server = await sibling(h.db.db, { auth });
    try {
      assert.equal(
        (await rpc(server.url, 'auth.signUp', { email: 'z@example.test', password: 'long enough', displayName: 'Z' }))
          .code,
        'NOT_IMPLEMENTED',
      );
      const token = await sign('authenticated');
      const bearer = { authorization: `Bearer ${token}` };
      assert.equal((await rpc(server.url, 'auth.signOut', undefined, bearer)).code, 'NOT_IMPLEMENTED');
      assert.equal((await rpc(server.url, 'auth.signOutEverywhere', undefined, bearer)).code, 'NOT_IMPLEMENTED');
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
