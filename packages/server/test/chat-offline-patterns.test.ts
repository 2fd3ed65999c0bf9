import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChatCreatedItem } from '@ocp/contract';
import { PATTERN_CASES, type PatternCase, type PatternRun, problems, uncovered } from '@ocp/offline-agent/testing';
import { demoUser, type Harness, startHarness, type TestUser } from './harness.js';

/**
 * The offline agent's shared pattern table (`@ocp/offline-agent/testing`) against the server, on the demo
 * workspace; the in-memory provider runs the same table in Chromium (elements: offline-patterns.test.ts).
 */
describe('offline agent patterns (server)', () => {
  let h: Harness;
  let demo: TestUser;
  let dashboardId: string;
  before(async () => {
    h = await startHarness({
      demo: true,
      chat: { provider: null, offlineDelayMs: 0 },
      // Fifty chats in a row from one user: the per-user chat bucket is not what is tested here.
      rateLimits: { chat: { capacity: 1000, perMinute: 1000 } },
    });
    ({ demo, dashboardId } = await demoUser(h));
  });
  after(() => h?.close());

  /** One case; what it made is deleted and the dashboard restored afterwards, so cases do not see each other. */
  async function run(c: PatternCase): Promise<PatternRun> {
    const api = h.as(demo);
    const before = await api.dashboardVersions.create({ dashboardId, changeSummary: 'before a pattern case' });
    const session = await api.chat.sessions.create(
      c.context === 'none' ? {} : { contextType: 'dashboard', contextId: dashboardId },
    );
    const created: ChatCreatedItem[] = [];
    let toolCalls: PatternRun['toolCalls'] = [];
    const { detach } = h.runtime.chat.hub.attach(session.id, null, ({ event }) => {
      if (event.type === 'tool-call') toolCalls.push({ name: event.name, arguments: event.arguments });
    });
    let reply = '';
    try {
      for (const [i, content] of c.say.entries()) {
        toolCalls = [];
        const message = await api.chat.send({ sessionId: session.id, content });
        reply = message.content.text;
        // What earlier requests proposed is applied, as a user would before asking for more.
        const set = message.content.changeSet;
        if (set && i < c.say.length - 1) {
          const applied = await api.chat.changes.decide({
            sessionId: session.id,
            changeSetId: set.id,
            decision: 'apply',
          });
          created.push(...applied.applied!.created);
        }
      }
    } finally {
      detach();
      await api.dashboardVersions.restore({ dashboardId, versionNumber: before.versionNumber });
      for (const item of created) {
        if (item.type === 'chart') await api.charts.delete({ id: item.id });
        if (item.type === 'dashboard') await api.dashboards.delete({ id: item.id });
        if (item.type === 'template') await api.templates.delete({ id: item.id });
      }
    }
    return { reply, toolCalls };
  }

  test('the table covers every documented pattern', () => {
    assert.deepEqual(uncovered(), []);
  });
  for (const c of PATTERN_CASES) {
    test(`${c.pattern}: ${c.say.at(-1)!.split('\n')[0]}`, async () => {
      assert.deepEqual(problems(c, await run(c)), []);
    });
  }
});
