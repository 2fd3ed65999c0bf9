import { expect } from '@esm-bundle/chai';
import './chart.js';
import { cleanup, fixture, html, waitUntil } from '../../internal/testing/fixture.js';
import type { OcpChart, OcpFigure } from './chart.js';

// Every figure of plotly.js's own test suite in shared/plotly-mocks must draw without an error.
describe('<ocp-chart> with the 60 plotly.js mocks', () => {
  const uncaught: string[] = [];
  const onError = (e: ErrorEvent) => uncaught.push(e.message);
  const onRejection = (e: PromiseRejectionEvent) => uncaught.push(String(e.reason));
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });
  afterEach(cleanup);

  it('finds all 60 mocks', async () => {
    const names = (await (await fetch('/plotly-mocks/index.json')).json()) as string[];
    expect(names).to.have.length(60);
  });

  it('renders every mock', async function () {
    this.timeout(240_000);
    const names = (await (await fetch('/plotly-mocks/index.json')).json()) as string[];
    const failures: string[] = [];
    for (const name of names) {
      const figure = (await (await fetch(`/plotly-mocks/${name}`)).json()) as OcpFigure;
      uncaught.length = 0;
      const el = await fixture<OcpChart>(html`<ocp-chart eager style="height:400px" .figure=${figure}></ocp-chart>`);
      await waitUntil(() => el.state === 'ready' || el.state === 'error' || el.state === 'empty', name, 20_000);
      const svg = el.shadowRoot!.querySelector('.main-svg');
      if (el.state !== 'ready' || !svg || uncaught.length > 0)
        failures.push(`${name}: state=${el.state} svg=${Boolean(svg)} ${uncaught.join('; ')}`);
      cleanup();
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});
