import { randomBytes } from 'node:crypto';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { jwtVerify, SignJWT } from 'jose';
import type { OcpUser } from '../context.js';
import { rows } from '../services/sql.js';
import { type AuthAdapter, bearerToken, isUserId } from './adapter.js';

export interface EmbeddedAuthOptions {
  db: OcpDatabase;
  /**
   * A fixed signing secret (at least 32 bytes). By default one is generated on first start and kept in the
   * database (`ocp_private.server_secrets`), so every server process sharing the database accepts the same tokens.
   */
  secret?: string | Uint8Array;
  /** Token lifetime (default 12 hours). */
  tokenTtlSeconds?: number;
}

export interface EmbeddedAuth extends AuthAdapter {
  readonly kind: 'embedded';
  /** Loads (or on the very first start, generates and stores) the signing secret. Idempotent. */
  init(): Promise<void>;
  issueToken(user: OcpUser): Promise<string>;
}

const ISSUER = 'ocp';
const AUDIENCE = 'ocp';
const SECRET_NAME = 'jwt-hs256';

/**
 * Embedded email/password accounts (auth.users) with HS256 JWTs signed by `jose`. There is no built-in
 * default secret: the first server to start generates 256 random bits and stores them; later and parallel
 * starts read the same row (INSERT … ON CONFLICT DO NOTHING, then SELECT, so a race has one winner).
 */
export function embeddedAuth(options: EmbeddedAuthOptions): EmbeddedAuth {
  const ttl = options.tokenTtlSeconds ?? 12 * 60 * 60;
  let key: Promise<Uint8Array> | null = null;

  const loadKey = (): Promise<Uint8Array> => {
    if (!key) {
      key = options.secret ? Promise.resolve(fixedKey(options.secret)) : storedKey(options.db);
      key.catch(() => {
        key = null; // a failed load (database down) is retried by the next request
      });
    }
    return key;
  };

  return {
    kind: 'embedded',
    async init() {
      await loadKey();
    },
    async issueToken(user) {
      return new SignJWT(user.email ? { email: user.email } : {})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .sign(await loadKey());
    },
    async resolveUser({ headers }) {
      const token = bearerToken(headers);
      if (!token) return null;
      try {
        const { payload } = await jwtVerify(token, await loadKey(), {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        });
        if (!isUserId(payload.sub)) return null;
        return { id: payload.sub, email: typeof payload.email === 'string' ? payload.email : null };
      } catch {
        return null; // expired, forged or malformed: the caller is anonymous
      }
    },
  };
}

function fixedKey(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (bytes.byteLength < 32) throw new Error('embeddedAuth: the secret must be at least 32 bytes');
  return bytes;
}

async function storedKey(db: OcpDatabase): Promise<Uint8Array> {
  const candidate = randomBytes(32).toString('base64url');
  await db.execute(
    sql`INSERT INTO ocp_private.server_secrets (name, value) VALUES (${SECRET_NAME}, ${candidate}) ON CONFLICT (name) DO NOTHING`,
  );
  const [row] = await rows<{ value: string }>(
    db,
    sql`SELECT value FROM ocp_private.server_secrets WHERE name = ${SECRET_NAME}`,
  );
  if (!row) throw new Error('embeddedAuth: could not store the signing secret');
  return Buffer.from(row.value, 'base64url');
}
