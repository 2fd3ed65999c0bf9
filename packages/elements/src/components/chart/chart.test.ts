import { expect } from '@esm-bundle/chai';
import './chart.js';
import { cleanup, fixture, html, oneEvent } from '../../internal/testing/fixture.js';
import type { OcpChart } from './chart.js';

describe('<ocp-chart>', () => {
  afterEach(cleanup);

  it('draws a figure', async () => {
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" .figure=${{ data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2] }] }}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    expect(el.state).to.equal('ready');
    expect(el.shadowRoot!.querySelectorAll('.main-svg').length).to.be.greaterThan(0);
  });
});
