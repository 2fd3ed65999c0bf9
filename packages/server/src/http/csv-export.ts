import { chartDataInput, sharedChartDataInput } from '@ocp/contract';
import { isDatabaseUnavailable } from '@ocp/db';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { HandlerDeps } from '../server.js';
import { exportChartCsv } from '../services/chart-interact.js';
import { API_HEADERS } from './headers.js';

/**
 * `GET <basePath>/charts.exportCsv?input=<JSON>`: a chart's rows as CSV, streamed. The input is charts.data's
 * (`chartId`, `range`, `filters`, `version`), or sharing.chartData's with a `token` (the link must allow export).
 * It sits beside the tRPC procedures with the same auth and error envelope, but answers `text/csv` in chunks, which
 * a tRPC query (one JSON document) cannot.
 */
export const CSV_EXPORT_PROCEDURE = 'charts.exportCsv';

export interface CsvAnswer {
  status: number;
  headers: Record<string, string>;
  /** CSV chunks, or a JSON error document. */
  body: AsyncIterable<string> | string;
}

function failure(raw: unknown): CsvAnswer {
  let error = raw instanceof TRPCError ? raw : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: raw });
  if (isDatabaseUnavailable(error.cause)) {
    error = new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; retry shortly' });
  }
  const status = getHTTPStatusCodeFromError(error);
  const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : error.message;
  if (error.code === 'INTERNAL_SERVER_ERROR') console.error('[ocp] CSV export failed:', error.cause ?? error);
  return {
    status,
    headers: { 'content-type': 'application/json', ...API_HEADERS },
    body: JSON.stringify({
      error: { message, data: { code: error.code, httpStatus: status, path: CSV_EXPORT_PROCEDURE } },
    }),
  };
}

export async function answerCsvExport(
  deps: HandlerDeps,
  headers: Headers,
  search: URLSearchParams,
  remoteAddress: string | undefined,
  fallbackIp: string,
): Promise<CsvAnswer> {
  try {
    const ctx = await deps.createContext(headers, remoteAddress, fallbackIp);
    let raw: unknown;
    try {
      raw = JSON.parse(search.get('input') ?? 'null');
    } catch {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'input: not JSON' });
    }
    const shared = typeof raw === 'object' && raw !== null && 'token' in raw;
    const parsed = (shared ? sharedChartDataInput : chartDataInput).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TRPCError({ code: 'BAD_REQUEST', message: `${issue.path.join('.') || 'input'}: ${issue.message}` });
    }
    if (shared && !(await ctx.limits.take('shareToken', ctx.ip))) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many requests, slow down' });
    }
    if (!shared && !ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' });
    const { width: _w, ...input } = parsed.data as typeof parsed.data & { token?: string };
    // A link's token is looked up on the owner connection and its rows read as the link's creator; a signed-in
    // export runs as the caller (row-level security), in a transaction of its own.
    const body = shared
      ? await exportChartCsv(ctx.rootDb, null, input, ctx.engine, ctx.rls)
      : await ctx.asCaller((db) => exportChartCsv(db, ctx.user, input, ctx.engine, ctx.rls));
    if (shared) await ctx.limits.refund('shareToken', ctx.ip);
    return {
      status: 200,
      headers: {
        ...API_HEADERS,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="chart.csv"',
      },
      body,
    };
  } catch (error) {
    return failure(error);
  }
}
