import { expect } from '@esm-bundle/chai';
import './filter-bar.js';
import type { OcpFiltersChangeEvent } from '../../events/filters-change.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import { IDS, interactiveProvider } from '../../internal/testing/interactive-data.js';
import type { OcpFilterBar } from './filter-bar.js';

describe('<ocp-filter-bar>', () => {
  afterEach(cleanup);

  it('offers the values of the charts that have the column, and reports the selection', async () => {
    const provider = interactiveProvider();
    const el = await fixture<OcpFilterBar>(html`<ocp-filter-bar
      .definitions=${[{ column: 'site', label: 'Site' }, { column: 'nothing' }]}
      .chartIds=${[IDS.load, IDS.bars]}
      .provider=${provider}
    ></ocp-filter-bar>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('input[type="checkbox"]').length === 3, 'the site values');
    const labels = [...el.shadowRoot!.querySelectorAll('[part="options"]')[0]!.querySelectorAll('label')].map(
      (l) => l.textContent,
    );
    expect(labels.sort()).to.deep.equal(['East', 'North', 'South']);
    expect(el.shadowRoot!.querySelectorAll('[part="options"]')[1]!.textContent).to.contain('No values.');
    expect(provider.calls.filter((c) => c.method === 'filterValues')).to.have.length(4, 'each column of each chart');
    el.shadowRoot!.querySelector('details')!.open = true;
    await expectAccessible(el);
    const changed = oneEvent<OcpFiltersChangeEvent>(el, 'ocp-filters-change');
    const north = [...el.shadowRoot!.querySelectorAll('label')]
      .find((l) => l.textContent === 'North')!
      .querySelector('input')!;
    north.click();
    expect((await changed).detail.filters).to.deep.equal([{ column: 'site', values: ['North'] }]);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.getAttribute('aria-label')).to.equal('Site: North');
  });

  it('a locked filter offers only the values the link allows', async () => {
    const el = await fixture<OcpFilterBar>(html`<ocp-filter-bar
      .definitions=${[{ column: 'site', label: 'Site' }]}
      .locked=${[{ column: 'site', values: ['South'] }]}
      .chartIds=${[IDS.bars]}
      .provider=${interactiveProvider()}
    ></ocp-filter-bar>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('input[type="checkbox"]').length === 1, 'the allowed value');
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('South');
  });
});
