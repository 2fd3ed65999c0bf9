import { randomBytes } from 'node:crypto';
import { type OcpDatabase, revokedTokens, userTokenGenerations } from '@ocp/db';
import { lt, sql } from 'drizzle-orm';
import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
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
  revokeToken(user: OcpUser): Promise<void>;
  revokeAllTokens(userId: string, db?: OcpDatabase): Promise<void>;
}

const ISSUER = 'ocp';
const AUDIENCE = 'ocp';
const SECRET_NAME = 'jwt-hs256';
/** Verified token strings remembered (see `verified`). */
const VERIFIED_TOKENS = 10_000;

/**
 * Embedded email/password accounts (auth.users) with HS256 JWTs signed by `jose`. There is no built-in
 * default secret: the first server to start generates 256 random bits and stores them; later and parallel
 * starts read the same row (INSERT … ON CONFLICT DO NOTHING, then SELECT, so a race has one winner).
 *
 * Every token carries `exp`, a random `jti` and the user's token generation (`gen`). Each request checks, in one
 * query of three primary-key lookups, that the account still exists, that `gen` is the current generation
 * (bumped by "sign out everywhere" and password changes) and that `jti` was not signed out. That check is not
 * cached here: a revocation must hold on every server process sharing the database. (A warm dashboards.get keeps
 * its answer per token, dropped by the database's notification of any such change: caches/token-cache.ts.) What is
 * kept is the signature check of a token string, until the token's `exp`.
 */
export function embeddedAuth(options: EmbeddedAuthOptions): EmbeddedAuth {
  const ttl = options.tokenTtlSeconds ?? 12 * 60 * 60;
  let key: Promise<Uint8Array> | null = null;
  /**
   * Payloads of token strings whose signature and claims were verified, until their `exp` (the key never changes
   * for this adapter, so the same string verifies the same way). Map order is recency; the oldest go first.
   */
  const verified = new Map<string, JWTPayload>();
  const verify = async (token: string): Promise<JWTPayload | null> => {
    const known = verified.get(token);
    if (known && known.exp! * 1000 > Date.now()) {
      verified.delete(token);
      verified.set(token, known);
      return known;
    }
    verified.delete(token);
    // Outside the try: a key that cannot be loaded (database down) is an error, not an anonymous caller.
    const key = await loadKey();
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'jti', 'sub'],
      });
      verified.set(token, payload);
      if (verified.size > VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
      return payload;
    } catch {
      return null; // expired, forged, malformed or without exp: the caller is anonymous
    }
  };

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
      const [row] = await rows<{ generation: number }>(
        options.db,
        sql`SELECT generation FROM ${userTokenGenerations} WHERE user_id = ${user.id}`,
      );
      const gen = row?.generation ?? 0;
      return new SignJWT(user.email ? { email: user.email, gen } : { gen })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setJti(randomBytes(16).toString('base64url'))
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
      const payload = await verify(token);
      if (!payload) return null;
      const { sub, jti, gen, exp } = payload;
      if (!isUserId(sub) || typeof jti !== 'string' || jti.length > 64 || !Number.isInteger(gen)) return null;
      // Database errors propagate (a 500), so an outage never looks like a revoked session.
      const [state] = await rows<{ present: boolean; generation: number; revoked: boolean }>(
        options.db,
        sql`SELECT /* ocp token check */
              EXISTS (SELECT 1 FROM auth.users WHERE id = ${sub}) AS present,
              coalesce((SELECT generation FROM ${userTokenGenerations} WHERE user_id = ${sub}), 0) AS generation,
              EXISTS (SELECT 1 FROM ${revokedTokens} WHERE jti = ${jti}) AS revoked`,
      );
      if (!state?.present || state.revoked || Number(state.generation) !== gen) return null;
      return {
        id: sub,
        email: typeof payload.email === 'string' ? payload.email : null,
        token: { id: jti, expiresAt: exp! },
      };
    },
    async revokeToken(user) {
      if (!user.token) return;
      const expiresAt = new Date(user.token.expiresAt * 1000).toISOString();
      await options.db.transaction(async (tx) => {
        // Rows of expired tokens guard nothing: each sign-out sweeps them (indexed on expires_at).
        await tx.delete(revokedTokens).where(lt(revokedTokens.expiresAt, sql`now()`));
        await tx
          .insert(revokedTokens)
          .values({ jti: user.token!.id, userId: user.id, expiresAt })
          .onConflictDoNothing();
      });
    },
    async revokeAllTokens(userId, db = options.db) {
      await db
        .insert(userTokenGenerations)
        .values({ userId, generation: 1 })
        .onConflictDoUpdate({
          target: userTokenGenerations.userId,
          set: { generation: sql`${userTokenGenerations.generation} + 1`, updatedAt: sql`now()` },
        });
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
