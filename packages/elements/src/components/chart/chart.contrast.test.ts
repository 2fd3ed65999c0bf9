import { expect } from '@esm-bundle/chai';
import './chart.js';
import { withThemeContrast } from '../../internal/plotly-contrast.js';
import { cleanup, fixture, html, waitUntil } from '../../internal/testing/fixture.js';
import type { OcpChart } from './chart.js';

/** The energy chart's anomaly trace as the demo stores it: near-black "x" markers. */
const figure = {
  data: [
    { type: 'scatter', mode: 'lines', name: 'Demand', x: [1, 2, 3, 4], y: [5, 7, 6, 8], line: { color: '#3a7bd5' } },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'Anomaly',
      x: [2],
      y: [7],
      marker: { size: 9, symbol: 'x', color: '#111' },
    },
  ],
  layout: {},
};

const fills = (el: OcpChart) =>
  [...el.shadowRoot!.querySelectorAll<SVGPathElement>('.scatterlayer .trace:nth-child(2) .point')].map(
    (p) => getComputedStyle(p).fill,
  );

describe('<ocp-chart> theme contrast', () => {
  afterEach(cleanup);

  it('anomaly markers stay visible in dark mode (drawn in the text colour), and keep their colour in light mode', async () => {
    const dark = await fixture<OcpChart>(
      html`<ocp-chart theme="dark" style="height:300px" .figure=${figure}></ocp-chart>`,
    );
    await waitUntil(() => dark.state === 'ready', `the dark chart (${dark.state})`);
    const text = getComputedStyle(dark).color;
    expect(fills(dark)).to.deep.equal([text]);
    expect(text).to.not.equal('rgb(17, 17, 17)');
    const light = await fixture<OcpChart>(
      html`<ocp-chart theme="light" style="height:300px" .figure=${figure}></ocp-chart>`,
    );
    await waitUntil(() => light.state === 'ready', 'the light chart');
    expect(fills(light)).to.deep.equal(['rgb(17, 17, 17)']);
    // Colours that are visible on both stay as they are.
    expect(withThemeContrast(figure.data, 'rgb(230, 237, 243)')[0]).to.deep.equal(figure.data[0]);
  });
});
