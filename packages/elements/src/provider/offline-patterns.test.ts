import { expect } from '@esm-bundle/chai';
import type { ChatStreamEvent } from '@ocp/contract';
import { PATTERN_CASES, type PatternRun, problems, uncovered } from '@ocp/offline-agent/testing';
import { demoProvider } from '../internal/testing/demo-provider.js';

const ENERGY_OVERVIEW = 'Energy overview';

/** One case on a fresh copy of the demo workspace: every request in turn, the last one's reply and tool calls. */
async function run(say: string[], context: 'dashboard' | 'none' = 'dashboard'): Promise<PatternRun> {
  const provider = demoProvider({ streamDelay: 0 });
  const dashboard = provider.data.dashboards.find((d) => d.title === ENERGY_OVERVIEW)!;
  const session = await provider.createChatSession(
    context === 'dashboard' ? { contextType: 'dashboard', contextId: dashboard.id } : {},
  );
  const controller = new AbortController();
  const events: ChatStreamEvent[] = [];
  const stream = (async () => {
    for await (const e of provider.streamChat({ sessionId: session.id, signal: controller.signal })) events.push(e);
  })();
  let reply = '';
  let from = 0;
  for (const [i, content] of say.entries()) {
    from = events.length;
    const message = await provider.sendChat({ sessionId: session.id, content });
    reply = message.content.text;
    // What earlier requests proposed is applied, as a user would before asking for more.
    const set = message.content.changeSet;
    if (set && i < say.length - 1)
      await provider.decideChanges({ sessionId: session.id, changeSetId: set.id, decision: 'apply' });
  }
  await new Promise((r) => setTimeout(r, 0));
  controller.abort();
  await stream;
  const toolCalls = events
    .slice(from)
    .flatMap((e) => (e.type === 'tool-call' ? [{ name: e.name, arguments: e.arguments }] : []));
  return { reply, toolCalls };
}

describe('offline agent patterns (in-memory provider)', () => {
  it('covers every documented pattern', () => {
    expect(uncovered()).to.deep.equal([]);
  });
  for (const c of PATTERN_CASES) {
    it(`${c.pattern}: ${c.say.at(-1)!.split('\n')[0]}`, async () => {
      expect(problems(c, await run(c.say, c.context))).to.deep.equal([]);
    });
  }
});
