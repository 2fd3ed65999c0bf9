import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createScratchDb, type TestDb, testTarget } from '@ocp/db/testing';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/*
 * `pnpm start` in Supabase mode, configured by the environment alone (OCP_AUTH=supabase with SUPABASE_JWT_SECRET,
 * or with SUPABASE_JWKS_URL served here on loopback), with tokens signed by `jose` the way Supabase signs them.
 */

const SECRET = 'a-supabase-project-jwt-secret-of-at-least-32-bytes';
const GRID = '00000000-0000-4000-8000-000000000003';

interface Host {
  child: ChildProcess;
  url: string;
  dataDir: string;
  scratch?: TestDb;
}

async function startHost(env: Record<string, string>): Promise<Host> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-supabase-'));
  const full: Record<string, string> = { OCP_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', ...env };
  let scratch: TestDb | undefined;
  if (testTarget() === 'postgres') {
    scratch = await createScratchDb();
    full.DATABASE_URL = scratch.url!;
  }
  const child = spawn('pnpm', ['start'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, ...full },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/running at (http:\/\/\S+)[\s\S]*accounts: Supabase[^\n]*\n/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`pnpm start exited with ${code}:\n${output}`)));
  });
  return { child, url, dataDir, scratch };
}

async function stopHost(host: Host | undefined) {
  if (!host) return;
  if (host.child.pid) process.kill(-host.child.pid, 'SIGTERM');
  await new Promise((r) => host.child.once('exit', r).once('error', r));
  await host.scratch?.close();
  fs.rmSync(host.dataDir, { recursive: true, force: true });
}

/** A tRPC call over plain HTTP: queries as GET (input in the URL), mutations (names in MUTATIONS) as POST. */
const MUTATIONS = new Set(['dashboards.create', 'auth.signIn']);
async function call(base: string, token: string | null, procedure: string, input?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = MUTATIONS.has(procedure)
    ? await fetch(`${base}/trpc/${procedure}`, { method: 'POST', headers, body: JSON.stringify(input) })
    : await fetch(`${base}/trpc/${procedure}${query}`, { headers });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { data: { code: string } } };
  return {
    status: res.status,
    code: body.error?.data.code ?? 'OK',
    data: body.result?.data as Record<string, unknown>,
  };
}

/** Claims as Supabase's auth server writes them. */
function claims(sub: string, email: string) {
  return { sub, email, role: 'authenticated', aud: 'authenticated', user_metadata: { full_name: `Name of ${email}` } };
}

describe('OCP_AUTH=supabase with SUPABASE_JWT_SECRET (HS256)', () => {
  let host: Host;
  const key = new TextEncoder().encode(SECRET);
  const hs256 = (payload: Record<string, unknown>, expiresIn: string | number = '1h') =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(key);

  before(async () => {
    host = await startHost({ OCP_AUTH: 'supabase', SUPABASE_JWT_SECRET: SECRET });
  });
  after(() => stopHost(host));

  test("a new Supabase user's first call creates their rows; they create a dashboard at once", async () => {
    const id = randomUUID();
    const token = await hs256(claims(id, 'new.user@example.test'));
    const me = await call(host.url, token, 'me.get');
    assert.equal(me.code, 'OK');
    assert.equal(me.data.id, id);
    assert.equal(me.data.email, 'new.user@example.test');
    assert.equal(me.data.displayName, 'Name of new.user@example.test');
    const created = await call(host.url, token, 'dashboards.create', { title: 'Mine', templateId: GRID });
    assert.equal(created.code, 'OK');
    const listed = await call(host.url, token, 'dashboards.list');
    assert.deepEqual(
      (listed.data as unknown as Array<{ title: string }>).map((d) => d.title),
      ['Mine'],
    );
    // Another Supabase user sees nothing of it.
    const other = await hs256(claims(randomUUID(), 'other@example.test'));
    assert.equal((await call(host.url, other, 'dashboards.get', { id: created.data.id })).code, 'NOT_FOUND');
  });

  test('expired, wrong-audience, unsigned (alg none) and wrongly signed tokens are refused', async () => {
    const id = randomUUID();
    const expired = await hs256(claims(id, 'x@example.test'), Math.floor(Date.now() / 1000) - 60);
    const wrongAudience = await hs256({ ...claims(id, 'x@example.test'), aud: 'someone-else' });
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ ...claims(id, 'x@example.test'), exp: Math.floor(Date.now() / 1000) + 3600 }),
    ).toString('base64url');
    const none = `${header}.${payload}.`;
    const otherSecret = await new SignJWT(claims(id, 'x@example.test'))
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-project-secret-but-just-as-long-as-it'));
    const noExpiry = await new SignJWT(claims(id, 'x@example.test')).setProtectedHeader({ alg: 'HS256' }).sign(key);
    for (const [name, token] of Object.entries({ expired, wrongAudience, none, otherSecret, noExpiry })) {
      const res = await call(host.url, token, 'me.get');
      assert.equal(res.code, 'UNAUTHORIZED', name);
      assert.equal(res.status, 401, name);
    }
  });

  test('sign-up and sign-in belong to Supabase here', async () => {
    const res = await call(host.url, null, 'auth.signIn', { email: 'a@example.test', password: 'whatever-password' });
    assert.notEqual(res.code, 'OK');
  });
});

