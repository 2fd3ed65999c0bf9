import type { Readable } from 'node:stream';
import { folderPath, tags, title } from '@ocp/contract';
import { isDatabaseUnavailable, type OcpDatabase } from '@ocp/db';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import type { AuthAdapter } from '../auth/adapter.js';
import { type DatasetQuota, remainingQuota } from '../data/import/quota.js';
import { importDataset } from '../data/index.js';

/**
 * `POST /datasets?title=…&format=csv|json[&folderPath=…][&tags=a,b]` with the file as the body: a CSV or JSON
 * upload streamed into a workspace `dataset` item (the 1 MB tRPC body limit would not fit real files, and a
 * streamed body is never held whole). Same auth as the API; answers in tRPC's JSON envelope.
 */
export const DATASET_UPLOAD_PATH = '/datasets';
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const query = z.strictObject({
  title,
  format: z.enum(['csv', 'json']),
  folderPath: folderPath.optional(),
  tags: z
    .string()
    .max(2100)
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(tags)
    .optional(),
});

export interface UploadDeps {
  db: OcpDatabase;
  auth: AuthAdapter;
  maxUploadBytes: number;
  /** Per user, over all their datasets. */
  quota: DatasetQuota;
  /** Users with an upload in progress on this server: one at a time each. */
  uploading: Set<string>;
}

export interface UploadAnswer {
  status: number;
  body: unknown;
}

function failure(raw: TRPCError): UploadAnswer {
  const error = isDatabaseUnavailable(raw.cause)
    ? new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; retry shortly', cause: raw })
    : raw;
  const status = getHTTPStatusCodeFromError(error);
  // Unexpected failures say nothing about their cause (it may quote SQL); expected ones keep their message.
  const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : error.message;
  if (error.code === 'INTERNAL_SERVER_ERROR') console.error('[ocp] dataset upload failed:', error.cause ?? error);
  return { status, body: { error: { message, data: { code: error.code, httpStatus: status, path: 'datasets' } } } };
}

export async function handleDatasetUpload(
  deps: UploadDeps,
  headers: Headers,
  search: URLSearchParams,
  body: Readable,
): Promise<UploadAnswer> {
  const user = await deps.auth.resolveUser({ headers });
  if (!user) return failure(new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' }));
  const fields = Object.fromEntries(search);
  const nul = Object.entries(fields).find(([, v]) => v.includes('\u0000'));
  if (nul) return failure(new TRPCError({ code: 'BAD_REQUEST', message: `${nul[0]}: contains a NUL character` }));
  const input = query.safeParse(fields);
  if (!input.success) {
    const issue = input.error.issues[0]!;
    return failure(
      new TRPCError({ code: 'BAD_REQUEST', message: `${issue.path.join('.') || 'query'}: ${issue.message}` }),
    );
  }
  // One upload at a time per user: an upload holds memory, a database connection's time and the parser's CPU for
  // as long as the file takes to arrive, so parallel ones from one account would multiply that at everyone's cost.
  if (deps.uploading.has(user.id)) {
    return failure(
      new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: 'Another upload of yours is still in progress; wait for it to finish, then try again',
      }),
    );
  }
  deps.uploading.add(user.id);
  try {
    // A declared length is checked against what is left of the quota before a byte is read.
    const left = await remainingQuota(deps.db, user.id, deps.quota);
    if (Number(headers.get('content-length') ?? 0) > Math.min(left.bytes, deps.maxUploadBytes)) {
      throw new TRPCError({
        code: 'PAYLOAD_TOO_LARGE',
        message:
          left.bytes < deps.maxUploadBytes ? left.message : `File too large (at most ${deps.maxUploadBytes} bytes)`,
      });
    }
    const imported = await importDataset(
      deps.db,
      user.id,
      { ...input.data, stream: body },
      { maxBytes: deps.maxUploadBytes, quota: deps.quota },
    );
    return { status: 201, body: { result: { data: imported } } };
  } catch (error) {
    return failure(error instanceof TRPCError ? error : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error }));
  } finally {
    deps.uploading.delete(user.id);
  }
}
