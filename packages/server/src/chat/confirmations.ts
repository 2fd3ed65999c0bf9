import { type ChatConfirmation, createShareLinkInput, setVisibilityInput } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { charts, dashboards, dashboardTemplates } from '@ocp/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { OcpUser } from '../context.js';
import { authorize, ownedRoleSql, type Role, templateRoleSql } from '../services/access.js';
import { updateChart } from '../services/charts.js';
import { getDashboard, updateDashboard } from '../services/dashboards.js';
import { badRequest } from '../services/errors.js';
import { createLink } from '../services/sharing.js';
import { rows } from '../services/sql.js';

/**
 * Actions that change who can see the user's work. An agent may ask for them, never do them: the tool call only
 * records the request (checked and described here), the user sees the description in the chat panel, and only
 * their own `chat.confirm` runs it, as them, with access checked as it stands at that moment.
 */
export type ConfirmedAction = ChatConfirmation['action'];

export const ACTION_INPUTS: Record<ConfirmedAction, z.ZodType> = {
  set_visibility: setVisibilityInput,
  create_share_link: createShareLinkInput,
};

type ResourceType = 'chart' | 'dashboard' | 'template';

const WHAT: Record<ResourceType, string> = { chart: 'Chart', dashboard: 'Dashboard', template: 'Template' };

/** The caller's role on a resource and its title; NOT_FOUND (like a missing one) when they cannot see it. */
async function resource(db: OcpDatabase, user: OcpUser, type: ResourceType, resourceId: string) {
  const query =
    type === 'chart'
      ? sql`SELECT ${ownedRoleSql(charts, user.id)} AS role, ${charts.title} AS title FROM ${charts} WHERE ${charts.id} = ${resourceId}`
      : type === 'dashboard'
        ? sql`SELECT ${ownedRoleSql(dashboards, user.id)} AS role, ${dashboards.title} AS title FROM ${dashboards} WHERE ${dashboards.id} = ${resourceId}`
        : sql`SELECT ${templateRoleSql(dashboardTemplates, user.id)} AS role, ${dashboardTemplates.name} AS title FROM ${dashboardTemplates} WHERE ${dashboardTemplates.id} = ${resourceId}`;
  const [row] = await rows<{ role: Role | null; title: string }>(db, query);
  return { role: row?.role ?? null, title: row?.title ?? '' };
}

/** A title as the confirmation shows it: one line, bounded, quoted. */
const quoted = (title: string) => {
  const line = title.replace(/\s+/g, ' ').trim();
  return `“${line.length > 80 ? `${line.slice(0, 79)}…` : line}”`;
};

/**
 * Checks that the user could do the action now (NOT_FOUND or FORBIDDEN, as through the API, so nobody is asked to
 * confirm what would fail) and describes it in the server's words: the user confirms this text, not the model's.
 */
export async function describeAction(
  db: OcpDatabase,
  user: OcpUser,
  action: ConfirmedAction,
  args: Record<string, unknown>,
): Promise<string> {
  if (action === 'set_visibility') {
    const a = setVisibilityInput.parse(args);
    const r = await resource(db, user, a.resourceType, a.id);
    authorize({ role: r.role }, 'manage', WHAT[a.resourceType]);
    return a.isPublic
      ? `Make the ${a.resourceType} ${quoted(r.title)} public: every signed-in user will be able to see it.`
      : `Make the ${a.resourceType} ${quoted(r.title)} private again: only its owner and team will see it.`;
  }
  const a = createShareLinkInput.parse(args);
  const r = await resource(db, user, a.resourceType, a.resourceId);
  authorize({ role: r.role }, 'write', WHAT[a.resourceType]);
  if (a.expiresAt && Date.parse(a.expiresAt) <= Date.now()) throw badRequest('expiresAt must be in the future');
  return (
    `Create a sharing link to the ${a.resourceType} ${quoted(r.title)}: anyone who has the link can ` +
    `${a.interact ? 'view and interact with' : 'view'} it${a.expiresAt ? ` until ${a.expiresAt}` : ''}, without signing in.`
  );
}

/**
 * Runs a confirmed action as `user` through the same services as the API. `stored` is kept with the confirmation;
 * `shown` adds what the user sees once (a link's URL holds its token, which is never stored).
 */
export async function runConfirmed(
  db: OcpDatabase,
  user: OcpUser,
  confirmation: Pick<ChatConfirmation, 'action' | 'arguments'>,
  shareUrl: (token: string) => string,
): Promise<{ stored: Record<string, unknown>; shown: Record<string, unknown> }> {
  if (confirmation.action === 'set_visibility') {
    const a = setVisibilityInput.parse(confirmation.arguments);
    if (a.resourceType === 'chart') {
      await updateChart(db, user, { id: a.id, isPublic: a.isPublic, changeSummary: 'Visibility changed in chat' });
    } else {
      const current = await getDashboard(db, user, a.id);
      await updateDashboard(db, user, { id: a.id, expectedUpdatedAt: current.updatedAt, isPublic: a.isPublic });
    }
    const stored = { [a.resourceType === 'chart' ? 'chartId' : 'dashboardId']: a.id, isPublic: a.isPublic };
    return { stored, shown: stored };
  }
  const a = createShareLinkInput.parse(confirmation.arguments);
  const link = await createLink(
    db,
    user,
    {
      resourceType: a.resourceType,
      resourceId: a.resourceId,
      permissions: { view: true, ...(a.interact ? { interact: true } : {}) },
      ...(a.expiresAt !== undefined ? { expiresAt: a.expiresAt } : {}),
    },
    shareUrl,
  );
  return { stored: { shareId: link.id }, shown: { shareId: link.id, url: link.url } };
}
