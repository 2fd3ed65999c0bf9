import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './filter-bar.js';
import { IDS, interactiveProvider } from '../../internal/testing/interactive-data.js';

const chartIds = [IDS.load, IDS.bars, IDS.pie];
const meta: Meta = {
  title: 'Elements/ocp-filter-bar',
  component: 'ocp-filter-bar',
  args: { theme: '' },
  render: (args) => html`<div style="padding:12px 12px 320px">
    <ocp-filter-bar
      theme=${args.theme}
      .definitions=${[{ column: 'site', label: 'Site' }]}
      .chartIds=${chartIds}
      .provider=${interactiveProvider({}, {}, { latency: 150 })}
      @ocp-filters-change=${(e: CustomEvent) => console.log('ocp-filters-change', e.detail)}
    ></ocp-filter-bar>
  </div>`,
};
export default meta;
type Story = StoryObj;

/** Options come from the charts' data (provider.filterValues); open the filter to pick sites. */
export const Default: Story = {};
/** A value already chosen. */
export const Selected: Story = {
  render: () => html`<div style="padding:12px 12px 320px"><ocp-filter-bar
    .definitions=${[{ column: 'site', label: 'Site' }]}
    .value=${[{ column: 'site', values: ['North'] }]}
    .chartIds=${chartIds}
    .provider=${interactiveProvider()}
  ></ocp-filter-bar></div>`,
};
/** A sharing link locks the site to North and South: only those are offered. */
export const Locked: Story = {
  render: () => html`<div style="padding:12px 12px 320px"><ocp-filter-bar
    .definitions=${[{ column: 'site', label: 'Site' }]}
    .locked=${[{ column: 'site', values: ['North', 'South'] }]}
    .chartIds=${chartIds}
    .provider=${interactiveProvider()}
  ></ocp-filter-bar></div>`,
};
/** Options still loading. */
export const Loading: Story = {
  render: () => html`<div style="padding:12px 12px 320px"><ocp-filter-bar
    .definitions=${[{ column: 'site', label: 'Site' }]}
    .chartIds=${chartIds}
    .provider=${interactiveProvider({}, {}, { latency: Number.POSITIVE_INFINITY })}
  ></ocp-filter-bar></div>`,
};
