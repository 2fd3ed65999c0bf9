import fc from 'fast-check';

/**
 * fast-check arbitraries for fuzzing the API: generated from each procedure's own zod schema (zod 4's `_zod.def`),
 * so most inputs have the right shape and reach the service and the database, with hostile values mixed in (NUL,
 * lone surrogates, SQL and path fragments, extreme numbers, real ids of other users' rows, wrong types).
 */

interface ZodDef {
  type: string;
  format?: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  element?: { _zod: { def: ZodDef } };
  innerType?: { _zod: { def: ZodDef } };
  in?: { _zod: { def: ZodDef } };
  valueType?: { _zod: { def: ZodDef } };
  keyType?: { _zod: { def: ZodDef } };
  options?: Array<{ _zod: { def: ZodDef } }>;
  entries?: Record<string, string | number>;
  values?: unknown[];
  getter?: () => { _zod: { def: ZodDef } };
}

export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '%00',
    "' OR 1=1 --",
    '"; DROP TABLE charts; --',
    '../../../etc/passwd',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    '00000000-0000-0000-0000-000000000000',
    '2026-02-30T25:61:00Z',
    'x'.repeat(5000),
  ),
);

export const hostileNumber = fc.oneof(
  fc.integer({ min: -5, max: 200 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, -1e-308),
);

/** Anything at all: what a careless or hostile client might send in place of a well-typed value. */
const wrongType = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

/** An arbitrary for the values of one zod schema; `ids` are real row ids, so inputs hit existing rows. */
export function fromSchema(schema: unknown, ids: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  const def = (schema as { _zod?: { def: ZodDef } })._zod?.def;
  if (!def || depth > 8) return fc.jsonValue({ maxDepth: 2 });
  const sub = (s: { _zod: { def: ZodDef } } | undefined) => fromSchema(s, ids, depth + 1);
  const typed = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'string':
        if (def.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid());
        if (def.format === 'datetime') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
        if (def.format === 'email') return fc.oneof(fc.emailAddress(), hostileString);
        if (def.format === 'url') return fc.oneof(fc.webUrl(), fc.constant('http://127.0.0.1:1/x'), hostileString);
        return hostileString;
      case 'number':
      case 'int':
        return hostileNumber;
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'literal':
        return fc.constantFrom(...(def.values ?? [null]));
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
      case 'array':
        return fc.array(sub(def.element), { maxLength: 3 });
      case 'object':
        return fc.record(Object.fromEntries(Object.entries(def.shape ?? {}).map(([k, v]) => [k, sub(v)])), {
          requiredKeys: [],
        });
      case 'record':
        return fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constant('__proto__')), sub(def.valueType), {
          maxKeys: 3,
        });
      case 'optional':
      case 'default':
      case 'nullable':
      case 'readonly':
      case 'catch':
        return fc.oneof(sub(def.innerType), fc.constant(undefined), fc.constant(null));
      case 'union':
        return fc.oneof(...(def.options ?? []).map((o) => sub(o)));
      case 'pipe':
        return sub(def.in);
      case 'lazy':
        return def.getter ? sub(def.getter()) : fc.jsonValue({ maxDepth: 2 });
      default:
        return fc.jsonValue({ maxDepth: 3 });
    }
  })();
  // One value in ten is of the wrong type altogether.
  return fc.oneof({ arbitrary: typed, weight: 9 }, { arbitrary: wrongType, weight: 1 });
}
