import { listModels } from '../services/models.js';
import { authedProcedure, router } from '../trpc.js';

export const modelsRouter = router({
  /** Active models this server can run (the offline agent always), offline first. */
  list: authedProcedure.query(({ ctx }) => listModels(ctx.db, ctx.chat)),
});
