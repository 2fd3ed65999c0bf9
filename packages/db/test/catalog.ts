import type { OcpDb } from '../src/client.js';
import { rawQuery } from '../src/testing.js';

/** A comparable description of the public schema, read from information_schema and pg_catalog. */
export interface Catalog {
  columns: Map<string, string>; // "table.column" -> "type|nullable|default"
  constraints: Map<string, string>; // "table.name" -> "type|definition"
  indexes: Map<string, string>; // "table.name" -> pg_get_indexdef
  enums: Map<string, string>; // type -> labels in order
  triggers: Map<string, string>; // "table.name" -> "timing event"
  tables: Set<string>;
}

export async function readCatalog(db: OcpDb): Promise<Catalog> {
  const columns = await rawQuery<{ t: string; c: string; v: string }>(
    db,
    `SELECT table_name AS t, column_name AS c,
            concat_ws('|', CASE WHEN data_type = 'ARRAY' THEN udt_name ELSE data_type END, is_nullable, coalesce(column_default, '')) AS v
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const constraints = await rawQuery<{ t: string; c: string; v: string }>(
    db,
    `SELECT rel.relname AS t, con.conname AS c, con.contype::text || '|' || pg_get_constraintdef(con.oid) AS v
       FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = rel.relnamespace WHERE n.nspname = 'public'`,
  );
  const indexes = await rawQuery<{ t: string; c: string; v: string }>(
    db,
    `SELECT tablename AS t, indexname AS c, indexdef AS v FROM pg_indexes WHERE schemaname = 'public'`,
  );
  const enums = await rawQuery<{ c: string; v: string }>(
    db,
    `SELECT t.typname AS c, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS v
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`,
  );
  const triggers = await rawQuery<{ t: string; c: string; v: string }>(
    db,
    `SELECT event_object_table AS t, trigger_name AS c, action_timing || ' ' || event_manipulation AS v
       FROM information_schema.triggers WHERE trigger_schema = 'public'`,
  );
  const tables = await rawQuery<{ t: string }>(
    db,
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const keyed = (rows: Array<{ t: string; c: string; v: string }>) =>
    new Map(rows.map((r) => [`${r.t}.${r.c}`, r.v] as const));
  return {
    columns: keyed(columns),
    constraints: keyed(constraints),
    indexes: keyed(indexes),
    enums: new Map(enums.map((r) => [r.c, r.v] as const)),
    triggers: keyed(triggers),
    tables: new Set(tables.map((r) => r.t)),
  };
}
