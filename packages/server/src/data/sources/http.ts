import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { Columns } from '@ocp/contract';
import { TRPCError } from '@trpc/server';
import { dataError } from '../errors.js';
import { columnarFromJson } from '../import/columnar.js';
import { parseCsv } from '../import/parse.js';
import { type AddressPolicy, addressChecker, parseIp } from './address-policy.js';
import { type SourceSecrets, withSecrets } from './http-secrets.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** DNS: every address a name resolves to (dns.lookup with all: true by default; injectable for tests). */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export interface TransportRequest {
  url: URL;
  /** The checked address to connect to: the transport must use this one and resolve nothing itself. */
  address: string;
  family: 4 | 6;
  headers: Record<string, string>;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array>;
  /** Releases the connection without reading the body (redirects). */
  dispose(): void;
}

/** Opens one HTTP exchange to an already-checked address (injectable, so tests can prove nothing else is dialled). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export interface HttpSourceOptions {
  /** Origins http sources may fetch from: exact (`https://data.example.com`) or `https://*.example.com`. */
  allowedOrigins?: string[];
  /** Addresses let through although private (tests: `{ allow: ['127.0.0.0/8'] }`). */
  addressPolicy?: AddressPolicy;
  lookup?: Lookup;
  transport?: Transport;
  /** Largest response accepted, counted as it streams (default 10 MiB). */
  maxBytes?: number;
  /** For the whole fetch: DNS, connection, redirects and body (default 10 s). */
  timeoutMs?: number;
  /** Default 3. */
  maxRedirects?: number;
}

const systemLookup: Lookup = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * node:http(s) pinned to the checked address: the `lookup` hook answers with that address only, so the socket
 * cannot connect anywhere else (no second DNS query for a rebinding attack to answer). TLS still verifies the
 * certificate against the URL's host name (SNI and checkServerIdentity use the host, not the address).
 */
export const nodeTransport: Transport = ({ url, address, family, headers, signal }) =>
  new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'GET',
      headers,
      signal,
      agent: false,
      lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
        if (options?.all) callback(null, [{ address, family }]);
        else callback(null, address, family);
      }) as unknown as typeof dns.lookup,
    });
    request.once('response', (res) => {
      // Errors surface through the body's iteration; an abort after the end must not crash the process.
      res.on('error', () => {});
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, dispose: () => res.destroy() });
    });
    request.on('error', reject);
    request.end();
  });

