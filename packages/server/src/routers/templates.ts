import { listTemplates } from '../services/templates.js';
import { publicProcedure, router } from '../trpc.js';

export const templatesRouter = router({
  list: publicProcedure.query(({ ctx }) => listTemplates(ctx.db, ctx.user)),
});
