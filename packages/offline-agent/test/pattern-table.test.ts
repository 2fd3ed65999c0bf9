/**
 * The grammar's own checks. The pattern table itself runs against real providers elsewhere (the server on PGlite and
 * PostgreSQL: packages/server/test/chat-offline-patterns.test.ts; the memory provider in Chromium:
 * packages/elements/src/provider/offline-patterns.test.ts); here: the documentation and the table agree, and the
 * table's matcher fails runs that differ, so a green table means something.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HELP, PATTERNS } from '../src/index.js';
import { matches, PATTERN_CASES, problems, uncovered } from '../src/testing/pattern-table.js';

describe('the offline agent patterns', () => {
  test('at least 25 documented patterns, each with a unique id, an example and what it does', () => {
    assert.ok(PATTERNS.length >= 25, `${PATTERNS.length} patterns`);
    assert.equal(new Set(PATTERNS.map((p) => p.id)).size, PATTERNS.length);
    for (const p of PATTERNS) assert.ok(p.example.trim() && p.does.trim(), p.id);
  });

  test('every documented pattern has a case in the shared table, and every case names a documented pattern', () => {
    assert.deepEqual(uncovered(), []);
    const ids = new Set(PATTERNS.map((p) => p.id));
    for (const c of PATTERN_CASES) assert.ok(ids.has(c.pattern), `case for unknown pattern ${c.pattern}`);
  });

  test('the help answer names what the agent can do', () => {
    for (const phrase of ['make it a pie', 'stack it', 'last 30 days']) assert.ok(HELP.includes(phrase), phrase);
  });

  test('the matcher fails a run with another reply, other tools or other arguments', () => {
    const c = PATTERN_CASES.find((x) => x.tools.some((t) => t.args))!;
    const args = c.tools.map((t) => ({ name: t.name, arguments: { ...(t.args ?? {}) } }));
    assert.equal(problems(c, { reply: 'something else entirely', toolCalls: args }).length > 0, true);
    assert.ok(problems(c, { reply: '', toolCalls: [] }).some((p) => p.startsWith('tool calls')));
    assert.ok(
      problems(c, { reply: '', toolCalls: args.map((a) => ({ ...a, arguments: { title: 42 } })) }).some((p) =>
        p.includes('do not hold'),
      ),
    );
    assert.equal(matches({ a: 1, b: [1, 2] }, { b: [1] }), true);
    assert.equal(matches({ a: 1 }, { a: 2 }), false);
  });
});