function originMatcher(patterns: string[]): (url: URL) => boolean {
  const exact = new Set<string>();
  const wildcards: Array<{ protocol: string; suffix: string; port: string }> = [];
  for (const p of patterns) {
    const m = /^(https?):\/\/\*\.([^/:]+)(?::(\d+))?\/?$/i.exec(p);
    if (m) wildcards.push({ protocol: `${m[1]!.toLowerCase()}:`, suffix: `.${m[2]!.toLowerCase()}`, port: m[3] ?? '' });
    else exact.add(new URL(p).origin);
  }
  return (url) =>
    exact.has(url.origin) ||
    wildcards.some((w) => w.protocol === url.protocol && url.hostname.endsWith(w.suffix) && w.port === url.port);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface GuardedResponse {
  url: URL;
  contentType: string;
  body: AsyncIterable<Uint8Array>;
}

/**
 * GET with the SSRF guard: the origin must be allow-listed; the host is resolved first (IP literals, in any of
 * the decimal, octal or hex forms the URL parser normalises, need no DNS) and every address it resolves to must
 * pass the address policy before any connection is made; the connection is pinned to the checked address;
 * redirects are followed by hand, each one checked the same way, at most `maxRedirects`.
 */
export async function guardedFetch(
  rawUrl: string,
  options: HttpSourceOptions,
  signal: AbortSignal,
  secretHeaders: Record<string, string> = {},
): Promise<GuardedResponse> {
  const allowed = originMatcher(options.allowedOrigins ?? []);
  const check = addressChecker(options.addressPolicy);
  const lookup = options.lookup ?? systemLookup;
  const transport = options.transport ?? nodeTransport;
  const maxRedirects = options.maxRedirects ?? 3;
  let url = new URL(rawUrl);
  // The source's own headers go to its origin only: a redirect elsewhere is followed without them.
  const secretOrigin = url.origin;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw dataError('BAD_REQUEST', `http source: ${url.protocol} URLs are not fetched`);
    }
    if (url.username || url.password) throw dataError('BAD_REQUEST', 'http source: credentials in the URL are refused');
    if (!allowed(url)) {
      throw dataError('FORBIDDEN', `http source: origin ${url.origin} is not allow-listed`);
    }
    const target = await resolveChecked(url.hostname, lookup, check);
    const response = await transport({
      url,
      address: target.address,
      family: target.family,
      signal,
      headers: {
        ...(url.origin === secretOrigin ? secretHeaders : {}),
        accept: 'application/json, text/csv;q=0.9, */*;q=0.1',
        'accept-encoding': 'identity',
        'user-agent': 'ocp-dashboards-data/1',
      },
    });
    if (REDIRECTS.has(response.status)) {
      response.dispose();
      const location = header(response.headers, 'location');
      if (!location) throw dataError('BAD_GATEWAY', `http source: redirect ${response.status} without a location`);
      if (hop >= maxRedirects) throw dataError('BAD_GATEWAY', `http source: more than ${maxRedirects} redirects`);
      url = new URL(location, url);
      continue;
    }
    if (response.status < 200 || response.status > 299) {
      response.dispose();
      throw dataError('BAD_GATEWAY', `http source: ${url.origin} answered ${response.status}`);
    }
    const length = Number(header(response.headers, 'content-length') ?? Number.NaN);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (length > maxBytes) {
      response.dispose();
      throw dataError('PAYLOAD_TOO_LARGE', `http source: response is larger than ${maxBytes} bytes`);
    }
    return { url, contentType: header(response.headers, 'content-type') ?? '', body: response.body };
  }
}

async function resolveChecked(
  hostname: string,
  lookup: Lookup,
  check: (address: string) => string | null,
): Promise<{ address: string; family: 4 | 6 }> {
  const literal = parseIp(hostname);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [literal];
  else {
    try {
      addresses = await lookup(hostname);
    } catch {
      throw dataError('BAD_GATEWAY', `http source: cannot resolve ${hostname}`);
    }
  }
  if (addresses.length === 0) throw dataError('BAD_GATEWAY', `http source: ${hostname} has no address`);
  // Every answer must pass: an attacker's DNS may mix a public address with a private one.
  for (const a of addresses) {
    const why = check(a.address);
    if (why) throw dataError('FORBIDDEN', `http source: ${hostname} resolves to ${a.address}, a ${why} address`);
  }
  const first = parseIp(addresses[0]!.address)!;
  return first;
}

function header(headers: TransportResponse['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

async function readText(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let text = '';
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes)
      throw dataError('PAYLOAD_TOO_LARGE', `http source: response is larger than ${maxBytes} bytes`);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

function dig(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      throw dataError('BAD_REQUEST', `http source: path "${path}" not found in the response`);
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Fetches and parses an `http` source (JSON records/columns at `path`, or CSV) under the size and time limits,
 * with its stored secrets added for their own origin (see http-secrets.ts).
 */
export async function readHttpSource(
  source: { url: string; format: 'json' | 'csv'; path?: string | undefined },
  options: HttpSourceOptions,
  secrets?: SourceSecrets | null,
): Promise<Columns> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(dataError('TIMEOUT', `http source: no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const work = (async () => {
    const target = withSecrets(source.url, secrets);
    const response = await guardedFetch(target.url, options, controller.signal, target.headers);
    if (source.format === 'csv') return (await parseCsv(response.body, { maxBytes })).columns;
    let value: unknown;
    try {
      value = JSON.parse(await readText(response.body, maxBytes));
    } catch (error) {
      if (error instanceof TRPCError) throw error;
      throw dataError('BAD_GATEWAY', 'http source: the response is not valid JSON');
    }
    return columnarFromJson(dig(value, source.path)).columns;
  })();
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof TRPCError)) {
      throw dataError('TIMEOUT', `http source: no complete answer within ${timeoutMs} ms`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
    work.catch(() => {}); // the loser of the race must not become an unhandled rejection
  }
}
