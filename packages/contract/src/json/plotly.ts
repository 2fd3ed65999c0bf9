import { z } from 'zod';
import { findJsonProblem, type JsonLimits } from './safe-json.js';

/**
 * Limits for a stored Plotly figure. Generous enough for real figures (the 60 plotly.js test mocks pass),
 * tight enough that a hostile config cannot exhaust the server: depth, value count, string length.
 */
export const PLOTLY_LIMITS: JsonLimits = { maxDepth: 32, maxNodes: 500_000, maxStringLength: 100_000 };
export const MAX_TRACES = 500;

/** One Plotly trace. Plotly's attribute set is huge and versioned, so we validate shape, not attributes. */
export const plotlyTraceSchema = z.looseObject({ type: z.string().max(64).optional() });
export type PlotlyTrace = z.infer<typeof plotlyTraceSchema> & Record<string, unknown>;

const plainObject = z.record(z.string(), z.unknown());

/** `charts.plotly_config`: `{ data, layout?, config? }`, guarded against depth/size/prototype keys. */
export const plotlyConfigSchema = z
  .strictObject({
    data: z.array(plotlyTraceSchema).max(MAX_TRACES),
    layout: plainObject.optional(),
    config: plainObject.optional(),
    frames: z.array(plainObject).max(1000).optional(),
  })
  .superRefine((value, ctx) => {
    const problem = findJsonProblem(value, PLOTLY_LIMITS);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export type PlotlyConfig = {
  data: PlotlyTrace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: Record<string, unknown>[];
};
