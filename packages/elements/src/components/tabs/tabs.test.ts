import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import './tabs.js';
import type { OcpTabChangeEvent } from '../../events/tab-change.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { cleanup, fixture, html, oneEvent } from '../../internal/testing/fixture.js';
import type { OcpTabs } from './tabs.js';

const tabs = [
  { id: 'a', title: 'Overview' },
  { id: 'b', title: 'Patterns' },
  { id: 'c', title: 'Detail' },
];
const buttons = (el: OcpTabs) => Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
const selected = (el: OcpTabs) => buttons(el).find((b) => b.getAttribute('aria-selected') === 'true')!.textContent;

describe('<ocp-tabs>', () => {
  afterEach(cleanup);

  it('renders a tab list with the first tab selected and the content in the panel', async () => {
    const el = await fixture<OcpTabs>(html`<ocp-tabs .tabs=${tabs}><p>Content</p></ocp-tabs>`);
    expect(buttons(el).map((b) => b.textContent)).to.deep.equal(['Overview', 'Patterns', 'Detail']);
    expect(selected(el)).to.equal('Overview');
    expect(buttons(el).map((b) => b.tabIndex)).to.deep.equal([0, -1, -1]);
    const panel = el.shadowRoot!.querySelector('[role="tabpanel"]')!;
    expect(panel.getAttribute('aria-labelledby')).to.equal('tab-0');
    await expectAccessible(el);
  });

  it('selects on click and emits ocp-tab-change', async () => {
    const el = await fixture<OcpTabs>(html`<ocp-tabs .tabs=${tabs}></ocp-tabs>`);
    const change = oneEvent<OcpTabChangeEvent>(el, 'ocp-tab-change');
    buttons(el)[2]!.click();
    const e = await change;
    expect(e.detail).to.deep.equal({ tabId: 'c', index: 2 });
    expect(e.bubbles && e.composed && e.cancelable).to.equal(true);
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal('c');
    expect(selected(el)).to.equal('Detail');
  });

  it('moves with arrow keys, Home and End', async () => {
    const el = await fixture<OcpTabs>(html`<ocp-tabs .tabs=${tabs}></ocp-tabs>`);
    buttons(el)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(selected(el)).to.equal('Patterns');
    expect(el.shadowRoot!.activeElement!.textContent).to.equal('Patterns');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(selected(el)).to.equal('Detail');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(selected(el)).to.equal('Overview');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(selected(el)).to.equal('Overview');
  });

  it('keeps the current tab when ocp-tab-change is cancelled', async () => {
    const el = await fixture<OcpTabs>(
      html`<ocp-tabs .tabs=${tabs} @ocp-tab-change=${(e: Event) => e.preventDefault()}></ocp-tabs>`,
    );
    buttons(el)[1]!.click();
    await el.updateComplete;
    expect(selected(el)).to.equal('Overview');
  });

  it('follows the selected attribute', async () => {
    const el = await fixture<OcpTabs>(html`<ocp-tabs .tabs=${tabs}></ocp-tabs>`);
    el.setAttribute('selected', 'b');
    await el.updateComplete;
    expect(selected(el)).to.equal('Patterns');
    el.setAttribute('label', 'Sections');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="tablist"]')!.getAttribute('aria-label')).to.equal('Sections');
  });
});
