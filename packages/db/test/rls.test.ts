import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { APP_ROLE, type DbClaims, pgErrorCode, withClaims } from '../src/index.js';
import { createTestDb, rawExec, rawQuery, type TestDb } from '../src/testing.js';

/*
 * Row-level security in SQL (migration 0014): every statement below runs as the app role with a caller's claims,
 * exactly as the server runs a request (set_config('request.jwt.claims', …, true) and the role, in a transaction),
 * and is rolled back afterwards, so each test sees the same fixture. Team T: admin Ada, editor Eve, viewer Vic.
 * Oscar is an outsider with a team of his own (T2) and a public dashboard, chart and agent.
 */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const U = { ada: id(1), eve: id(2), vic: id(3), oscar: id(4) };
const T = id(10);
const T2 = id(11);
/** A team Oscar created and nobody has joined yet. */
const T3 = id(13);
const R = {
  tplAda: id(20),
  tplOscar: id(21),
  slotAda: id(22),
  slotOscar: id(23),
  dTeam: id(30),
  dAda: id(31),
  dOscar: id(32),
  dPublic: id(33),
  tabTeam: id(40),
  tabOscar: id(41),
  tabPublic: id(42),
  cTeam: id(50),
  cAda: id(51),
  cOscar: id(52),
  cPublic: id(53),
  pTeam: id(60),
  pOscar: id(61),
  pPublic: id(62),
  linkTeam: id(70),
  linkOscar: id(71),
  wAda: id(80),
  wOscar: id(81),
  folderAda: id(82),
  folderOscar: id(83),
  noteAda: id(84),
  chatAda: id(90),
  chatOscar: id(91),
  agentTeam: id(100),
  agentOscar: id(101),
  agentPublic: id(102),
  siteTeam: id(110),
  siteOscar: id(111),
  seriesTeam: id(112),
  seriesOscar: id(113),
  inviteTeam: id(120),
  inviteOscar: id(121),
  model: id(130),
};
type Who = keyof typeof U | 'anon';
const WHO: Who[] = ['ada', 'eve', 'vic', 'oscar', 'anon'];

