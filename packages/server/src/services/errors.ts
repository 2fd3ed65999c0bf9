import { pgErrorCode } from '@ocp/db';
import { TRPCError } from '@trpc/server';

/**
 * Missing and not-visible are the same answer, byte for byte: the message names the kind of thing, never the id,
 * so a caller cannot tell another team's dashboard from a random UUID.
 */
export const notFound = (what: string) => new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });

/** Visible, but the caller's role does not allow this. */
export const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message });

export const conflict = (message: string) => new TRPCError({ code: 'CONFLICT', message });

export const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

/** Runs `fn`, turning a unique violation (SQLSTATE 23505) into CONFLICT with a message the caller can act on. */
export async function uniqueOr<T>(fn: () => Promise<T>, message: string): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw conflict(message);
    throw error;
  }
}
