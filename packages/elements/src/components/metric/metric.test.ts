import { expect } from '@esm-bundle/chai';
import './metric.js';
import type { OcpErrorEvent } from '../../events/error.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { chartByTitle, demoProvider } from '../../internal/testing/demo-provider.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import type { OcpMetric } from './metric.js';

const value = (el: OcpMetric) => el.shadowRoot!.querySelector('[part="value"]')?.textContent?.trim();

describe('<ocp-metric>', () => {
  afterEach(cleanup);

  it('shows a formatted value with its label, prefix and suffix', async () => {
    const el = await fixture<OcpMetric>(
      html`<ocp-metric label="Peak demand" value="1234.56" value-suffix=" kW" value-prefix="≈"></ocp-metric>`,
    );
    expect(value(el)).to.equal(`≈${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(1234.6)} kW`);
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Peak demand');
    expect(el.state).to.equal('ready');
    await expectAccessible(el);
    el.setAttribute('value', '7');
    el.setAttribute('fraction-digits', '0');
    await el.updateComplete;
    expect(value(el)).to.equal('≈7 kW');
  });

  it('loads the last value of a chart through the provider, with the chart suffix', async () => {
    const chart = chartByTitle('Peak demand');
    const el = await fixture<OcpMetric>(
      html`<ocp-metric chart-id=${chart.id} .chart=${chart} .provider=${demoProvider()}></ocp-metric>`,
    );
    await waitUntil(() => el.state === 'ready', 'value');
    await el.updateComplete;
    const v = (chart.dataSourceConfig as unknown as { columns: { value: number[] } }).columns.value[0]!;
    expect(value(el)).to.equal(`${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(v)} kW`);
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Peak demand');
  });

  it('shows loading, empty and error states', async () => {
    const chart = chartByTitle('Peak demand');
    const loading = await fixture<OcpMetric>(
      html`<ocp-metric chart-id=${chart.id} .provider=${demoProvider({ latency: Number.POSITIVE_INFINITY })}></ocp-metric>`,
    );
    await loading.updateComplete;
    expect(loading.state).to.equal('loading');
    expect(loading.shadowRoot!.querySelector('[role="status"]')).to.exist;

    const empty = await fixture<OcpMetric>(html`<ocp-metric label="Nothing" .value=${null}></ocp-metric>`);
    expect(empty.state).to.equal('empty');
    expect(value(empty)).to.equal('—');

    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const error = oneEvent<OcpErrorEvent>(container, 'ocp-error');
    const failing = document.createElement('ocp-metric');
    failing.provider = demoProvider({ fail: () => 'FORBIDDEN' });
    failing.chartId = chart.id;
    container.append(failing);
    expect((await error).detail.error.code).to.equal('FORBIDDEN');
    await failing.updateComplete;
    expect(failing.state).to.equal('error');
    expect(failing.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('permission');
  });
});
