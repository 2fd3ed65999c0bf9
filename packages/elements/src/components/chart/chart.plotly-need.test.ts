import { expect } from '@esm-bundle/chai';
import './chart.js';
import { type PlotlyBundle, type PlotlyLoader, plotlyByNeed } from '../../internal/plotly-loader.js';
import { cleanup, fixture, html, oneEvent } from '../../internal/testing/fixture.js';
import type { OcpChart } from './chart.js';

// Its own file: the page must have no window.Plotly of its own when the default loader first runs.
describe('<ocp-chart> loads the Plotly bundle its traces need', () => {
  afterEach(cleanup);
  const asked: PlotlyBundle[] = [];
  const spy: PlotlyLoader = (bundle) => {
    asked.push(bundle);
    return plotlyByNeed(bundle);
  };
  const drawnTypes = (el: OcpChart) =>
    ((el.plotElement as unknown as { _fullData?: { type: string }[] })._fullData ?? []).map((t) => t.type);

  it('basic for scatter and bar, full for a heatmap; a chart switching types switches bundles', async () => {
    const lines = {
      data: [
        { x: [1, 2], y: [3, 4] },
        { type: 'bar', x: ['a'], y: [1] },
      ],
    };
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" eager .plotlyLoader=${spy} .figure=${lines}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    expect(asked).to.deep.equal(['basic']);
    expect(drawnTypes(el)).to.deep.equal(['scatter', 'bar']);

    el.figure = { data: [{ type: 'heatmap', z: [[1, 2]] }] };
    await oneEvent(el, 'ocp-chart-render');
    expect(asked).to.deep.equal(['basic', 'full']);
    expect(el.state).to.equal('ready');
    expect(drawnTypes(el)).to.deep.equal(['heatmap']);
  });
});
