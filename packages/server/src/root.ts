import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { agentsRouter } from './routers/agents.js';
import { authRouter } from './routers/auth.js';
import { chartsRouter } from './routers/charts.js';
import { chatRouter } from './routers/chat.js';
import { dashboardVersionsRouter } from './routers/dashboard-versions.js';
import { dashboardsRouter } from './routers/dashboards.js';
import { eventsRouter } from './routers/events.js';
import { meRouter } from './routers/me.js';
import { modelsRouter } from './routers/models.js';
import { placementsRouter } from './routers/placements.js';
import { sharingRouter } from './routers/sharing.js';
import { tabsRouter } from './routers/tabs.js';
import { teamsRouter } from './routers/teams.js';
import { templatesRouter } from './routers/templates.js';
import { workspaceRouter } from './routers/workspace.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  teams: teamsRouter,
  templates: templatesRouter,
  dashboards: dashboardsRouter,
  tabs: tabsRouter,
  placements: placementsRouter,
  charts: chartsRouter,
  dashboardVersions: dashboardVersionsRouter,
  workspace: workspaceRouter,
  sharing: sharingRouter,
  chat: chatRouter,
  agents: agentsRouter,
  models: modelsRouter,
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
