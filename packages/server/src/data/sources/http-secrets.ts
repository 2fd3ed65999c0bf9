import type { DataSourceConfig, DataSourceSecretNames } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { queryRows } from './db-sources.js';

/*
 * An http source's secrets (request headers, and credential-like query parameters of its URL) live apart from the
 * chart's config, in ocp_private.chart_source_secrets (migration 0008): the config is returned to editors and
 * copied into every chart version, the secrets are read only here, by the server, when it fetches.
 */

/**
 * Query parameter names that carry credentials. Generous on purpose: a harmless parameter caught by it is still
 * sent with every fetch, only kept out of the config; a key it missed would be shown to every editor. Migration
 * 0008 applies the same pattern to the charts stored before it.
 */
export const SECRET_PARAM = /key|token|secret|passw|pwd|signature|^sig$|auth|credential|session|jwt/i;

export interface SourceSecrets {
  /** The origin the secrets were given for: they are sent there and nowhere else. */
  origin: string;
  headers: Record<string, string>;
  /** Raw `name=value` pairs, as they appeared in the URL (percent-encoding kept). */
  query: string[];
}

/** The secrets a write carries, taken out of the config it came in. */
export interface GivenSecrets {
  /** Present (even empty): every secret is restated, the query ones by the URL. */
  headers?: Record<string, string>;
  query: string[];
}

function paramName(pair: string): string {
  const raw = pair.split('=', 1)[0]!;
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
}

const isSecretPair = (pair: string) => SECRET_PARAM.test(paramName(pair));

/** Splits what is written into the config to store (no secrets) and the secrets it gives. */
export function separateSecrets(config: DataSourceConfig): { config: DataSourceConfig; given: GivenSecrets } {
  if (config.kind !== 'http') return { config, given: { query: [] } };
  const { headers, ...rest } = config;
  const url = new URL(rest.url);
  const pairs = url.search.slice(1).split('&').filter(Boolean);
  const query = pairs.filter(isSecretPair);
  if (query.length) {
    url.search = pairs.filter((p) => !isSecretPair(p)).join('&');
    rest.url = url.href;
  }
  return { config: rest, given: { ...(headers ? { headers } : {}), query } };
}

/**
 * The secrets after a write of `config`. They follow the origin they were given for: a source that moves to
 * another origin (or stops being http) loses them, so an editor cannot point a chart at their own server to
 * collect them. Headers given restate every secret; otherwise what is not given is kept.
 */
export function nextSecrets(
  previous: SourceSecrets | null,
  config: DataSourceConfig,
  given: GivenSecrets,
): SourceSecrets | null {
  if (config.kind !== 'http') return null;
  const origin = new URL(config.url).origin;
  const kept = previous?.origin === origin ? previous : null;
  const headers = given.headers ?? kept?.headers ?? {};
  const query = given.headers || given.query.length ? given.query : (kept?.query ?? []);
  return Object.keys(headers).length || query.length ? { origin, headers, query } : null;
}

/** The URL and headers of a fetch: the secrets are added only when the URL's origin is theirs. */
export function withSecrets(
  rawUrl: string,
  secrets: SourceSecrets | null | undefined,
): { url: string; headers: Record<string, string> } {
  const url = new URL(rawUrl);
  if (!secrets || secrets.origin !== url.origin) return { url: rawUrl, headers: {} };
  url.search = [url.search.slice(1), ...secrets.query].filter(Boolean).join('&');
  return { url: url.href, headers: secrets.headers };
}

export function secretNames(secrets: SourceSecrets | null): DataSourceSecretNames | null {
  if (!secrets) return null;
  return { headers: Object.keys(secrets.headers), query: secrets.query.map(paramName) };
}

export async function readSourceSecrets(db: OcpDatabase, chartId: string): Promise<SourceSecrets | null> {
  const [row] = await queryRows<{ origin: string; headers: unknown; query: unknown }>(
    db,
    sql`SELECT origin, headers, query FROM ocp_private.chart_source_secrets WHERE chart_id = ${chartId}`,
  );
  if (!row) return null;
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return { origin: row.origin, headers: json(row.headers), query: json(row.query) };
}

/** Stores (or, with null, deletes) a chart's secrets; part of the caller's transaction. */
export async function writeSourceSecrets(
  db: OcpDatabase,
  chartId: string,
  secrets: SourceSecrets | null,
): Promise<void> {
  if (!secrets) {
    await db.execute(sql`DELETE FROM ocp_private.chart_source_secrets WHERE chart_id = ${chartId}`);
    return;
  }
  await db.execute(sql`INSERT INTO ocp_private.chart_source_secrets (chart_id, origin, headers, query)
    VALUES (${chartId}, ${secrets.origin}, ${JSON.stringify(secrets.headers)}::jsonb, ${JSON.stringify(secrets.query)}::jsonb)
    ON CONFLICT (chart_id) DO UPDATE SET origin = EXCLUDED.origin, headers = EXCLUDED.headers, query = EXCLUDED.query,
      updated_at = now()`);
}
