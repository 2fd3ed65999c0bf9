import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { templatesRouter } from './routers/templates.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  templates: templatesRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
