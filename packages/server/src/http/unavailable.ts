import type { TRPCError } from '@trpc/server';

/**
 * When the database cannot be reached, requests fail fast (within the driver's connect timeout) with 503
 * SERVICE_UNAVAILABLE and this `Retry-After`, instead of hanging and ending in a 500: clients and load balancers
 * know to come back rather than report a bug.
 */
export const RETRY_AFTER_SECONDS = 5;

export const RETRY_AFTER: Record<string, string> = { 'retry-after': String(RETRY_AFTER_SECONDS) };

/** tRPC's `responseMeta`: a Retry-After header on answers that carry a SERVICE_UNAVAILABLE error. */
export function unavailableMeta({ errors }: { errors: TRPCError[] }): { headers?: Record<string, string> } {
  return errors.some((e) => e.code === 'SERVICE_UNAVAILABLE') ? { headers: RETRY_AFTER } : {};
}
