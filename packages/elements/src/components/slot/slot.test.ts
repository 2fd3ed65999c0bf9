import { expect } from '@esm-bundle/chai';
import './slot.js';
import type { OcpPlaceRejectedEvent } from '../../events/place-rejected.js';
import type { OcpPlaceRequestEvent } from '../../events/place-request.js';
import { writeDragData } from '../../internal/drag-data.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { cleanup, fixture, html, oneEvent } from '../../internal/testing/fixture.js';
import type { OcpSlot } from './slot.js';

const metric = { chartId: 'm1', chartType: 'metric', title: 'Peak demand' };
const line = { chartId: 'l1', chartType: 'line', title: 'Battery' };

function drag(target: Element, type: string, chart: typeof metric) {
  const dataTransfer = new DataTransfer();
  writeDragData(dataTransfer, chart);
  const event = new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer });
  target.dispatchEvent(event);
  return event;
}

const feedback = (el: OcpSlot) => el.shadowRoot!.querySelector<HTMLElement>('[part="feedback"]')!;

describe('<ocp-slot>', () => {
  afterEach(cleanup);

  async function kpiSlot(mode: 'view' | 'edit' = 'edit') {
    return fixture<OcpSlot>(
      html`<ocp-slot style="height:160px" slot-key="kpi-1" slot-id="s1" mode=${mode} .constraints=${{ allowedChartTypes: ['metric', 'indicator'] }}></ocp-slot>`,
      'width: 300px',
    );
  }

  it('renders an empty placeholder that lists what it accepts', async () => {
    const el = await kpiSlot();
    const empty = el.shadowRoot!.querySelector('[part="empty"]')!;
    expect(empty.textContent).to.contain('Drop a chart here').and.contain('Accepts: metric, indicator');
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Slot kpi-1');
    await expectAccessible(el);
  });

  it('is blank in view mode: no placeholder, no frame, nothing to read', async () => {
    const el = await kpiSlot('view');
    expect(el.shadowRoot!.querySelector('[part="empty"]') === null, 'no placeholder').to.equal(true);
    expect(el.shadowRoot!.textContent!.trim()).to.equal('');
    const base = getComputedStyle(el.shadowRoot!.querySelector('[part="base"]')!);
    expect(base.borderTopColor).to.equal('rgba(0, 0, 0, 0)');
    expect(base.boxShadow).to.equal('none');
  });

  it('shows accept feedback while an allowed chart is dragged over, and asks to place it on drop', async () => {
    const el = await kpiSlot();
    drag(el, 'dragenter', metric);
    const over = drag(el, 'dragover', metric);
    await el.updateComplete;
    expect(el.getAttribute('drop-state')).to.equal('accept');
    expect(over.defaultPrevented, 'dragover cancelled so the drop is allowed').to.equal(true);
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part="base"]')!).outlineStyle).to.equal('solid');
    const request = oneEvent<OcpPlaceRequestEvent>(el, 'ocp-place-request');
    drag(el, 'drop', metric);
    const e = await request;
    expect(e.detail).to.deep.equal({ slotKey: 'kpi-1', slotId: 's1', chart: metric, via: 'drag' });
    expect(e.bubbles && e.composed && e.cancelable).to.equal(true);
    expect(el.hasAttribute('drop-state')).to.equal(false);
  });

  it('refuses a disallowed chart type with visible feedback', async () => {
    const el = await kpiSlot();
    drag(el, 'dragenter', line);
    const over = drag(el, 'dragover', line);
    await el.updateComplete;
    expect(el.getAttribute('drop-state')).to.equal('reject');
    expect(over.defaultPrevented, 'dragover not cancelled, so the browser refuses the drop').to.equal(false);
    expect(feedback(el).hidden).to.equal(false);
    expect(feedback(el).textContent).to.contain("Line charts can't go here (allowed: metric, indicator)");
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part="base"]')!).outlineStyle).to.equal('dashed');
    let requested = false;
    el.addEventListener('ocp-place-request', () => {
      requested = true;
    });
    const rejected = oneEvent<OcpPlaceRejectedEvent>(el, 'ocp-place-rejected');
    drag(el, 'drop', line);
    expect((await rejected).detail.slotKey).to.equal('kpi-1');
    expect(requested).to.equal(false);
    await el.updateComplete;
    expect(feedback(el).getBoundingClientRect().height).to.be.greaterThan(0);
  });

  it('clears the feedback when the drag leaves', async () => {
    const el = await kpiSlot();
    drag(el, 'dragenter', line);
    drag(el, 'dragleave', line);
    await el.updateComplete;
    expect(el.hasAttribute('drop-state')).to.equal(false);
    expect(feedback(el).hidden).to.equal(true);
  });

  it('ignores drags in view mode and foreign drags', async () => {
    const el = await kpiSlot('view');
    const over = drag(el, 'dragover', metric);
    expect(over.defaultPrevented).to.equal(false);
    el.mode = 'edit';
    await el.updateComplete;
    const foreign = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: new DataTransfer() });
    el.dispatchEvent(foreign);
    expect(foreign.defaultPrevented).to.equal(false);
    expect(el.hasAttribute('drop-state')).to.equal(false);
  });

  it('reflects whether content is slotted in, and reacts to attribute changes', async () => {
    const el = await kpiSlot();
    expect(el.occupied).to.equal(false);
    const child = document.createElement('div');
    el.append(child);
    await new Promise((r) => setTimeout(r, 0));
    expect(el.hasAttribute('occupied')).to.equal(true);
    el.setAttribute('slot-key', 'kpi-9');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Slot kpi-9');
    el.setAttribute('mode', 'view');
    await el.updateComplete;
    expect(el.mode).to.equal('view');
  });
});
