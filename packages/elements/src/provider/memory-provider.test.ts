import { expect } from '@esm-bundle/chai';
import { OcpProviderError } from '@ocp/contract/errors';
import { demoProvider } from '../internal/testing/demo-provider.js';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    expect(e).to.be.instanceOf(OcpProviderError);
    return (e as OcpProviderError).code;
  }
}

describe('MemoryProvider', () => {
  it('applies the server rules for placing charts', async () => {
    const p = demoProvider();
    const d = p.data.dashboards[1]!;
    const tab = d.tabs[0]!;
    const line = p.data.charts.find((c) => c.chartType === 'line')!;
    const metric = p.data.charts.find((c) => c.chartType === 'metric')!;
    expect(await code(p.placeChart({ tabId: tab.id, slotKey: 'kpi-3', chartId: line.id }))).to.equal('BAD_REQUEST');
    expect(await code(p.placeChart({ tabId: tab.id, slotKey: 'nope', chartId: metric.id }))).to.equal('BAD_REQUEST');
    expect(await code(p.placeChart({ tabId: tab.id, slotKey: 'kpi-1', chartId: metric.id }))).to.equal('CONFLICT');
    expect(await code(p.placeChart({ tabId: 'missing', slotKey: 'kpi-3', chartId: metric.id }))).to.equal('NOT_FOUND');
    expect(await code(p.placeChart({ tabId: tab.id, slotKey: 'kpi-3', chartId: 'missing' }))).to.equal('NOT_FOUND');
    const placed = await p.placeChart({ tabId: tab.id, slotKey: 'kpi-3', chartId: metric.id });
    expect(placed.chart?.chartType).to.equal('metric');
    const dashboard = await p.getDashboard(d.id);
    expect(dashboard.tabs[0]!.placements.map((x) => x.slotKey)).to.include('kpi-3');
  });

  it('resolves chart data from inline sources, and shared data only for charts the link grants', async () => {
    const p = demoProvider();
    const d = p.data.dashboards[0]!;
    const inDashboard = d.tabs[0]!.placements[0]!.chartId;
    const outside = p.data.charts.find(
      (c) => !p.data.dashboards[0]!.tabs.some((t) => t.placements.some((x) => x.chartId === c.id)),
    )!;
    const data = await p.getChartData(inDashboard);
    expect(data.traces.length).to.be.greaterThan(0);
    expect(data.meta.returnedPoints).to.be.greaterThan(0);
    const { token } = await p.createShare({ resourceType: 'dashboard', resourceId: d.id });
    expect((await p.shareChartData(token, inDashboard)).traces).to.deep.equal(data.traces);
    expect(await code(p.shareChartData(token, outside.id))).to.equal('NOT_FOUND');
    expect(await code(p.resolveShare('0'.repeat(32)))).to.equal('NOT_FOUND');
  });

  it('returns copies, so callers cannot change its state', async () => {
    const p = demoProvider();
    const d = await p.getDashboard(p.data.dashboards[0]!.id);
    d.tabs[0]!.placements.length = 0;
    expect((await p.getDashboard(d.id)).tabs[0]!.placements.length).to.be.greaterThan(0);
  });

  it('notifies dashboard subscribers and stops after unsubscribe', async () => {
    const p = demoProvider();
    const d = p.data.dashboards[0]!;
    const events: string[] = [];
    const stop = p.subscribeDashboard(d.id, (e) => events.push(`${e.type}:${'action' in e ? e.action : ''}`));
    await p.removePlacement(d.tabs[0]!.placements[0]!.id);
    await new Promise((r) => setTimeout(r, 0));
    stop();
    await p.removePlacement(d.tabs[0]!.placements[0]!.id);
    await new Promise((r) => setTimeout(r, 0));
    expect(events).to.deep.equal(['placement:removed']);
  });

  it('streams chat replies until aborted', async () => {
    const p = demoProvider({ streamDelay: 1 });
    const session = await p.createChatSession();
    const controller = new AbortController();
    const types: string[] = [];
    const reading = (async () => {
      for await (const e of p.streamChat({ sessionId: session.id, signal: controller.signal })) {
        types.push(e.type);
        if (e.type === 'done') controller.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 10));
    await p.sendChat({ sessionId: session.id, content: 'pie chart of generation mix' });
    await reading;
    expect(types[0]).to.equal('tool-call');
    // A chart is proposed (a change set), not made, until the user applies it.
    expect(types).to.include('change-set').and.include('delta').and.not.include('created-item');
    expect(types.at(-1)).to.equal('done');
  });

  it('confirmChat: decides an asked action once; unknown ids are NOT_FOUND', async () => {
    const p = demoProvider({ streamDelay: 0 });
    const session = await p.createChatSession();
    const made = await p.sendChat({ sessionId: session.id, content: 'bar chart of monthly generation' });
    await p.decideChanges({ sessionId: session.id, changeSetId: made.content.changeSet!.id, decision: 'apply' });
    const asked = await p.sendChat({ sessionId: session.id, content: 'make it public' });
    const [confirmation] = asked.content.confirmations!;
    expect(confirmation!.status).to.equal('pending');
    const decided = await p.confirmChat({ sessionId: session.id, confirmationId: confirmation!.id });
    expect(decided.status).to.equal('confirmed');
    const again = await p.confirmChat({ sessionId: session.id, confirmationId: confirmation!.id }).catch((e) => e);
    expect(again.code).to.equal('CONFLICT');
    const unknown = await p.confirmChat({ sessionId: session.id, confirmationId: 'nope' }).catch((e) => e);
    expect(unknown.code).to.equal('NOT_FOUND');
  });
});
