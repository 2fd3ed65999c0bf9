import { z } from 'zod';
import { movePlacement, placeChart, removePlacement, updatePlacement } from '../services/placements.js';
import { authedProcedure, router } from '../trpc.js';
import { id, oneSlot, settingsJson, slotFields, slotRefOf } from './inputs.js';

/** placements.place input (and the chat's place_chart tool's). */
export const placeInput = z
  .strictObject({ tabId: id, chartId: id, ...slotFields, customizations: settingsJson.optional() })
  .refine(...oneSlot);

export const placementsRouter = router({
  place: authedProcedure.input(placeInput).mutation(({ ctx, input }) =>
    placeChart(ctx.db, ctx.user, {
      tabId: input.tabId,
      chartId: input.chartId,
      customizations: input.customizations,
      ...slotRefOf(input),
    }),
  ),
  move: authedProcedure
    .input(z.strictObject({ id, tabId: id.optional(), ...slotFields }).refine(...oneSlot))
    .mutation(({ ctx, input }) =>
      movePlacement(ctx.db, ctx.user, { id: input.id, tabId: input.tabId, ...slotRefOf(input) }),
    ),
  update: authedProcedure
    .input(z.strictObject({ id, customizations: settingsJson }))
    .mutation(({ ctx, input }) => updatePlacement(ctx.db, ctx.user, input)),
  remove: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => removePlacement(ctx.db, ctx.user, input.id)),
});
