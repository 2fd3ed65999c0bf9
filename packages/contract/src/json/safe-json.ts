import { z } from 'zod';

/** Keys that can poison prototypes when a config is merged into objects downstream. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonLimits {
  /** Deepest nesting of objects/arrays. */
  maxDepth: number;
  /** Total number of values (objects, arrays, scalars) in the document. */
  maxNodes: number;
  /** Longest string value or key. */
  maxStringLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 32, maxNodes: 250_000, maxStringLength: 100_000 };

/**
 * Walks a JSON value iteratively (a 1,000-deep payload must not blow the stack) and returns the first
 * problem found, or null. Stops early, so hostile inputs cost at most `maxNodes` steps.
 */
export function findJsonProblem(value: unknown, limits: JsonLimits = DEFAULT_JSON_LIMITS): string | null {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: value, depth: 0, path: '$' }];
  let nodes = 0;
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (++nodes > limits.maxNodes) return `too many values (more than ${limits.maxNodes})`;
    // undefined is what JSON.stringify drops (an absent optional key), so it is not a problem.
    if (v === null || v === undefined || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${path}: numbers must be finite`;
      continue;
    }
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return `${path}: string longer than ${limits.maxStringLength}`;
      // PostgreSQL's text and jsonb cannot hold U+0000: refused here as bad input, not left to fail on insert.
      if (v.includes('\u0000')) return `${path}: contains a NUL character`;
      continue;
    }
    if (typeof v !== 'object') return `${path}: not a JSON value`;
    if (depth >= limits.maxDepth) return `${path}: nested deeper than ${limits.maxDepth}`;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]` });
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return `${path}: not a plain object`;
    // Own keys including "__proto__" created by JSON.parse (it defines an own property, not the prototype).
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return `${path}: key "${key}" is not allowed`;
      if (key.length > limits.maxStringLength) return `${path}: key longer than ${limits.maxStringLength}`;
      if (key.includes('\u0000')) return `${path}: a key contains a NUL character`;
      stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return null;
}

/** A zod schema for arbitrary JSON objects guarded by {@link findJsonProblem}. */
export function safeJsonObject(limits: Partial<JsonLimits> = {}) {
  const merged = { ...DEFAULT_JSON_LIMITS, ...limits };
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = findJsonProblem(value, merged);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** Same guard for any JSON value (arrays and scalars included). */
export function safeJsonValue(limits: Partial<JsonLimits> = {}) {
  const merged = { ...DEFAULT_JSON_LIMITS, ...limits };
  return z.unknown().superRefine((value, ctx) => {
    const problem = findJsonProblem(value, merged);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
