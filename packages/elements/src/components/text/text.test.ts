import { expect } from '@esm-bundle/chai';
import './text.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { cleanup, fixture, html } from '../../internal/testing/fixture.js';
import type { OcpText } from './text.js';

describe('<ocp-text>', () => {
  afterEach(cleanup);

  it('renders a heading and paragraphs', async () => {
    const el = await fixture<OcpText>(
      html`<ocp-text heading="Notes" text=${'First line.\n\nSecond paragraph.'}></ocp-text>`,
    );
    expect(el.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('Notes');
    expect(Array.from(el.shadowRoot!.querySelectorAll('[part="body"] p')).map((p) => p.textContent)).to.deep.equal([
      'First line.',
      'Second paragraph.',
    ]);
    await expectAccessible(el);
  });

  it('shows markup as text, never as HTML', async () => {
    const el = await fixture<OcpText>(html`<ocp-text text="<img src=x onerror=alert(1)><b>bold</b>"></ocp-text>`);
    expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="body"]')!.textContent).to.contain('<img src=x onerror=alert(1)>');
  });

  it('reacts to attribute changes and shows empty, loading and error states', async () => {
    const el = await fixture<OcpText>(html`<ocp-text></ocp-text>`);
    expect(el.state).to.equal('empty');
    expect(el.shadowRoot!.textContent).to.contain('No text yet');
    el.setAttribute('text', 'Now there is text');
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    el.setAttribute('state', 'loading');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')).to.exist;
    el.setAttribute('state', 'error');
    el.setAttribute('error-message', 'Could not load the note.');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('Could not load the note.');
  });
});
