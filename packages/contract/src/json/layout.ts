import { z } from 'zod';

const gridUnit = z.number().int().min(0).max(1000);
const span = z.number().int().min(1).max(1000);
const px = z.number().min(0).max(10_000);

/** `dashboard_templates.layout_config`: a CSS grid definition. */
export const layoutConfigSchema = z.strictObject({
  columns: z.number().int().min(1).max(48),
  rowHeight: px,
  gap: px,
  breakpoints: z
    .record(
      z.string().min(1).max(32),
      z.strictObject({ minWidth: z.number().min(0).max(100_000), columns: z.number().int().min(1).max(48) }),
    )
    .refine((b) => Object.keys(b).length <= 12, 'at most 12 breakpoints')
    .optional(),
});
export type LayoutConfig = z.infer<typeof layoutConfigSchema>;

/** `dashboard_template_slots.position_config`: a rectangle in grid units. */
export const positionConfigSchema = z.strictObject({
  x: gridUnit,
  y: gridUnit,
  w: span,
  h: span,
  minW: span.optional(),
  minH: span.optional(),
});
export type PositionConfig = z.infer<typeof positionConfigSchema>;

/** `dashboard_template_slots.constraints`. */
export const slotConstraintsSchema = z.strictObject({
  allowedChartTypes: z.array(z.string().min(1).max(64)).max(64).optional(),
  minW: span.optional(),
  minH: span.optional(),
  maxPoints: z.number().int().min(1).max(10_000_000).optional(),
});
export type SlotConstraints = z.infer<typeof slotConstraintsSchema>;
