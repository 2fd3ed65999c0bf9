import { expect } from '@esm-bundle/chai';
import './chart.js';
import { loadPlotly, type PlotlyLike, type PlotlyLoader } from '../../internal/plotly-loader.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import type { OcpChart } from './chart.js';

const bars = { data: [{ type: 'bar', x: ['a', 'b', 'c'], y: [1, 3, 2] }] };
const plot = (el: OcpChart) => el.shadowRoot!.querySelector<HTMLElement>('[part="plot"]')!;
const sheets = (el: OcpChart) => el.shadowRoot!.adoptedStyleSheets.length;

// What a drawing makes the browser do beyond Plotly's own work: each of these restyled a whole drawing once more.
describe('<ocp-chart> drawing cost', () => {
  afterEach(cleanup);

  it("Plotly's rules are in the shadow root before newPlot makes its elements, none adopted after", async () => {
    const real = await loadPlotly();
    let atNewPlot = -1;
    let el: OcpChart | undefined;
    const loader: PlotlyLoader = () =>
      Promise.resolve<PlotlyLike>({
        ...real,
        newPlot: (...a) => {
          atNewPlot = el ? sheets(el) : -1;
          return real.newPlot(...a);
        },
      });
    el = await fixture<OcpChart>(html`<ocp-chart style="height:300px" .plotlyLoader=${loader}></ocp-chart>`);
    const before = sheets(el);
    const drawn = oneEvent(el, 'ocp-chart-render');
    el.figure = bars;
    await drawn;
    expect(atNewPlot).to.equal(before + 1);
    expect(sheets(el)).to.equal(atNewPlot);
    expect(el.shadowRoot!.adoptedStyleSheets.at(-1)!.cssRules.length).to.be.greaterThan(0);
  });

  it('the plot is not hidden while the first drawing loads (un-hiding it restyles the drawing); hidden when empty', async () => {
    const never: PlotlyLoader = () => new Promise(() => {});
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" eager .plotlyLoader=${never} .figure=${bars}></ocp-chart>`,
    );
    await waitUntil(() => el.state === 'loading', 'loading');
    expect(getComputedStyle(plot(el)).visibility).to.equal('visible');
    const empty = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" eager .figure=${{ data: [] }}></ocp-chart>`,
    );
    await waitUntil(() => empty.state === 'empty', 'empty');
    expect(getComputedStyle(plot(empty)).visibility).to.equal('hidden');
  });
});
