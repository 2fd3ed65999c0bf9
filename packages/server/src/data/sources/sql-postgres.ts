import postgres from 'postgres';
import { dataError } from '../errors.js';
import { ASSUME_ROLE, roleFailed, type SqlRunner } from './sql-runner.js';

/**
 * A query can always undo `SET LOCAL ROLE` (`set_config('role', 'none', true)` returns to the login, and
 * `query_to_xml` then reads with the login's rights), so the login itself must not be able to do more than `role`:
 * no superuser or BYPASSRLS, no role it may become that `role` may not, no server-file roles, no tables owned.
 */
const LOGIN_CHECK = `
SELECT s.rolname AS login,
       r.oid IS NOT NULL AS role_exists,
       s.rolsuper OR s.rolbypassrls AS login_superuser,
       coalesce(r.rolsuper OR r.rolbypassrls, false) AS role_superuser,
       coalesce(pg_has_role(s.oid, r.oid, 'MEMBER'), false) AS member,
       EXISTS (SELECT 1 FROM pg_roles o
               WHERE o.oid <> s.oid AND o.oid <> r.oid
                 AND pg_has_role(s.oid, o.oid, 'MEMBER') AND NOT pg_has_role(r.oid, o.oid, 'MEMBER')) AS other_roles,
       EXISTS (SELECT 1 FROM pg_roles o
               WHERE o.rolname IN ('pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program')
                 AND pg_has_role(r.oid, o.oid, 'MEMBER')) AS file_access,
       EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner IN (s.oid, r.oid)) AS owns_tables
FROM pg_roles s LEFT JOIN pg_roles r ON r.rolname = $1
WHERE s.rolname = session_user`;

interface LoginCheck {
  login: string;
  role_exists: boolean;
  login_superuser: boolean;
  role_superuser: boolean;
  member: boolean;
  other_roles: boolean;
  file_access: boolean;
  owns_tables: boolean;
}

function loginProblem(c: LoginCheck, role: string): string | null {
  if (!c.role_exists) return `role "${role}" does not exist`;
  if (c.login_superuser) return `its login "${c.login}" is a superuser or bypasses row security`;
  if (c.role_superuser) return `role "${role}" is a superuser or bypasses row security`;
  if (!c.member) return `its login "${c.login}" is not a member of "${role}"`;
  if (c.other_roles) return `its login "${c.login}" may become roles that "${role}" may not`;
  if (c.file_access) return `role "${role}" may read or write server files`;
  if (c.owns_tables) return `its login "${c.login}" or role "${role}" owns tables`;
  return null;
}

/**
 * A pool of its own for one registered connection (never the app's). Each query reserves a connection and runs in
 * `BEGIN READ ONLY` as `role` with the statement timeout; then it is rolled back, whatever happened, and the
 * connection is reset with `DISCARD ALL` (session settings, advisory locks, temporary tables) before anyone reuses
 * it. A connection that cannot be reset is never reused: the pool is replaced.
 */
export function postgresRunner(name: string, url: string, role: string, max: number): SqlRunner {
  // prepare: false, because DISCARD ALL drops prepared statements that postgres.js would otherwise reuse.
  const open = () =>
    postgres(url, {
      max,
      prepare: false,
      idle_timeout: 30,
      onnotice: () => {},
      connection: { application_name: `ocp-sql:${name}` },
    });
  let pool = open();
  let checked: Promise<void> | undefined;

  const checkLogin = () => {
    checked ??= (async () => {
      const [row] = (await pool.unsafe(LOGIN_CHECK, [role])) as unknown as LoginCheck[];
      const problem = row ? loginProblem(row, role) : 'its login has no pg_roles row';
      if (problem) {
        throw dataError(
          'INTERNAL_SERVER_ERROR',
          `sql connection "${name}" refused: ${problem} (see docs/data-sources.md, "Least-privilege role")`,
        );
      }
    })().catch((error: unknown) => {
      checked = undefined; // checked again once the operator has fixed it
      throw error;
    });
    return checked;
  };

  const reset = async (conn: postgres.ReservedSql, owner: postgres.Sql) => {
    try {
      await conn.unsafe('ROLLBACK');
      await conn.unsafe('DISCARD ALL');
      conn.release();
    } catch {
      if (pool === owner) {
        pool = open();
        owner.end({ timeout: 5 }).catch(() => {});
      }
    }
  };

  return {
    async run(text, params, timeoutMs) {
      await checkLogin();
      const owner = pool;
      const conn = await owner.reserve();
      try {
        await conn.unsafe('BEGIN READ ONLY');
        await conn.unsafe(ASSUME_ROLE, [role, String(timeoutMs)]).catch((error: unknown) => {
          throw roleFailed(name, role, error);
        });
        // simple: false forces the extended protocol, which runs exactly one statement. postgres.js would otherwise
        // send a parameterless query as a simple-protocol string, where `…; COMMIT; DROP …` runs three statements.
        const result = await conn
          .unsafe(text, params as postgres.ParameterOrJSON<never>[], { simple: false } as postgres.UnsafeQueryOptions)
          .values();
        return {
          fields: result.columns.map((c) => ({ name: c.name, type: c.type })),
          rows: [...result] as unknown[][],
        };
      } finally {
        await reset(conn, owner);
      }
    },
    close: () => pool.end({ timeout: 5 }),
  };
}
