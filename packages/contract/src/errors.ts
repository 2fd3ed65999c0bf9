/**
 * The error codes of the API (SPEC §4: tRPC's codes) and the one error class every provider rejects with. Zod-free,
 * so browser code imports it through `@ocp/contract/errors` without bundling schemas.
 */
export const ERROR_CODES = [
  'UNAUTHORIZED',
  'NOT_FOUND',
  'FORBIDDEN',
  'BAD_REQUEST',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;

/** The tRPC error codes a provider reports. */
export type OcpErrorCode = (typeof ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set<string>(ERROR_CODES);

export const isErrorCode = (code: unknown): code is OcpErrorCode => typeof code === 'string' && CODES.has(code);

/** The only error type a provider rejects with. `code` drives what the elements show (e.g. NOT_FOUND → "not found"). */
export class OcpProviderError extends Error {
  override name = 'OcpProviderError';
  constructor(
    readonly code: OcpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Whether a value is a provider error. Checked by shape, not `instanceof`: a provider built into another bundle
 * (e.g. the standalone memory bundle) carries its own copy of the class.
 */
export function isProviderError(error: unknown): error is OcpProviderError {
  return error instanceof Error && isErrorCode((error as Error & { code?: unknown }).code);
}

/** Wraps anything thrown into an {@link OcpProviderError} so callers can rely on `code`. */
export function toProviderError(error: unknown, code: OcpErrorCode = 'INTERNAL_SERVER_ERROR'): OcpProviderError {
  if (isProviderError(error)) return error;
  const message = error instanceof Error && error.message ? error.message : String(error);
  return new OcpProviderError(code, message, { cause: error });
}
