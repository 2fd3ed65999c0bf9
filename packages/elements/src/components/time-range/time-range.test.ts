import { expect } from '@esm-bundle/chai';
import './time-range.js';
import type { OcpTimeRangeChangeEvent } from '../../events/time-range-change.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { cleanup, fixture, html, oneEvent } from '../../internal/testing/fixture.js';
import type { OcpTimeRange } from './time-range.js';

const part = <T extends Element>(el: OcpTimeRange, selector: string) =>
  el.shadowRoot!.querySelector<T & HTMLElement>(selector)!;

describe('<ocp-time-range>', () => {
  afterEach(cleanup);

  it('shows the range, opens the presets and reports the chosen one with the time zone', async () => {
    const el = await fixture<OcpTimeRange>(
      html`<ocp-time-range timezone="Europe/Paris" .value=${{ from: 'now-7d', to: 'now' }}></ocp-time-range>`,
    );
    const trigger = part<HTMLButtonElement>(el, '[part="trigger"]');
    expect(trigger.getAttribute('aria-label')).to.equal('Time range: Last 7 days');
    trigger.click();
    await el.updateComplete;
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    await expectAccessible(el);
    const changed = oneEvent<OcpTimeRangeChangeEvent>(el, 'ocp-time-range-change');
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="preset"]')]
      .find((b) => b.textContent === 'This year')!
      .click();
    expect((await changed).detail.range).to.deep.equal({ from: 'now/y', to: 'now', timezone: 'Europe/Paris' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="panel"]')).to.equal(null);
  });

  it('a custom range is checked before it is applied; Escape closes the panel', async () => {
    const el = await fixture<OcpTimeRange>(html`<ocp-time-range timezone="UTC"></ocp-time-range>`);
    await el.editCustom();
    const [from, to] = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input');
    from!.value = 'last tuesday';
    part<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    expect(part(el, '.problem').textContent).to.contain('From:');
    from!.value = 'now-2d/d';
    to!.value = '2020-01-01';
    part<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    expect(part(el, '.problem').textContent).to.equal('From must be before To.');
    to!.value = 'now';
    const changed = oneEvent<OcpTimeRangeChangeEvent>(el, 'ocp-time-range-change');
    part<HTMLButtonElement>(el, 'button[type="submit"]').click();
    expect((await changed).detail.range).to.deep.equal({ from: 'now-2d/d', to: 'now', timezone: 'UTC' });
    await el.editCustom();
    part(el, 'input').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="panel"]')).to.equal(null);
  });

  it('locked: shown, not changeable', async () => {
    const el = await fixture<OcpTimeRange>(
      html`<ocp-time-range locked .value=${{ from: '2026-10-01T00:00:00Z', to: '2026-10-15T00:00:00Z' }} timezone="UTC"></ocp-time-range>`,
    );
    const trigger = part<HTMLButtonElement>(el, '[part="trigger"]');
    expect(trigger.disabled).to.equal(true);
    expect(trigger.getAttribute('aria-label')).to.match(/Oct 1, 2026.*Oct 15, 2026.*locked/);
  });
});
