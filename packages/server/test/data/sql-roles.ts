import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { adminUrl, rawExec, rawQuery, type TestDb } from '@ocp/db/testing';
import postgres from 'postgres';
import type { SqlConnectionRegistration } from '../../src/data/index.js';

/** The SQL block under "Least-privilege role" in docs/data-sources.md: what an operator runs. */
export function documentedGrants(): string {
  const doc = fs.readFileSync(new URL('../../../../docs/data-sources.md', import.meta.url), 'utf8');
  const match = /#### Least-privilege role[\s\S]*?```sql\n([\s\S]*?)```/.exec(doc);
  if (!match) throw new Error('docs/data-sources.md: no sql block under "Least-privilege role"');
  return match[1]!;
}

export interface ReaderRoles {
  /** The role queries run as. */
  reader: string;
  /** The login of `url` (PostgreSQL), NOINHERIT, a member of `reader` only. */
  login: string;
  /** The test database as `login` (PostgreSQL only). */
  url?: string;
  /** More cluster-wide roles a test created, dropped with the others. */
  extra: string[];
  /** Where a registration points: `url` on PostgreSQL, the instance itself (explicitly allowed) on PGlite. */
  target(): Pick<SqlConnectionRegistration, 'url' | 'pglite' | 'allowPglite'>;
  /** Drops the roles; call after the database is gone (it holds their grants). */
  drop(): Promise<void>;
}

/**
 * Runs the documented grants on `db` (schema `reporting` must exist) with unique names, since roles are
 * cluster-wide and test files run in parallel.
 */
export async function createReaderRoles(db: TestDb): Promise<ReaderRoles> {
  const suffix = randomBytes(4).toString('hex');
  const reader = `ocp_reader_${suffix}`;
  const login = `ocp_login_${suffix}`;
  const [current] = await rawQuery<{ name: string }>(db, 'SELECT current_database() AS name');
  const script = documentedGrants()
    .replaceAll('ocp_reader_login', login)
    .replaceAll('ocp_reader', reader)
    .replaceAll('DATABASE warehouse', `DATABASE ${current!.name}`);
  await rawExec(db, script);
  let url: string | undefined;
  if (db.url) {
    const u = new URL(db.url);
    u.username = login;
    url = u.toString();
  }
  const extra: string[] = [];
  return {
    reader,
    login,
    url,
    extra,
    target: () => (url ? { url } : { pglite: db.pglite!, allowPglite: true }),
    async drop() {
      if (db.kind !== 'postgres') return;
      const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      try {
        for (const role of [...extra, login, reader]) await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
      } finally {
        await admin.end();
      }
    },
  };
}