const FIXTURE = `
INSERT INTO auth.users (id, email) VALUES ('${U.ada}', 'ada@t.test'), ('${U.eve}', 'eve@t.test'), ('${U.vic}', 'vic@t.test'), ('${U.oscar}', 'oscar@o.test');
INSERT INTO user_profiles (id, display_name) VALUES ('${U.ada}', 'Ada'), ('${U.eve}', 'Eve'), ('${U.vic}', 'Vic'), ('${U.oscar}', 'Oscar');
INSERT INTO teams (id, name, created_by) VALUES ('${T}', 'T', '${U.ada}'), ('${T2}', 'T2', '${U.oscar}'), ('${T3}', 'T3', '${U.oscar}');
INSERT INTO user_team_memberships (user_id, team_id, role) VALUES
  ('${U.ada}', '${T}', 'admin'), ('${U.eve}', '${T}', 'editor'), ('${U.vic}', '${T}', 'viewer'), ('${U.oscar}', '${T2}', 'admin');
INSERT INTO team_invitations (id, team_id, email, role, invited_by, token_hash, expires_at) VALUES
  ('${R.inviteTeam}', '${T}', 'new@t.test', 'viewer', '${U.ada}', 'h1', now() + interval '1 day'),
  ('${R.inviteOscar}', '${T2}', 'vic@t.test', 'editor', '${U.oscar}', 'h2', now() + interval '1 day');
INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ('j-ada', '${U.ada}', now() + interval '1 day'), ('j-oscar', '${U.oscar}', now() + interval '1 day');
INSERT INTO user_token_generations (user_id, generation) VALUES ('${U.ada}', 1), ('${U.oscar}', 1);
INSERT INTO dashboard_templates (id, name, layout_config, created_by) VALUES
  ('${R.tplAda}', 'Ada''s grid', '{"columns":12,"rowHeight":80,"gap":8}', '${U.ada}'),
  ('${R.tplOscar}', 'Oscar''s grid', '{"columns":12,"rowHeight":80,"gap":8}', '${U.oscar}');
INSERT INTO dashboard_template_slots (id, template_id, slot_key, position_config) VALUES
  ('${R.slotAda}', '${R.tplAda}', 'a', '{"x":0,"y":0,"w":6,"h":4}'), ('${R.slotOscar}', '${R.tplOscar}', 'a', '{"x":0,"y":0,"w":6,"h":4}');
INSERT INTO dashboards (id, title, template_id, owner_user_id, owner_team_id, is_public) VALUES
  ('${R.dTeam}', 'team', '${R.tplAda}', NULL, '${T}', false),
  ('${R.dAda}', 'ada', '${R.tplAda}', '${U.ada}', NULL, false),
  ('${R.dOscar}', 'oscar', '${R.tplOscar}', '${U.oscar}', NULL, false),
  ('${R.dPublic}', 'public', '${R.tplOscar}', '${U.oscar}', NULL, true);
INSERT INTO dashboard_tabs (id, dashboard_id, title, template_id, position) VALUES
  ('${R.tabTeam}', '${R.dTeam}', 't', '${R.tplAda}', 0), ('${R.tabOscar}', '${R.dOscar}', 't', '${R.tplOscar}', 0),
  ('${R.tabPublic}', '${R.dPublic}', 't', '${R.tplOscar}', 0);
INSERT INTO charts (id, title, chart_type, plotly_config, data_source_config, owner_user_id, owner_team_id, is_public) VALUES
  ('${R.cTeam}', 'team', 'energy', '{"data":[]}', '{"kind":"energy","mapping":{"x":"t","y":["v"]}}', NULL, '${T}', false),
  ('${R.cAda}', 'ada', 'bar', '{"data":[]}', '{"kind":"dataset","datasetId":"${R.wAda}","mapping":{"x":"a","y":["b"]}}', '${U.ada}', NULL, false),
  ('${R.cOscar}', 'oscar', 'bar', '{"data":[]}', '{"kind":"dataset","datasetId":"${R.wOscar}","mapping":{"x":"a","y":["b"]}}', '${U.oscar}', NULL, false),
  ('${R.cPublic}', 'public', 'bar', '{"data":[]}', '{"kind":"inline","columns":{},"mapping":{"x":"a","y":["b"]}}', '${U.oscar}', NULL, true);
INSERT INTO chart_placements (id, dashboard_tab_id, chart_id, template_slot_id) VALUES
  ('${R.pTeam}', '${R.tabTeam}', '${R.cAda}', '${R.slotAda}'), ('${R.pOscar}', '${R.tabOscar}', '${R.cOscar}', '${R.slotOscar}'),
  ('${R.pPublic}', '${R.tabPublic}', '${R.cPublic}', '${R.slotOscar}');
INSERT INTO chart_versions (chart_id, plotly_config, data_source_config, created_by, version_number) VALUES
  ('${R.cTeam}', '{}', '{}', '${U.eve}', 0), ('${R.cOscar}', '{}', '{}', '${U.oscar}', 0), ('${R.cPublic}', '{}', '{}', '${U.oscar}', 0);
INSERT INTO dashboard_versions (dashboard_id, snapshot, created_by, version_number) VALUES
  ('${R.dTeam}', '{}', '${U.eve}', 0), ('${R.dOscar}', '{}', '${U.oscar}', 0), ('${R.dPublic}', '{}', '${U.oscar}', 0);
INSERT INTO ocp_private.chart_source_secrets (chart_id, origin) VALUES ('${R.cTeam}', 'https://a.test'), ('${R.cOscar}', 'https://o.test');
INSERT INTO sharing_links (id, resource_type, resource_id, token, created_by) VALUES
  ('${R.linkTeam}', 'dashboard', '${R.dTeam}', 'hash-team', '${U.eve}'), ('${R.linkOscar}', 'dashboard', '${R.dOscar}', 'hash-oscar', '${U.oscar}');
INSERT INTO workspace_folders (id, user_id, name, path) VALUES ('${R.folderAda}', '${U.ada}', 'f', '/f'), ('${R.folderOscar}', '${U.oscar}', 'f', '/f');
INSERT INTO workspace_items (id, user_id, item_type, title, content) VALUES
  ('${R.wAda}', '${U.ada}', 'dataset', 'ada data', '{"storage":"chunks"}'), ('${R.wOscar}', '${U.oscar}', 'dataset', 'oscar data', '{"storage":"chunks"}'),
  ('${R.noteAda}', '${U.ada}', 'note', 'ada note', '{}');
INSERT INTO dataset_chunks (item_id, name, chunk_no, type, row_count, data) VALUES
  ('${R.wAda}', 'a', 0, 'number', 1, '\\x000000000000f03f'), ('${R.wOscar}', 'a', 0, 'number', 1, '\\x0000000000000040');
INSERT INTO chat_sessions (id, user_id, title) VALUES ('${R.chatAda}', '${U.ada}', 'a'), ('${R.chatOscar}', '${U.oscar}', 'o');
INSERT INTO chat_messages (chat_session_id, role, content) VALUES ('${R.chatAda}', 'user', '"hi"'), ('${R.chatOscar}', 'user', '"hi"');
INSERT INTO agents (id, name, instructions, owner_user_id, owner_team_id, is_public) VALUES
  ('${R.agentTeam}', 'team', 'x', NULL, '${T}', false), ('${R.agentOscar}', 'oscar', 'x', '${U.oscar}', NULL, false),
  ('${R.agentPublic}', 'public', 'x', '${U.oscar}', NULL, true);
INSERT INTO llm_models (id, provider, model_id, display_name) VALUES ('${R.model}', 'test', 'm', 'M');
INSERT INTO energy_sites (id, name, owner_user_id, owner_team_id) VALUES ('${R.siteTeam}', 'team site', NULL, '${T}'), ('${R.siteOscar}', 'oscar site', '${U.oscar}', NULL);
INSERT INTO energy_series (id, site_id, meter, source) VALUES ('${R.seriesTeam}', '${R.siteTeam}', 'm', 'grid'), ('${R.seriesOscar}', '${R.siteOscar}', 'm', 'grid');
INSERT INTO energy_readings (series_id, ts, kwh) VALUES ('${R.seriesTeam}', '2026-01-01', 1), ('${R.seriesOscar}', '2026-01-01', 2);
INSERT INTO energy_forecasts (series_id, model, ts, predicted_kwh) VALUES ('${R.seriesTeam}', 'f', '2026-01-01', 1), ('${R.seriesOscar}', 'f', '2026-01-01', 2);
INSERT INTO energy_anomalies (series_id, ts, detector, kwh, score) VALUES ('${R.seriesTeam}', '2026-01-01', 'd', 1, 1), ('${R.seriesOscar}', '2026-01-01', 'd', 2, 1);
`;