describe('OCP_AUTH=supabase with SUPABASE_JWKS_URL (RS256, keys served on loopback)', () => {
  let host: Host;
  let jwks: http.Server;
  let served: JWK[] = [];
  let fetches = 0;
  let nextKey: JWK;
  const keys: Record<string, Awaited<ReturnType<typeof generateKeyPair>>> = {};

  const rs256 = (kid: string, payload: Record<string, unknown>) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(keys[kid]!.privateKey);

  before(async () => {
    for (const kid of ['k1', 'k2', 'rogue']) keys[kid] = await generateKeyPair('RS256', { extractable: true });
    const publicJwk = async (kid: string) => ({
      ...(await exportJWK(keys[kid]!.publicKey)),
      kid,
      alg: 'RS256',
      use: 'sig',
    });
    served = [await publicJwk('k1')];
    jwks = http.createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: served }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    host = await startHost({
      OCP_AUTH: 'supabase',
      SUPABASE_JWKS_URL: `http://127.0.0.1:${port}/auth/v1/.well-known/jwks.json`,
    });
    // The key the project rotates to later.
    nextKey = await publicJwk('k2');
  });
  after(async () => {
    await stopHost(host);
    await new Promise((r) => jwks?.close(r));
  });

  test('tokens signed with the published key work; the key set is fetched once and cached', async () => {
    const id = randomUUID();
    const token = await rs256('k1', claims(id, 'rs@example.test'));
    for (let i = 0; i < 5; i++) assert.equal((await call(host.url, token, 'me.get')).code, 'OK');
    assert.equal((await call(host.url, token, 'dashboards.create', { title: 'RS', templateId: GRID })).code, 'OK');
    assert.equal(fetches, 1);
  });

  test('a key the set does not hold is refused, and a rotated-in key is picked up', async () => {
    const id = randomUUID();
    const rogue = await rs256('rogue', claims(id, 'rogue@example.test'));
    assert.equal((await call(host.url, rogue, 'me.get')).code, 'UNAUTHORIZED');
    // Same kid as a real key, other private key: the signature fails.
    const forged = await new SignJWT(claims(id, 'rogue@example.test'))
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setExpirationTime('1h')
      .sign(keys.rogue!.privateKey);
    assert.equal((await call(host.url, forged, 'me.get')).code, 'UNAUTHORIZED');
    // Rotation: the project publishes k2; a token naming it makes the server read the set again (after the 30 s
    // cooldown that keeps unknown-kid floods from hammering the endpoint).
    served = [...served, nextKey];
    const rotated = await rs256('k2', claims(id, 'rotated@example.test'));
    const deadline = Date.now() + 45_000;
    let code = '';
    while (Date.now() < deadline && code !== 'OK') {
      code = (await call(host.url, rotated, 'me.get')).code;
      if (code !== 'OK') await new Promise((r) => setTimeout(r, 2000));
    }
    assert.equal(code, 'OK');
    assert.ok(fetches >= 2);
  });
});
