import { authUsers, type OcpDatabase, userProfiles } from '@ocp/db';
import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import type { AuthAdapter } from '../auth/adapter.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { OcpUser } from '../context.js';
import type { RateLimits } from '../http/rate-limit.js';
import { dispatch, type NotifyHook } from '../notify.js';

export interface AuthResult {
  token: string;
  user: { id: string; email: string; displayName: string };
}

export interface SignUpResult {
  message: string;
}

/**
 * The one answer of auth.signUp, whether the address was new (the account now exists) or already had an account
 * (nothing was created and its owner was notified): the answer never tells which.
 */
export const SIGN_UP_MESSAGE =
  'Thanks. If this address was new, your account is ready: sign in with it. If it already had an account, its owner has been told.';

function unsupported(): never {
  throw new TRPCError({
    code: 'NOT_IMPLEMENTED',
    message: 'This server does not manage accounts; use your identity provider',
  });
}

function issuer(auth: AuthAdapter) {
  if (!auth.issueToken) unsupported();
  return auth.issueToken.bind(auth);
}

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Embedded sign-up. The password is hashed first in every case, then one INSERT … ON CONFLICT DO NOTHING decides:
 * a new address gets its account and profile; a taken one gets nothing, and its owner a notification. Both pay
 * the same scrypt and one statement, and get the same answer, so sign-up does not reveal which addresses exist.
 * No token: for a new address the caller signs in next, as they would after confirming an email.
 */
export async function signUp(
  db: OcpDatabase,
  auth: AuthAdapter,
  notify: NotifyHook,
  input: { email: string; password: string; displayName: string },
): Promise<SignUpResult> {
  issuer(auth);
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const created = await db.transaction(async (tx) => {
    const [u] = await tx
      .insert(authUsers)
      .values({ email, encryptedPassword: passwordHash })
      .onConflictDoNothing({ target: authUsers.email })
      .returning({ id: authUsers.id });
    if (u) await tx.insert(userProfiles).values({ id: u.id, displayName: input.displayName });
    return Boolean(u);
  });
  if (!created) dispatch(notify, { type: 'sign-up-attempt', email, at: new Date().toISOString() });
  return { message: SIGN_UP_MESSAGE };
}

// Unknown emails still pay for one scrypt verification, so response time does not reveal which accounts exist.
let dummyHash: Promise<string> | null = null;

const invalid = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'Invalid email or password' });

/**
 * Password guessing is limited by failures per client address and per (email, address), never per email alone:
 * an attacker burning guesses from one address must not lock the owner out of their own account everywhere.
 * A failure spends a token of both buckets; a success gives them back.
 */
export async function limitPasswordFailures<T>(
  limits: RateLimits,
  ip: string,
  email: string,
  attempt: () => Promise<T>,
): Promise<T> {
  const account = `${email}\u0000${ip}`;
  if (!(await limits.take('signIn', ip))) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-ins from your address, wait a minute',
    });
  }
  if (!(await limits.take('signInAccount', account))) {
    await limits.refund('signIn', ip);
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed attempts for this account, wait a minute',
    });
  }
  const result = await attempt();
  await limits.refund('signIn', ip);
  await limits.refund('signInAccount', account);
  return result;
}

async function checkPassword(db: OcpDatabase, where: ReturnType<typeof eq>, password: string) {
  const [account] = await db
    .select({
      id: authUsers.id,
      email: authUsers.email,
      hash: authUsers.encryptedPassword,
      displayName: userProfiles.displayName,
    })
    .from(authUsers)
    .leftJoin(userProfiles, eq(userProfiles.id, authUsers.id))
    .where(where);
  dummyHash ??= hashPassword('not a password of anyone');
  const ok = await verifyPassword(password, account?.hash ?? (await dummyHash));
  return account && ok ? account : null;
}

export async function signIn(
  db: OcpDatabase,
  auth: AuthAdapter,
  input: { email: string; password: string },
): Promise<AuthResult> {
  const issue = issuer(auth);
  const email = normalizeEmail(input.email);
  const account = await checkPassword(db, eq(authUsers.email, email), input.password);
  if (!account) throw invalid();
  return {
    token: await issue({ id: account.id, email }),
    user: { id: account.id, email, displayName: account.displayName ?? email.split('@')[0]! },
  };
}

/** Ends the token of this request (embedded auth); other sessions of the user go on. */
export async function signOut(auth: AuthAdapter, user: OcpUser): Promise<{ signedOut: true }> {
  if (!auth.revokeToken || !user.token) unsupported();
  await auth.revokeToken(user);
  return { signedOut: true };
}

/** Ends every token of the user signed so far, this one included. */
export async function signOutEverywhere(
  db: OcpDatabase,
  auth: AuthAdapter,
  user: OcpUser,
): Promise<{ signedOut: true }> {
  if (!auth.revokeAllTokens) unsupported();
  await auth.revokeAllTokens(user.id, db);
  return { signedOut: true };
}

/**
 * Checks the current password, stores the new hash and ends every older token in one transaction, then signs a
 * fresh token for this device. A wrong current password counts as a failed sign-in (same buckets).
 */
export async function changePassword(
  db: OcpDatabase,
  auth: AuthAdapter,
  user: OcpUser,
  input: { currentPassword: string; newPassword: string },
): Promise<AuthResult> {
  const issue = issuer(auth);
  if (!auth.revokeAllTokens) unsupported();
  const account = await checkPassword(db, eq(authUsers.id, user.id), input.currentPassword);
  if (!account) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The current password is not correct' });
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(authUsers).set({ encryptedPassword: hash }).where(eq(authUsers.id, user.id));
    await auth.revokeAllTokens!(user.id, tx);
  });
  const email = account.email ?? user.email ?? '';
  return {
    token: await issue({ id: user.id, email: email || null }),
    user: { id: user.id, email, displayName: account.displayName ?? (email.split('@')[0] || 'User') },
  };
}

/** The caller's email as stored in auth.users (the token's claim may predate a change); null when none. */
export async function storedEmail(db: OcpDatabase, user: OcpUser): Promise<string | null> {
  const [row] = await db
    .select({ email: sql<string | null>`lower(${authUsers.email})` })
    .from(authUsers)
    .where(eq(authUsers.id, user.id));
  return row?.email ?? (user.email ? normalizeEmail(user.email) : null);
}
