import type { TeamRole } from '@ocp/db';

/**
 * What the server wants a person to know about, out of band: the server sends no email itself, the host delivers
 * these however it can (mail, chat, an in-app inbox). The answers that callers see never depend on delivery.
 */
export type OcpNotification =
  | {
      /** Someone tried to create an account with an address that already has one (the sign-up answer hides it). */
      type: 'sign-up-attempt';
      email: string;
      at: string;
    }
  | {
      /** `email` (with or without an account) was invited to a team. `token` accepts it: a secret, like a password. */
      type: 'team-invitation';
      email: string;
      team: { id: string; name: string };
      invitedBy: { id: string; displayName: string };
      role: TeamRole;
      token: string;
      expiresAt: string;
    };

export type NotifyHook = (notification: OcpNotification) => void | Promise<void>;

/** The default hook: one log line per notification, never the invitation token. */
export const logNotification: NotifyHook = (n) => {
  if (n.type === 'sign-up-attempt') {
    console.log(`[ocp] notify ${n.email}: someone tried to sign up with this address (${n.at})`);
  } else {
    console.log(
      `[ocp] notify ${n.email}: ${n.invitedBy.displayName} invited you to the team "${n.team.name}" as ${n.role} (until ${n.expiresAt}); sign in with this address to accept`,
    );
  }
};

/**
 * Hands a notification to the hook without waiting for it: the caller's answer (and its timing) must be the same
 * whether or not anyone was notified, and a slow or failing mailer must not fail the request.
 */
export function dispatch(hook: NotifyHook, notification: OcpNotification): void {
  void Promise.resolve()
    .then(() => hook(notification))
    .catch((error: unknown) => console.error(`[ocp] the notify hook failed for a ${notification.type}:`, error));
}
