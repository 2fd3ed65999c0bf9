import type { DashboardDetail } from '@ocp/contract';
import type { RouterInputs } from '../src/index.js';
import type { Harness, TestUser } from './harness.js';

export const TEMPLATE = {
  single: '00000000-0000-4000-8000-000000000001',
  twoColumns: '00000000-0000-4000-8000-000000000002',
  grid: '00000000-0000-4000-8000-000000000003',
  hero: '00000000-0000-4000-8000-000000000004',
};

/** charts.create input as the tests write it (overrides may be invalid on purpose: validation is under test). */
type ChartCreate = RouterInputs['charts']['create'];

/** A small valid chart: inline columnar data, one line trace. */
export function chartInput(overrides: Record<string, unknown> = {}): ChartCreate {
  return {
    title: 'Load',
    chartType: 'line',
    plotlyConfig: { data: [{ type: 'scatter', mode: 'lines' }], layout: { title: { text: 'Load' } } },
    dataSourceConfig: { kind: 'inline', columns: { t: [1, 2, 3], kw: [10, 20, 15] }, mapping: { x: 't', y: ['kw'] } },
    ...overrides,
  } as ChartCreate;
}

export interface Team {
  teamId: string;
  owner: TestUser;
  admin: TestUser;
  editor: TestUser;
  viewer: TestUser;
  stranger: TestUser;
}

/**
 * The cast of the role matrix: `owner` owns personal resources and is in no team; team T has an admin, an
 * editor and a viewer; `stranger` belongs to nothing.
 */
export async function team(h: Harness): Promise<Team> {
  const [owner, admin, editor, viewer, stranger] = await Promise.all(
    ['owner', 'admin', 'editor', 'viewer', 'stranger'].map((n) => h.user(n)),
  );
  const t = await h.as(admin!).teams.create({ name: 'Team T' });
  await addMember(h, admin!, t.id, editor!, 'editor');
  await addMember(h, admin!, t.id, viewer!, 'viewer');
  return { teamId: t.id, owner: owner!, admin: admin!, editor: editor!, viewer: viewer!, stranger: stranger! };
}

/** Membership by consent, as the API has it: `admin` invites `who` by email, `who` accepts. */
export async function addMember(
  h: Harness,
  admin: TestUser,
  teamId: string,
  who: TestUser,
  role: 'admin' | 'editor' | 'viewer',
): Promise<void> {
  const invitation = await h.as(admin).teams.invitations.create({ teamId, email: who.email, role });
  await h.as(who).teams.invitations.accept({ id: invitation.id });
}

type Create = RouterInputs['dashboards']['create'];

export async function dashboard(
  h: Harness,
  who: TestUser,
  extra: Record<string, unknown> = {},
): Promise<DashboardDetail> {
  return await h.as(who).dashboards.create({ title: 'D', templateId: TEMPLATE.grid, ...extra } as Create);
}

export async function chart(h: Harness, who: TestUser, extra: Record<string, unknown> = {}) {
  return await h.as(who).charts.create(chartInput(extra));
}

export const randomId = () => crypto.randomUUID();
export const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
