import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './_columns.js';
import { authUsers } from './auth.js';

/**
 * Sharing links. `token` holds the SHA-256 (hex) of the raw token, never the token itself:
 * the raw value is shown once at creation (SPEC §3).
 */
export const sharingLinks = pgTable(
  'sharing_links',
  {
    id: id(),
    resourceType: text('resource_type').notNull(),
    resourceId: uuid('resource_id').notNull(),
    token: text('token').notNull().unique('sharing_links_token_key'),
    permissions: jsonb('permissions').$type<Record<string, unknown>>().default(sql`'{"view": true}'::jsonb`),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    lastAccessedAt: timestamp('last_accessed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    foreignKey({ name: 'sharing_links_created_by_fkey', columns: [t.createdBy], foreignColumns: [authUsers.id] }),
    index('idx_sharing_links_resource').on(t.resourceType, t.resourceId),
    // Redundant with the UNIQUE constraint's index, but part of the seed; kept for fidelity.
    index('idx_sharing_links_token').on(t.token),
  ],
);

export type SharingLink = typeof sharingLinks.$inferSelect;
export type NewSharingLink = typeof sharingLinks.$inferInsert;
