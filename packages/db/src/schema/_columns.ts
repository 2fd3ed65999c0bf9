import { sql } from 'drizzle-orm';
import { check, jsonb, timestamp, uuid } from 'drizzle-orm/pg-core';

// Shared column builders. The seed leaves most columns nullable (even created_at); we keep its exact
// nullability so the schema-fidelity test can compare us column by column with the seed's own DDL.

export const id = () => uuid('id').defaultRandom().primaryKey();
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).defaultNow();
export const emptyJson = (name: string) => jsonb(name).default(sql`'{}'::jsonb`);

/** The seed's "either a user or a team owns it, never both" CHECK. */
export const ownerXor = (name: string, table: { ownerUserId: unknown; ownerTeamId: unknown }) =>
  check(
    name,
    sql`(${table.ownerUserId} IS NOT NULL AND ${table.ownerTeamId} IS NULL) OR (${table.ownerUserId} IS NULL AND ${table.ownerTeamId} IS NOT NULL)`,
  );
