import { expect } from '@esm-bundle/chai';
import './chart.js';
import type { OcpErrorEvent } from '../../events/error.js';
import type { PlotlyLike } from '../../internal/plotly-loader.js';
import { cleanup, fixture, html, oneEvent } from '../../internal/testing/fixture.js';
import type { OcpChart } from './chart.js';

// Its own file: the UMD bundle sets window.Plotly, which the default loader of other tests would then pick up.
const basic = async () => {
  await import('plotly.js-basic-dist-min');
  return (window as unknown as { Plotly: PlotlyLike }).Plotly;
};

describe('<ocp-chart> with plotly.js-basic-dist-min', () => {
  afterEach(cleanup);

  it('draws a bar chart', async () => {
    const figure = { data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2] }] };
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" .plotlyLoader=${basic} .figure=${figure}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    expect(el.state).to.equal('ready');
  });

  it('says which trace types need the full bundle instead of drawing a blank chart', async () => {
    const figure = {
      data: [
        { type: 'heatmap', z: [[1, 2]] },
        { type: 'sankey', node: { label: ['a', 'b'] }, link: { source: [0], target: [1], value: [1] } },
        { type: 'bar', x: ['a'], y: [1] },
      ],
    };
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const error = oneEvent<OcpErrorEvent>(container, 'ocp-error');
    const el = document.createElement('ocp-chart');
    el.style.height = '300px';
    el.plotlyLoader = basic;
    el.figure = figure;
    container.append(el);
    expect((await error).detail.operation).to.equal('plotly-bundle');
    await el.updateComplete;
    expect(el.state).to.equal('error');
    // Nothing drawn under the message: not the bar, not the heatmap as empty lines.
    expect(el.shadowRoot!.querySelector('[part="plot"] .main-svg')).to.equal(null);
    const alert = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(alert.textContent).to.contain('heatmap, sankey').and.contain('full Plotly bundle (plotly.js-dist-min)');
    // Retrying cannot help, so there is no Retry button.
    expect(alert.querySelector('button') === null, 'no Retry button').to.equal(true);
  });
});