let db: TestDb;

function claims(who: Who): DbClaims {
  return who === 'anon' ? { role: 'anon' } : { sub: U[who], role: 'authenticated' };
}

/**
 * Runs `text` (or several statements, answering the last one's rows) as the app role with `who`'s claims, in a
 * transaction that is always rolled back.
 */
async function as<T = Record<string, unknown>>(who: Who, text: string | string[]): Promise<T[]> {
  const statements = Array.isArray(text) ? text : [text];
  const setup = `SELECT set_config('request.jwt.claims', $1, true), set_config('role', '${APP_ROLE}', true)`;
  const rollback = new Error('rollback');
  let rows: T[] = [];
  try {
    if (db.kind === 'pglite') {
      await db.pglite!.transaction(async (tx) => {
        await tx.query(setup, [JSON.stringify(claims(who))]);
        for (const statement of statements) rows = (await tx.query<T>(statement)).rows;
        throw rollback;
      });
    } else {
      await db.sql!.begin(async (tx) => {
        await tx.unsafe(setup, [JSON.stringify(claims(who))]);
        for (const statement of statements) rows = (await tx.unsafe(statement)) as unknown as T[];
        throw rollback;
      });
    }
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return rows;
}

/** The ids (or another column) `who` sees in `table`, sorted. */
async function seen(who: Who, table: string, column = 'id'): Promise<string[]> {
  const rows = await as<{ v: string }>(who, `SELECT ${column}::text AS v FROM ${table}`);
  return rows.map((r) => r.v).sort();
}

/** How many rows a write touched (UPDATE/DELETE … RETURNING 1). */
async function touched(who: Who, text: string): Promise<number> {
  return (await as(who, text)).length;
}

async function refused(who: Who, text: string): Promise<string | undefined> {
  try {
    await as(who, text);
    return undefined;
  } catch (error) {
    return pgErrorCode(error);
  }
}

const sorted = (...ids: string[]) => [...ids].sort();

before(async () => {
  db = await createTestDb();
  await rawExec(db, FIXTURE);
});
after(() => db?.close());

describe('row-level security: the app role', () => {
  test('cannot log in, bypass RLS or own a table, and every table of user data has RLS on', async () => {
    const [role] = await rawQuery<{ login: boolean; bypass: boolean; superuser: boolean }>(
      db,
      `SELECT rolcanlogin AS login, rolbypassrls AS bypass, rolsuper AS superuser FROM pg_roles WHERE rolname = $1`,
      [APP_ROLE],
    );
    assert.deepEqual(role, { login: false, bypass: false, superuser: false });
    const owned = await rawQuery<{ relname: string }>(
      db,
      `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
      [APP_ROLE],
    );
    assert.deepEqual(
      owned.map((r) => r.relname),
      [],
    );
    const open = await rawQuery<{ t: string }>(
      db,
      `SELECT n.nspname || '.' || c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname = 'public' AND NOT c.relrowsecurity ORDER BY 1`,
    );
    assert.deepEqual(
      open.map((r) => r.t),
      [],
      'tables in public without row-level security',
    );
  });

  test('auth.uid() and auth.jwt() read the claims of the transaction', async () => {
    const [row] = await as<{ uid: string; email: string | null }>(
      'eve',
      `SELECT auth.uid()::text AS uid, auth.jwt()->>'role' AS email`,
    );
    assert.deepEqual(row, { uid: U.eve, email: 'authenticated' });
    const [anon] = await as<{ uid: string | null }>('anon', 'SELECT auth.uid() AS uid');
    assert.equal(anon!.uid, null);
    const [owner] = await rawQuery<{ uid: string | null }>(db, 'SELECT auth.uid() AS uid');
    assert.equal(owner!.uid, null, 'claims never outlive their transaction');
  });

  test("withClaims: the caller's very first statement already runs as the app role with its claims", async () => {
    // withClaims sends the identity through the driver's own handle (on PostgreSQL pipelined ahead of the caller's
    // first statement, not awaited first); many at once on the pool, each must see only its own identity.
    const who: Who[] = ['eve', 'ada', 'oscar', 'anon'];
    const seenBy = await Promise.all(
      Array.from({ length: 24 }, (_, i) => who[i % who.length]!).map((w) =>
        withClaims(db.db, claims(w), async (tx) => {
          const r = await tx.execute(sql`SELECT current_user::text AS role, auth.uid()::text AS uid`);
          const [row] = ((r as { rows?: unknown[] }).rows ?? r) as { role: string; uid: string | null }[];
          return { w, ...row! };
        }),
      ),
    );
    for (const s of seenBy) assert.deepEqual(s, { w: s.w, role: APP_ROLE, uid: s.w === 'anon' ? null : U[s.w] });
    const [owner] = await rawQuery<{ uid: string | null }>(db, 'SELECT auth.uid() AS uid');
    assert.equal(owner!.uid, null, 'claims never outlive their transaction');
  });

  test('withClaims: claims reach the database exactly, quotes, backslashes and `$` sequences included', async () => {
    const email = `o'brien\\"$'$&$1'); SET ROLE postgres; --\u00e9@example.test`;
    const row = await withClaims(db.db, { sub: U.eve, email, role: 'authenticated' }, async (tx) => {
      const r = await tx.execute(sql`SELECT auth.jwt()->>'email' AS email, current_user::text AS role`);
      return (((r as { rows?: unknown[] }).rows ?? r) as { email: string; role: string }[])[0];
    });
    assert.deepEqual(row, { email, role: APP_ROLE });
  });

  test("policies find the caller's teams without a definer call, and our auth.uid() is not inlined (0020)", async () => {
    const [fn] = await rawQuery<{ lang: string }>(
      db,
      `SELECT l.lanname AS lang FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = 'auth.uid()'::regprocedure`,
    );
    assert.equal(fn!.lang, 'plpgsql', 'an inlined SQL auth.uid() is parsed again for every policy naming it');
    const policies = await rawQuery<{ name: string; qual: string }>(
      db,
      `SELECT policyname AS name, qual FROM pg_policies
        WHERE policyname IN ('dashboards_read', 'charts_read', 'agents_read', 'memberships_read') ORDER BY 1`,
    );
    for (const p of policies) {
      if (p.name === 'memberships_read') assert.match(p.qual, /^\(\(user_id = \( SELECT auth\.uid\(\)/, p.name);
      else assert.doesNotMatch(p.qual, /my_teams\(\)/, p.name);
    }
    assert.equal(policies.length, 4);
  });

  test('a sharing-link token is not even readable; the server resolves tokens as the owner', async () => {
    assert.equal(await refused('eve', 'SELECT token FROM sharing_links'), '42501');
    assert.equal(await refused('eve', 'SELECT * FROM sharing_links'), '42501');
    assert.equal(await refused('eve', `UPDATE sharing_links SET last_accessed_at = now()`), '42501');
    assert.equal(await refused('ada', 'SELECT encrypted_password FROM auth.users'), '42501');
    assert.equal(await refused('ada', 'SELECT value FROM ocp_private.server_secrets'), '42501');
  });
});

describe('row-level security: who sees what', () => {
  const cases: Array<[table: string, column: string, expected: Record<Who, string[]>]> = [
    // Vic sees T2 too: it invited him. Oscar sees T3, which he made and nobody joined yet.
    ['teams', 'id', { ada: [T], eve: [T], vic: sorted(T, T2), oscar: sorted(T2, T3), anon: [] }],
    [
      'user_team_memberships',
      'user_id',
      {
        ada: sorted(U.ada, U.eve, U.vic),
        eve: sorted(U.ada, U.eve, U.vic),
        vic: sorted(U.ada, U.eve, U.vic),
        oscar: [U.oscar],
        anon: [],
      },
    ],
    // Members see their team's invitations; an invitee sees the ones addressed to their email.
    [
      'team_invitations',
      'id',
      {
        ada: [R.inviteTeam],
        eve: [R.inviteTeam],
        vic: sorted(R.inviteTeam, R.inviteOscar),
        oscar: [R.inviteOscar],
        anon: [],
      },
    ],
    [
      'user_profiles',
      'id',
      // Vic also sees Oscar's name: Oscar invited him.
      {
        ada: sorted(U.ada, U.eve, U.vic),
        eve: sorted(U.ada, U.eve, U.vic),
        vic: sorted(U.ada, U.eve, U.vic, U.oscar),
        oscar: [U.oscar],
        anon: [],
      },
    ],
    ['revoked_tokens', 'user_id', { ada: [U.ada], eve: [], vic: [], oscar: [U.oscar], anon: [] }],
    ['user_token_generations', 'user_id', { ada: [U.ada], eve: [], vic: [], oscar: [U.oscar], anon: [] }],
    // Teammates use Ada's template; Oscar's is readable wherever his public dashboard is.
    [
      'dashboard_templates',
      'id',
      {
        ada: sorted(R.tplAda, R.tplOscar),
        eve: sorted(R.tplAda, R.tplOscar),
        vic: sorted(R.tplAda, R.tplOscar),
        oscar: sorted(R.tplOscar),
        anon: [R.tplOscar],
      },
    ],
    [
      'dashboard_template_slots',
      'id',
      {
        ada: sorted(R.slotAda, R.slotOscar),
        eve: sorted(R.slotAda, R.slotOscar),
        vic: sorted(R.slotAda, R.slotOscar),
        oscar: [R.slotOscar],
        anon: [R.slotOscar],
      },
    ],
    [
      'dashboards',
      'id',
      {
        ada: sorted(R.dTeam, R.dAda, R.dPublic),
        eve: sorted(R.dTeam, R.dPublic),
        vic: sorted(R.dTeam, R.dPublic),
        oscar: sorted(R.dOscar, R.dPublic),
        anon: [R.dPublic],
      },
    ],
    [
      'dashboard_tabs',
      'id',
      {
        ada: sorted(R.tabTeam, R.tabPublic),
        eve: sorted(R.tabTeam, R.tabPublic),
        vic: sorted(R.tabTeam, R.tabPublic),
        oscar: sorted(R.tabOscar, R.tabPublic),
        anon: [R.tabPublic],
      },
    ],
    [
      'chart_placements',
      'id',
      {
        ada: sorted(R.pTeam, R.pPublic),
        eve: sorted(R.pTeam, R.pPublic),
        vic: sorted(R.pTeam, R.pPublic),
        oscar: sorted(R.pOscar, R.pPublic),
        anon: [R.pPublic],
      },
    ],
    // Version rows follow their dashboard (the API answers a viewer FORBIDDEN); counters need editor.
    [
      'dashboard_versions',
      'dashboard_id',
      {
        ada: sorted(R.dTeam, R.dPublic),
        eve: sorted(R.dTeam, R.dPublic),
        vic: sorted(R.dTeam, R.dPublic),
        oscar: sorted(R.dOscar, R.dPublic),
        anon: [R.dPublic],
      },
    ],
    [
      'dashboard_version_counters',
      'dashboard_id',
      { ada: [R.dTeam], eve: [R.dTeam], vic: [], oscar: sorted(R.dOscar, R.dPublic), anon: [] },
    ],
    // Ada's personal chart is placed on the team dashboard, so her teammates read it there.
    [
      'charts',
      'id',
      {
        ada: sorted(R.cTeam, R.cAda, R.cPublic),
        eve: sorted(R.cTeam, R.cAda, R.cPublic),
        vic: sorted(R.cTeam, R.cAda, R.cPublic),
        oscar: sorted(R.cOscar, R.cPublic),
        anon: [R.cPublic],
      },
    ],
    [
      'chart_versions',
      'chart_id',
      {
        ada: sorted(R.cTeam, R.cPublic),
        eve: sorted(R.cTeam, R.cPublic),
        vic: sorted(R.cTeam, R.cPublic),
        oscar: sorted(R.cOscar, R.cPublic),
        anon: [R.cPublic],
      },
    ],
    [
      'chart_version_counters',
      'chart_id',
      { ada: [R.cTeam], eve: [R.cTeam], vic: [], oscar: sorted(R.cOscar, R.cPublic), anon: [] },
    ],
    [
      'ocp_private.chart_source_secrets',
      'chart_id',
      { ada: [R.cTeam], eve: [R.cTeam], vic: [R.cTeam], oscar: [R.cOscar], anon: [] },
    ],
    // Links: their creator and the resource's readers (only editors list them through the API); outsiders none.
    [
      'sharing_links',
      'id',
      { ada: [R.linkTeam], eve: [R.linkTeam], vic: [R.linkTeam], oscar: [R.linkOscar], anon: [] },
    ],
    ['workspace_folders', 'id', { ada: [R.folderAda], eve: [], vic: [], oscar: [R.folderOscar], anon: [] }],
    // Ada's dataset feeds her chart on the team dashboard: teammates read it (read-only), Oscar does not.
    [
      'workspace_items',
      'id',
      { ada: sorted(R.wAda, R.noteAda), eve: [R.wAda], vic: [R.wAda], oscar: [R.wOscar], anon: [] },
    ],
    ['dataset_chunks', 'item_id', { ada: [R.wAda], eve: [R.wAda], vic: [R.wAda], oscar: [R.wOscar], anon: [] }],
    ['chat_sessions', 'id', { ada: [R.chatAda], eve: [], vic: [], oscar: [R.chatOscar], anon: [] }],
    ['chat_messages', 'chat_session_id', { ada: [R.chatAda], eve: [], vic: [], oscar: [R.chatOscar], anon: [] }],
    [
      'agents',
      'id',
      {
        ada: sorted(R.agentTeam, R.agentPublic),
        eve: sorted(R.agentTeam, R.agentPublic),
        vic: sorted(R.agentTeam, R.agentPublic),
        oscar: sorted(R.agentOscar, R.agentPublic),
        anon: [R.agentPublic],
      },
    ],
    ['llm_models', 'id', { ada: [R.model], eve: [R.model], vic: [R.model], oscar: [R.model], anon: [R.model] }],
    ['energy_sites', 'id', { ada: [R.siteTeam], eve: [R.siteTeam], vic: [R.siteTeam], oscar: [R.siteOscar], anon: [] }],
    [
      'energy_series',
      'id',
      { ada: [R.seriesTeam], eve: [R.seriesTeam], vic: [R.seriesTeam], oscar: [R.seriesOscar], anon: [] },
    ],
    [
      'energy_readings',
      'series_id',
      { ada: [R.seriesTeam], eve: [R.seriesTeam], vic: [R.seriesTeam], oscar: [R.seriesOscar], anon: [] },
    ],
    [
      'energy_forecasts',
      'series_id',
      { ada: [R.seriesTeam], eve: [R.seriesTeam], vic: [R.seriesTeam], oscar: [R.seriesOscar], anon: [] },
    ],
    [
      'energy_anomalies',
      'series_id',
      { ada: [R.seriesTeam], eve: [R.seriesTeam], vic: [R.seriesTeam], oscar: [R.seriesOscar], anon: [] },
    ],
  ];
  for (const [table, column, expected] of cases) {
    test(table, async () => {
      for (const who of WHO) assert.deepEqual(await seen(who, table, column), expected[who], `${table} as ${who}`);
    });
  }

  test('every table of the public schema is covered above', async () => {
    const tables = await rawQuery<{ t: string }>(
      db,
      `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 1`,
    );
    const covered = new Set(cases.map(([t]) => t));
    assert.deepEqual(
      [...tables].map((r) => r.t).filter((t) => !covered.has(t)),
      [],
      'add the new table to migration 0014-style policies and to this list',
    );
  });
});

describe('row-level security: who writes what', () => {
  const renameTeamDashboard = `UPDATE dashboards SET title = 'x' WHERE id = '${R.dTeam}' RETURNING 1`;
  const deleteTeamDashboard = `DELETE FROM dashboards WHERE id = '${R.dTeam}' RETURNING 1`;

  test('team dashboards: editors and admins write, only admins delete, viewers and outsiders neither', async () => {
    assert.equal(await touched('ada', renameTeamDashboard), 1);
    assert.equal(await touched('eve', renameTeamDashboard), 1);
    // A viewer may lock what they read (services do, before answering FORBIDDEN), never change it.
    assert.equal(await refused('vic', renameTeamDashboard), '42501');
    assert.equal((await as('vic', `SELECT id FROM dashboards WHERE id = '${R.dTeam}' FOR UPDATE`)).length, 1);
    assert.equal(
      await refused(
        'vic',
        `UPDATE dashboards SET owner_team_id = NULL, owner_user_id = auth.uid() WHERE id = '${R.dTeam}'`,
      ),
      '42501',
      'a viewer cannot take a team dashboard for themselves',
    );
    assert.equal(await touched('oscar', renameTeamDashboard), 0);
    assert.equal(await touched('ada', deleteTeamDashboard), 1);
    assert.equal(await touched('eve', deleteTeamDashboard), 0);
    assert.equal(await touched('vic', deleteTeamDashboard), 0);
  });

  test('public rows are read-only to everyone but their owner', async () => {
    for (const who of ['ada', 'eve', 'anon'] as const) {
      assert.equal(
        await refused(who, `UPDATE dashboards SET title = 'x' WHERE id = '${R.dPublic}' RETURNING 1`),
        '42501',
        who,
      );
      assert.equal(
        await refused(who, `UPDATE charts SET title = 'x' WHERE id = '${R.cPublic}' RETURNING 1`),
        '42501',
        who,
      );
      assert.equal(await touched(who, `DELETE FROM agents WHERE id = '${R.agentPublic}' RETURNING 1`), 0, who);
      assert.equal(await touched(who, `DELETE FROM dashboard_tabs WHERE id = '${R.tabPublic}' RETURNING 1`), 0, who);
    }
    assert.equal(await touched('oscar', `UPDATE dashboards SET title = 'x' WHERE id = '${R.dPublic}' RETURNING 1`), 1);
  });

  test('new rows must belong to the caller or a team they write for', async () => {
    const insertTeamChart = `INSERT INTO charts (title, chart_type, plotly_config, data_source_config, owner_team_id)
      VALUES ('n', 'bar', '{}', '{}', '${T}') RETURNING 1`;
    assert.equal(await touched('eve', insertTeamChart), 1);
    assert.equal(await refused('vic', insertTeamChart), '42501');
    assert.equal(await refused('oscar', insertTeamChart), '42501');
    assert.equal(
      await refused(
        'oscar',
        `INSERT INTO dashboards (title, template_id, owner_user_id) VALUES ('n', '${R.tplAda}', '${U.ada}')`,
      ),
      '42501',
    );
    assert.equal(
      await refused(
        'oscar',
        `INSERT INTO dashboard_tabs (dashboard_id, title, template_id, position) VALUES ('${R.dTeam}', 'x', '${R.tplAda}', 9)`,
      ),
      '42501',
    );
    assert.equal(
      await refused(
        'vic',
        `INSERT INTO dashboard_tabs (dashboard_id, title, template_id, position) VALUES ('${R.dTeam}', 'x', '${R.tplAda}', 9)`,
      ),
      '42501',
    );
    assert.equal(
      await touched(
        'eve',
        `INSERT INTO dashboard_tabs (dashboard_id, title, template_id, position) VALUES ('${R.dTeam}', 'x', '${R.tplAda}', 9) RETURNING 1`,
      ),
      1,
    );
    assert.equal(
      await refused(
        'oscar',
        `INSERT INTO workspace_items (user_id, item_type, title, content) VALUES ('${U.ada}', 'note', 'x', '{}')`,
      ),
      '42501',
    );
    assert.equal(
      await refused(
        'oscar',
        `INSERT INTO chat_messages (chat_session_id, role, content) VALUES ('${R.chatAda}', 'user', '"x"')`,
      ),
      '42501',
    );
    assert.equal(
      await refused(
        'vic',
        `INSERT INTO dashboard_versions (dashboard_id, snapshot, created_by) VALUES ('${R.dTeam}', '{}', '${U.vic}')`,
      ),
      '42501',
    );
    assert.equal(
      await refused(
        'eve',
        `INSERT INTO chart_versions (chart_id, plotly_config, data_source_config, created_by) VALUES ('${R.cOscar}', '{}', '{}', '${U.eve}')`,
      ),
      '42501',
    );
  });

  test('membership: admins add and remove members, anyone leaves, nobody joins uninvited', async () => {
    const addOscar = `INSERT INTO user_team_memberships (user_id, team_id, role) VALUES ('${U.oscar}', '${T}', 'admin') RETURNING 1`;
    assert.equal(await touched('ada', addOscar), 1);
    assert.equal(await refused('eve', addOscar), '42501');
    assert.equal(await refused('oscar', addOscar), '42501');
    assert.equal(await touched('vic', `DELETE FROM user_team_memberships WHERE user_id = '${U.vic}' RETURNING 1`), 1);
    assert.equal(await touched('vic', `DELETE FROM user_team_memberships WHERE user_id = '${U.eve}' RETURNING 1`), 0);
    assert.equal(
      await touched('eve', `UPDATE user_team_memberships SET role = 'admin' WHERE user_id = '${U.eve}' RETURNING 1`),
      0,
    );
    assert.equal(await refused('eve', `UPDATE teams SET name = 'mine' WHERE id = '${T}'`), '42501');
    assert.equal(await touched('ada', `UPDATE teams SET name = 'ours' WHERE id = '${T}' RETURNING 1`), 1);
    // A new team: its creator sees it and makes themselves its first admin, and nobody else can.
    const fresh = id(12);
    const created = await as('oscar', [
      `INSERT INTO teams (id, name, created_by) VALUES ('${fresh}', 'new', '${U.oscar}') RETURNING id`,
      `INSERT INTO user_team_memberships (user_id, team_id, role) VALUES ('${U.oscar}', '${fresh}', 'admin') RETURNING 1`,
    ]);
    assert.equal(created.length, 1);
    assert.equal(
      await refused(
        'oscar',
        `INSERT INTO user_team_memberships (user_id, team_id, role) VALUES ('${U.oscar}', '${T}', 'viewer')`,
      ),
      '42501',
    );
    // Someone else's new, empty team cannot be claimed.
    assert.equal(
      await refused(
        'eve',
        `INSERT INTO user_team_memberships (user_id, team_id, role) VALUES ('${U.eve}', '${T3}', 'admin')`,
      ),
      '42501',
    );
  });

  test('sharing links: editors create and revoke, viewers cannot', async () => {
    const create = `INSERT INTO sharing_links (resource_type, resource_id, token, created_by) VALUES ('dashboard', '${R.dTeam}', 'new-hash', auth.uid()) RETURNING id`;
    assert.equal(await touched('eve', create), 1);
    assert.equal(await refused('vic', create), '42501');
    assert.equal(await refused('oscar', create), '42501');
    assert.equal(await touched('ada', `DELETE FROM sharing_links WHERE id = '${R.linkTeam}' RETURNING 1`), 1);
    assert.equal(await touched('vic', `DELETE FROM sharing_links WHERE id = '${R.linkTeam}' RETURNING 1`), 0);
    assert.equal(await touched('eve', `DELETE FROM team_invitations WHERE id = '${R.inviteTeam}' RETURNING 1`), 0);
    assert.equal(await touched('ada', `DELETE FROM team_invitations WHERE id = '${R.inviteTeam}' RETURNING 1`), 1);
  });

  test('the model catalogue and energy readings are read-only', async () => {
    assert.equal(
      await refused('ada', `INSERT INTO llm_models (provider, model_id, display_name) VALUES ('x', 'y', 'z')`),
      '42501',
    );
    assert.equal(await touched('ada', `DELETE FROM energy_readings RETURNING 1`), 0);
  });
});
