import { TRPCClientError } from '@trpc/client';
import type { OcpErrorCode, OcpProviderError } from './elements-types.js';

const CODES: ReadonlySet<string> = new Set<OcpErrorCode>([
  'UNAUTHORIZED',
  'NOT_FOUND',
  'FORBIDDEN',
  'BAD_REQUEST',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'TIMEOUT',
  'INTERNAL_SERVER_ERROR',
]);

/** What builds the provider's errors: by default {@link OcpClientError}; a host may pass the elements' own class. */
export type ProviderErrorClass = new (code: OcpErrorCode, message: string, options?: { cause?: unknown }) => Error;

/**
 * The client's error: the same shape as the elements' `OcpProviderError` (name, `code`, message, cause), defined here
 * so `@ocp/client` never loads `@ocp/elements` (or Lit) at runtime.
 */
export class OcpClientError extends Error implements Pick<OcpProviderError, 'code'> {
  override name = 'OcpProviderError';
  constructor(
    readonly code: OcpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const BY_STATUS: Record<number, OcpErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

/** The HTTP status of a failure without a tRPC body: a rejected SSE connection says it only in its text. */
function statusOf(error: TRPCClientError<never>): number | undefined {
  const status = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  if (typeof status === 'number') return status;
  const match = /status code \((\d{3})\)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/** The tRPC code of a failed call; transport failures (offline, CORS, 502 HTML) count as INTERNAL_SERVER_ERROR. */
export function errorCode(error: unknown): OcpErrorCode {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: unknown } | undefined)?.code ?? error.shape?.data?.code;
    if (typeof code === 'string' && CODES.has(code)) return code as OcpErrorCode;
    const byStatus = BY_STATUS[statusOf(error) ?? 0];
    if (byStatus) return byStatus;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CODES.has(code) ? (code as OcpErrorCode) : 'INTERNAL_SERVER_ERROR';
}

/** Wraps anything a call threw into the provider's error class, keeping the tRPC code and the server's message. */
export function toProviderError(error: unknown, ErrorClass: ProviderErrorClass = OcpClientError): Error {
  if (error instanceof ErrorClass) return error;
  const message = error instanceof Error && error.message ? error.message : 'Request failed';
  return new ErrorClass(errorCode(error), message, { cause: error });
}
