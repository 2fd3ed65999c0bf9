import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  buildTraces,
  dataSourceConfigSchema,
  findJsonProblem,
  layoutConfigSchema,
  plotlyConfigSchema,
  positionConfigSchema,
  slotAllowsChartType,
  slotConstraintsSchema,
} from '@ocp/contract';
import { demoCharts, SYSTEM_TEMPLATES } from '../src/index.js';

const mocksDir =
  process.env.OCP_PLOTLY_MOCKS ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/plotly-mocks');
const mocks = fs.existsSync(mocksDir) ? fs.readdirSync(mocksDir).filter((f) => f.endsWith('.json')) : [];

describe('plotly_config validation', () => {
  test('accepts all 60 plotly.js test mocks as {data, layout}', {
    skip: mocks.length ? false : `no mocks at ${mocksDir}`,
  }, () => {
    assert.equal(mocks.length, 60);
    for (const file of mocks) {
      const figure = JSON.parse(fs.readFileSync(path.join(mocksDir, file), 'utf8'));
      const result = plotlyConfigSchema.safeParse({ data: figure.data, layout: figure.layout, config: figure.config });
      assert.ok(result.success, `${file}: ${result.success ? '' : result.error.message}`);
    }
  });

  test('rejects __proto__, constructor and prototype keys at any depth', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const payload = JSON.parse(`{"data":[{"type":"bar","marker":{"${key}":{"polluted":true}}}]}`);
      const result = plotlyConfigSchema.safeParse(payload);
      assert.equal(result.success, false, key);
      assert.match(result.error!.issues[0]!.message, new RegExp(`key "${key}" is not allowed`));
    }
  });

  test('rejects 1,000-deep nesting quickly and without a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = { a: deep };
    const started = performance.now();
    const result = plotlyConfigSchema.safeParse({ data: [{ type: 'bar', deep }] });
    assert.equal(result.success, false);
    assert.match(result.error!.issues[0]!.message, /nested deeper than 32/);
    assert.ok(performance.now() - started < 500);
  });

  test('rejects non-finite numbers, oversized strings and too many values', () => {
    assert.match(findJsonProblem({ a: Number.NaN }) ?? '', /finite/);
    assert.match(findJsonProblem({ s: 'x'.repeat(100_001) }) ?? '', /string longer/);
    assert.match(findJsonProblem({ a: new Array(300_000).fill(0) }) ?? '', /too many values/);
    assert.equal(findJsonProblem({ a: [1, 'two', null, true, { b: [] }] }), null);
  });

  test('requires data to be an array of traces', () => {
    assert.equal(plotlyConfigSchema.safeParse({ layout: {} }).success, false);
    assert.equal(plotlyConfigSchema.safeParse({ data: {} }).success, false);
    assert.equal(plotlyConfigSchema.safeParse({ data: [], extra: 1 }).success, false);
  });
});

describe('layout, position and constraint shapes', () => {
  test('every system template and slot validates', () => {
    assert.ok(SYSTEM_TEMPLATES.length >= 6);
    for (const t of SYSTEM_TEMPLATES) {
      assert.ok(layoutConfigSchema.safeParse(t.layoutConfig).success, t.name);
      for (const s of t.slots) {
        assert.ok(positionConfigSchema.safeParse(s.positionConfig).success, `${t.name}/${s.slotKey}`);
        assert.ok(slotConstraintsSchema.safeParse(s.constraints ?? {}).success);
        assert.ok(s.positionConfig.x + s.positionConfig.w <= t.layoutConfig.columns, `${t.name}/${s.slotKey} fits`);
      }
    }
  });

  test('bounds: columns 1..48, no unknown keys', () => {
    assert.equal(layoutConfigSchema.safeParse({ columns: 0, rowHeight: 10, gap: 0 }).success, false);
    assert.equal(layoutConfigSchema.safeParse({ columns: 49, rowHeight: 10, gap: 0 }).success, false);
    assert.equal(positionConfigSchema.safeParse({ x: 0, y: 0, w: 1, h: 1, evil: true }).success, false);
  });

  test('slot constraints admit only listed chart types', () => {
    assert.equal(slotAllowsChartType({ allowedChartTypes: ['metric'] }, 'metric'), true);
    assert.equal(slotAllowsChartType({ allowedChartTypes: ['metric'] }, 'line'), false);
    assert.equal(slotAllowsChartType({}, 'line'), true);
  });
});

describe('data_source_config and traces', () => {
  test('every demo chart has a valid config and builds traces with data', () => {
    for (const c of demoCharts()) {
      assert.ok(plotlyConfigSchema.safeParse(c.plotlyConfig).success, c.key);
      const parsed = dataSourceConfigSchema.safeParse(c.dataSourceConfig);
      assert.ok(parsed.success, `${c.key}: ${parsed.error?.message}`);
      if (c.dataSourceConfig.kind !== 'inline') continue;
      const traces = buildTraces(c.plotlyConfig, c.dataSourceConfig.columns, c.dataSourceConfig.mapping);
      assert.ok(traces.length >= 1, c.key);
      for (const t of traces) assert.ok('x' in t || 'values' in t || 'value' in t, `${c.key} trace has data`);
    }
  });

  test('error messages say which field is wrong', () => {
    const r = dataSourceConfigSchema.safeParse({ kind: 'inline', columns: { a: [1] }, mapping: { x: 'a', y: [] } });
    assert.equal(r.success, false);
    assert.deepEqual(r.error!.issues[0]!.path, ['mapping', 'y']);
  });

  test('buildTraces: one trace per y column, per series value, pie labels/values', () => {
    const columns = { t: [1, 2, 3, 4], v: [10, 20, 30, 40], w: [1, 1, 2, 2], s: ['a', 'b', 'a', 'b'] };
    assert.deepEqual(buildTraces({ data: [{ type: 'bar' }] }, columns, { x: 't', y: ['v', 'w'] }), [
      { name: 'v', type: 'bar', x: [1, 2, 3, 4], y: [10, 20, 30, 40] },
      { name: 'w', type: 'bar', x: [1, 2, 3, 4], y: [1, 1, 2, 2] },
    ]);
    assert.deepEqual(buildTraces({ data: [] }, columns, { x: 't', y: ['v'], series: 's' }), [
      { type: 'scatter', name: 'a', x: [1, 3], y: [10, 30] },
      { type: 'scatter', name: 'b', x: [2, 4], y: [20, 40] },
    ]);
    assert.deepEqual(buildTraces({ data: [{ type: 'pie' }] }, { l: ['x', 'y'], n: [1, 2] }, { x: 'l', y: ['n'] }), [
      { name: 'n', type: 'pie', labels: ['x', 'y'], values: [1, 2] },
    ]);
  });
});
