import type { OcpDatabase } from '@ocp/db';
import type { AuthAdapter } from './adapter.js';
import { embeddedAuth } from './embedded.js';
import { supabaseAuth } from './supabase.js';

/**
 * The auth adapter the environment asks for, so `pnpm start` (and createOcpServer without `auth`) switch by
 * configuration alone:
 * - `OCP_AUTH=embedded` (default): accounts in auth.users, tokens signed by this server;
 * - `OCP_AUTH=supabase`: Supabase access tokens, verified with `SUPABASE_JWT_SECRET` (HS256, the project's legacy
 *   secret) or `SUPABASE_JWKS_URL` (asymmetric keys, cached and re-read on rotation); `SUPABASE_JWT_AUDIENCE`
 *   (default `authenticated`) and `SUPABASE_JWT_ISSUER` (checked when set).
 * A misconfiguration throws at start, never at the first request.
 */
export function authFromEnv(db: OcpDatabase, env: NodeJS.ProcessEnv = process.env): AuthAdapter {
  if (authKindFromEnv(env) === 'embedded') return embeddedAuth({ db });
  const secret = env.SUPABASE_JWT_SECRET?.trim();
  const jwksUrl = env.SUPABASE_JWKS_URL?.trim();
  if (!secret === !jwksUrl) {
    throw new Error('OCP_AUTH=supabase needs exactly one of SUPABASE_JWT_SECRET (HS256) and SUPABASE_JWKS_URL');
  }
  if (secret && Buffer.byteLength(secret) < 32) throw new Error('SUPABASE_JWT_SECRET must be at least 32 bytes');
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) throw new Error('SUPABASE_JWKS_URL must be an http(s) URL');
  const common = {
    db,
    audience: env.SUPABASE_JWT_AUDIENCE?.trim() || 'authenticated',
    ...(env.SUPABASE_JWT_ISSUER?.trim() ? { issuer: env.SUPABASE_JWT_ISSUER.trim() } : {}),
  };
  return secret ? supabaseAuth({ ...common, jwtSecret: secret }) : supabaseAuth({ ...common, jwksUrl: jwksUrl! });
}

/** Which accounts OCP_AUTH asks for, known before the database is open (a start picks its template by it). */
export function authKindFromEnv(env: NodeJS.ProcessEnv = process.env): 'embedded' | 'supabase' {
  const kind = (env.OCP_AUTH ?? 'embedded').trim().toLowerCase();
  if (kind === 'embedded' || kind === '') return 'embedded';
  if (kind !== 'supabase') throw new Error(`OCP_AUTH must be "embedded" or "supabase", got "${env.OCP_AUTH}"`);
  return 'supabase';
}
