import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../index.js';
import { IDS, interactiveData, interactiveProvider } from '../../internal/testing/interactive-data.js';

const bars = interactiveData().charts.find((c) => c.id === IDS.bars)!;
const meta: Meta = {
  title: 'Elements/ocp-chart-menu',
  component: 'ocp-chart-menu',
  args: { 'allow-export': true, 'cross-filter': true, theme: '' },
  render: (args) => html`<div style="height:360px;width:520px;padding:12px">
    <ocp-chart chart-id=${IDS.bars} heading="Load by site" .chart=${bars} .provider=${interactiveProvider()} theme=${args.theme}>
      <ocp-chart-menu slot="actions" ?allow-export=${args['allow-export']} ?cross-filter=${args['cross-filter']}></ocp-chart-menu>
    </ocp-chart>
  </div>`,
};
export default meta;
type Story = StoryObj;

/** Downloads (PNG, SVG, CSV) and "Filter others by site…" (the keyboard equivalent of clicking a bar). */
export const Default: Story = {};
/** A sharing link without allowExport: no downloads. */
export const NoExport: Story = { args: { 'allow-export': false } };
