import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './metric.js';
import { chartByTitle } from '../../internal/testing/demo-provider.js';
import { providers } from '../../internal/testing/story-helpers.js';

const peak = chartByTitle('Peak demand');

const meta: Meta = {
  title: 'Elements/ocp-metric',
  component: 'ocp-metric',
  args: {
    label: 'Peak demand',
    value: '1873.4',
    'value-prefix': '',
    'value-suffix': ' kW',
    'fraction-digits': 1,
    theme: '',
  },
  render: (args) => html`<ocp-metric
    style="height: 120px; max-width: 280px; border: 1px solid #8884; border-radius: 8px"
    label=${args.label}
    value=${args.value}
    value-prefix=${args['value-prefix']}
    value-suffix=${args['value-suffix']}
    fraction-digits=${args['fraction-digits']}
    theme=${args.theme}
  ></ocp-metric>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
/** The value of a demo chart, loaded through the provider. */
export const FromChart: Story = {
  render: () =>
    html`<ocp-metric style="height: 120px; max-width: 280px" chart-id=${peak.id} .chart=${peak} .provider=${providers.demo()}></ocp-metric>`,
};
export const Loading: Story = {
  render: () =>
    html`<ocp-metric style="height: 120px; max-width: 280px" chart-id=${peak.id} .provider=${providers.loading()}></ocp-metric>`,
};
export const Empty: Story = { render: () => html`<ocp-metric label="No readings" .value=${null}></ocp-metric>` };
export const ErrorState: Story = {
  name: 'Error',
  render: () =>
    html`<ocp-metric style="height: 120px; max-width: 280px" chart-id=${peak.id} .provider=${providers.forbidden()}></ocp-metric>`,
};
