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

/** The tRPC code of a failed call; transport failures (offline, CORS, 502 HTML) count as INTERNAL_SERVER_ERROR. */
export function errorCode(error: unknown): OcpErrorCode {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: unknown } | undefined)?.code ?? error.shape?.data?.code;
    if (typeof code === 'string' && CODES.has(code)) return code as OcpErrorCode;
    const status = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
    if (status === 413) return 'PAYLOAD_TOO_LARGE';
    if (status === 429) return 'TOO_MANY_REQUESTS';
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
