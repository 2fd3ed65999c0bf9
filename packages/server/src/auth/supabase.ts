import type { OcpDatabase } from '@ocp/db';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { type AuthAdapter, bearerToken, isUserId } from './adapter.js';
import { ensureAccount } from './provision.js';

/** How long fetched signing keys are trusted before the JWKS is read again (a token with a new `kid` reads it at once). */
export const JWKS_CACHE_MS = 10 * 60_000;
/** Unknown `kid`s re-read the JWKS at most this often, so a flood of forged tokens cannot hammer Supabase. */
export const JWKS_COOLDOWN_MS = 30_000;

export type SupabaseAuthOptions = {
  /**
   * Creates the caller's user_profiles row on their first request (and, on a database without Supabase's auth
   * schema, the auth.users row it points at), so a new Supabase user can create dashboards at once.
   */
  db?: OcpDatabase;
  /** Expected `aud` (Supabase: `authenticated`). */
  audience?: string;
  /** Expected `iss`, e.g. `https://<project>.supabase.co/auth/v1` (checked when given). */
  issuer?: string;
} & (
  | { /** The project's legacy JWT secret (HS256). */ jwtSecret: string; jwksUrl?: never }
  | {
      /** The project's JWKS, e.g. `https://<project>.supabase.co/auth/v1/.well-known/jwks.json` (RS256/ES256). */
      jwksUrl: string;
      jwtSecret?: never;
    }
);

/**
 * Verifies Supabase access tokens (no sign-up/sign-in here: Supabase owns the accounts, and its auth.users is
 * the table our foreign keys point at). `sub` becomes the user id, `email` the email. Tokens must carry `exp`.
 * Signing out is Supabase's job (its sign-out revokes the refresh tokens; access tokens end at `exp`), so
 * auth.signOut and friends answer NOT_IMPLEMENTED here.
 */
export function supabaseAuth(options: SupabaseAuthOptions): AuthAdapter {
  const audience = options.audience ?? 'authenticated';
  const key: Uint8Array | JWTVerifyGetKey = options.jwtSecret
    ? new TextEncoder().encode(options.jwtSecret)
    : // jose caches the keys (cacheMaxAge) and, when a token names a kid it does not hold, fetches the set again
      // (key rotation), no more often than the cooldown.
      createRemoteJWKSet(new URL(options.jwksUrl!), { cacheMaxAge: JWKS_CACHE_MS, cooldownDuration: JWKS_COOLDOWN_MS });
  const algorithms = options.jwtSecret ? ['HS256'] : ['RS256', 'ES256', 'EdDSA'];
  return {
    async resolveUser({ headers }) {
      const token = bearerToken(headers);
      if (!token) return null;
      try {
        const { payload } = await jwtVerify(token, key as Uint8Array, {
          audience,
          algorithms,
          // A token without an expiry would be valid forever: refused.
          requiredClaims: ['exp'],
          ...(options.issuer ? { issuer: options.issuer } : {}),
        });
        if (!isUserId(payload.sub)) return null;
        const user = { id: payload.sub, email: typeof payload.email === 'string' ? payload.email : null };
        if (options.db) await ensureAccount(options.db, user, displayNameOf(payload));
        return user;
      } catch (error) {
        if ((error as { code?: string }).code?.startsWith('ERR_J')) return null;
        throw error; // the database, not the token: the request fails as unavailable instead of anonymous
      }
    },
  };
}

/** Supabase puts the name people gave in `user_metadata` (full_name or name); else the email's local part. */
function displayNameOf(payload: JWTPayload): string {
  const meta = (payload.user_metadata ?? {}) as Record<string, unknown>;
  const name = [meta.full_name, meta.name].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const email = typeof payload.email === 'string' ? payload.email : '';
  return (name ?? email.split('@')[0] ?? '').trim().slice(0, 200) || 'User';
}
