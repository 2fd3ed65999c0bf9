import type { OcpDatabase } from '@ocp/db';
import { type AnyColumn, Column, getTableName, is, type SQL, sql } from 'drizzle-orm';

/**
 * Timestamps leave the database as ISO-8601 in UTC with all six fractional digits
 * (`2026-11-25T11:20:32.123456Z`), formatted by PostgreSQL itself: the same text on PGlite and postgres.js
 * whatever the session time zone, and exact, so a client can send `updatedAt` back as `expectedUpdatedAt`.
 */
export function iso(column: AnyColumn | SQL): SQL<string> {
  return sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Same for a nullable timestamp (to_char of NULL is NULL). */
export const isoOrNull = iso as (column: AnyColumn | SQL) => SQL<string | null>;

/** Raw-SQL rows on either driver (PGlite returns `{ rows }`, postgres.js an array). */
export async function rows<T>(db: OcpDatabase, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A json/jsonb value: both drivers parse it already, but be strict about it. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A UUID parameter that may be null (the anonymous caller), typed for comparisons. */
export const uid = (id: string | null | undefined) => sql`${id ?? null}::uuid`;

/** A transaction handle is a database handle for our purposes. */
export type Tx = Parameters<Parameters<OcpDatabase['transaction']>[0]>[0];

/**
 * A column always written as "table"."column". Drizzle leaves columns unqualified in the select list of a
 * one-table query, and inside a correlated subquery an unqualified "id" silently binds to the inner table.
 * Every column that goes into a subquery goes through this.
 */
export function qualified(expr: AnyColumn | SQL): SQL {
  if (!is(expr, Column)) return expr as SQL;
  return sql`${sql.identifier(getTableName(expr.table))}.${sql.identifier(expr.name)}`;
}
