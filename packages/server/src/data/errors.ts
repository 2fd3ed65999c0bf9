import { TRPCError } from '@trpc/server';
import type { ZodError } from 'zod';

type Code = ConstructorParameters<typeof TRPCError>[0]['code'];

/** Every data-engine failure is a TRPCError with a precise code; the message never quotes secrets or SQL. */
export function dataError(code: Code, message: string, cause?: unknown): TRPCError {
  return new TRPCError({ code, message, cause });
}

/**
 * A zod failure on a stored data source config, re-rooted at `dataSourceConfig` so the API's error formatter
 * reports e.g. `dataSourceConfig.transforms.1.measures.0.op`; the message names the first wrong field too.
 */
export function invalidConfig(error: ZodError, root = 'dataSourceConfig'): TRPCError {
  // Re-rooted in place: the error is fresh from safeParse, and tRPC keeps an Error cause only as itself.
  for (const issue of error.issues) issue.path.unshift(root);
  const first = error.issues[0]!;
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: `Invalid ${first.path.join('.')}: ${first.message}`,
    cause: error,
  });
}
