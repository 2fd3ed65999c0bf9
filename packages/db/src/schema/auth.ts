import { pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// The seed extends Supabase's auth.users. Embedded deployments get a minimal stand-in, created by the
// hand-written migration 0000 only when the `auth` schema is absent (so Supabase's real table is used there).
// drizzle-kit does not manage this schema (see drizzle.config.ts: schemaFilter).
export const authSchema = pgSchema('auth');

export const authUsers = authSchema.table('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').unique(),
  encryptedPassword: text('encrypted_password'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).defaultNow(),
});

export type AuthUser = typeof authUsers.$inferSelect;
