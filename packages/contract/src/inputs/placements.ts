import { z } from 'zod';
import { id, oneSlot, settingsJson, slotFields } from './common.js';

/**
 * placements.place input (and the chat's place_chart tool's). An occupied slot is CONFLICT, unless `replace`: then
 * the chart already there is taken off in the same transaction (one atomic call, never a slot left empty).
 */
export const placeInput = z
  .strictObject({
    tabId: id,
    chartId: id,
    ...slotFields,
    customizations: settingsJson.optional(),
    replace: z.boolean().optional(),
  })
  .refine(...oneSlot);
export const movePlacementInput = z.strictObject({ id, tabId: id.optional(), ...slotFields }).refine(...oneSlot);
export const updatePlacementInput = z.strictObject({ id, customizations: settingsJson });
