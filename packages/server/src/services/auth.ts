import { authUsers, type OcpDatabase, userProfiles } from '@ocp/db';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import type { AuthAdapter } from '../auth/adapter.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { uniqueOr } from './errors.js';

export interface AuthResult {
  token: string;
  user: { id: string; email: string; displayName: string };
}

function issuer(auth: AuthAdapter) {
  if (!auth.issueToken) {
    throw new TRPCError({
      code: 'NOT_IMPLEMENTED',
      message: 'This server does not manage accounts; sign in with your identity provider',
    });
  }
  return auth.issueToken.bind(auth);
}

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Embedded sign-up: scrypt hash, account + profile in one transaction, then a token. Taken email: CONFLICT. */
export async function signUp(
  db: OcpDatabase,
  auth: AuthAdapter,
  input: { email: string; password: string; displayName: string },
): Promise<AuthResult> {
  const issue = issuer(auth);
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const id = await uniqueOr(
    () =>
      db.transaction(async (tx) => {
        const [u] = await tx
          .insert(authUsers)
          .values({ email, encryptedPassword: passwordHash })
          .returning({ id: authUsers.id });
        await tx.insert(userProfiles).values({ id: u!.id, displayName: input.displayName });
        return u!.id;
      }),
    'An account with this email already exists',
  );
  return { token: await issue({ id, email }), user: { id, email, displayName: input.displayName } };
}

// Unknown emails still pay for one scrypt verification, so response time does not reveal which accounts exist.
let dummyHash: Promise<string> | null = null;

export async function signIn(
  db: OcpDatabase,
  auth: AuthAdapter,
  input: { email: string; password: string },
): Promise<AuthResult> {
  const issue = issuer(auth);
  const email = normalizeEmail(input.email);
  const [account] = await db
    .select({ id: authUsers.id, hash: authUsers.encryptedPassword, displayName: userProfiles.displayName })
    .from(authUsers)
    .leftJoin(userProfiles, eq(userProfiles.id, authUsers.id))
    .where(eq(authUsers.email, email));
  dummyHash ??= hashPassword('not a password of anyone');
  const ok = await verifyPassword(input.password, account?.hash ?? (await dummyHash));
  if (!account || !ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Invalid email or password' });
  return {
    token: await issue({ id: account.id, email }),
    user: { id: account.id, email, displayName: account.displayName ?? email.split('@')[0]! },
  };
}
