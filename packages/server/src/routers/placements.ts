import { byIdInput, movePlacementInput, placeInput, slotRefOf, updatePlacementInput } from '@ocp/contract';
import { movePlacement, placeChart, removePlacement, updatePlacement } from '../services/placements.js';
import { authedProcedure, router } from '../trpc.js';

export const placementsRouter = router({
  place: authedProcedure.input(placeInput).mutation(({ ctx, input }) =>
    placeChart(ctx.db, ctx.user, {
      tabId: input.tabId,
      chartId: input.chartId,
      customizations: input.customizations,
      replace: input.replace,
      ...slotRefOf(input),
    }),
  ),
  move: authedProcedure
    .input(movePlacementInput)
    .mutation(({ ctx, input }) =>
      movePlacement(ctx.db, ctx.user, { id: input.id, tabId: input.tabId, ...slotRefOf(input) }),
    ),
  update: authedProcedure
    .input(updatePlacementInput)
    .mutation(({ ctx, input }) => updatePlacement(ctx.db, ctx.user, input)),
  remove: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => removePlacement(ctx.db, ctx.user, input.id)),
});
