import { isErrorCode, type OcpErrorCode, OcpProviderError } from '@ocp/contract/errors';
import { TRPCClientError } from '@trpc/client';

const BY_STATUS: Record<number, OcpErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
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
    if (isErrorCode(code)) return code;
    const byStatus = BY_STATUS[statusOf(error) ?? 0];
    if (byStatus) return byStatus;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR';
}

/** Wraps anything a call threw into the contract's `OcpProviderError`, keeping the tRPC code and the server's message. */
export function toProviderError(error: unknown): OcpProviderError {
  if (error instanceof OcpProviderError) return error;
  const message = error instanceof Error && error.message ? error.message : 'Request failed';
  return new OcpProviderError(errorCode(error), message, { cause: error });
}
