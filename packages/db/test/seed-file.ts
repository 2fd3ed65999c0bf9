import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The seed schema lives outside the repository (../shared/seed); OCP_SEED_SCHEMA overrides the path. */
export const seedSchemaPath =
  process.env.OCP_SEED_SCHEMA ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/seed/ocp-database-schema.md');

export const seedAvailable = fs.existsSync(seedSchemaPath);
export const seedMissingMessage = `seed schema not found at ${seedSchemaPath} (set OCP_SEED_SCHEMA); fidelity checks skipped`;

function sqlBlocks(): string[] {
  const text = fs.readFileSync(seedSchemaPath, 'utf8');
  return [...text.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Every DDL block of the seed (tables, types, functions, triggers, indexes), in document order. */
export function seedDdl(): string {
  return sqlBlocks()
    .filter((b) => /\bCREATE\b/i.test(b))
    .join('\n');
}

/** The seed's example queries, verbatim, in document order. */
export function seedQueries(): string[] {
  const block = sqlBlocks().find((b) => /^\s*--[^\n]*\n\s*SELECT/i.test(b) && !/\bCREATE\b/i.test(b));
  if (!block) throw new Error('example queries block not found in the seed');
  return block
    .split(';')
    .map((q) => q.trim())
    .filter((q) => /SELECT/i.test(q));
}

/** Supabase's auth.users, reduced to what the seed's foreign keys need. */
export const AUTH_STUB = 'CREATE SCHEMA auth; CREATE TABLE auth.users (id uuid PRIMARY KEY DEFAULT gen_random_uuid());';
