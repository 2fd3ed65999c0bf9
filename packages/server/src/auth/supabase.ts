import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { type AuthAdapter, bearerToken, isUserId } from './adapter.js';

export type SupabaseAuthOptions = {
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
    : createRemoteJWKSet(new URL(options.jwksUrl!));
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
        return { id: payload.sub, email: typeof payload.email === 'string' ? payload.email : null };
      } catch {
        return null;
      }
    },
  };
}
