import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import './template-picker.js';
import type { OcpTemplateSelectEvent } from '../../events/template-select.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { demoProvider } from '../../internal/testing/demo-provider.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import { setDefaultProvider } from '../../provider/default.js';
import type { OcpTemplatePicker } from './template-picker.js';

const radios = (el: OcpTemplatePicker) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[role="radio"]'));
const checked = (el: OcpTemplatePicker) =>
  radios(el)
    .find((r) => r.getAttribute('aria-checked') === 'true')
    ?.getAttribute('aria-label');

async function picker() {
  const el = await fixture<OcpTemplatePicker>(
    html`<ocp-template-picker .provider=${demoProvider()}></ocp-template-picker>`,
  );
  await waitUntil(() => el.state === 'ready', 'templates');
  await el.updateComplete;
  return el;
}

describe('<ocp-template-picker>', () => {
  afterEach(cleanup);

  it('loads from the page default provider when no provider property is set', async () => {
    setDefaultProvider(demoProvider());
    try {
      const el = await fixture<OcpTemplatePicker>(html`<ocp-template-picker></ocp-template-picker>`);
      await waitUntil(() => el.state === 'ready', 'templates from the default provider');
      expect(radios(el)).to.have.length(6);
    } finally {
      setDefaultProvider(undefined);
    }
  });

  it('shows every template with a layout preview', async () => {
    const el = await picker();
    expect(radios(el).map((r) => r.getAttribute('aria-label'))).to.deep.equal([
      'Single',
      'Two columns',
      '2×2 grid',
      'Hero + 3',
      'Sidebar + main',
      '12-col KPI row + charts',
    ]);
    expect(radios(el)[3]!.querySelectorAll('[part="preview"] span')).to.have.length(4);
    expect(radios(el)[3]!.textContent).to.contain('4 slots');
    // One slot is "1 slot", not "1 slots".
    expect(radios(el)[0]!.textContent).to.contain('1 slot').and.not.contain('1 slots');
    await expectAccessible(el);
  });

  it('chooses on click, emits ocp-template-select and reflects template-id', async () => {
    const el = await picker();
    const select = oneEvent<OcpTemplateSelectEvent>(el, 'ocp-template-select');
    radios(el)[1]!.click();
    expect((await select).detail.template.name).to.equal('Two columns');
    await el.updateComplete;
    expect(checked(el)).to.equal('Two columns');
    expect(el.getAttribute('template-id')).to.equal(el.templateId);
  });

  it('moves with the arrow keys, and follows the template-id attribute', async () => {
    const el = await picker();
    radios(el)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(checked(el)).to.equal('Two columns');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(checked(el)).to.equal('12-col KPI row + charts');
    el.setAttribute('template-id', '00000000-0000-4000-8000-000000000003');
    await el.updateComplete;
    expect(checked(el)).to.equal('2×2 grid');
  });

  it('keeps the choice when ocp-template-select is cancelled; shows loading and error states', async () => {
    const el = await picker();
    el.addEventListener('ocp-template-select', (e) => e.preventDefault());
    radios(el)[2]!.click();
    await el.updateComplete;
    expect(checked(el)).to.equal(undefined);
    const loading = await fixture<OcpTemplatePicker>(
      html`<ocp-template-picker .provider=${demoProvider({ latency: Number.POSITIVE_INFINITY })}></ocp-template-picker>`,
    );
    await loading.updateComplete;
    expect(loading.shadowRoot!.querySelector('[role="status"]')).to.exist;
    const failing = await fixture<OcpTemplatePicker>(
      html`<ocp-template-picker .provider=${demoProvider({ fail: () => 'TIMEOUT' })}></ocp-template-picker>`,
    );
    await waitUntil(() => failing.state === 'error', 'error');
    await failing.updateComplete;
    expect(failing.shadowRoot!.querySelector('[role="alert"] button')!.textContent).to.equal('Retry');
  });
});
