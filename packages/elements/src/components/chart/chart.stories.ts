import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './chart.js';
import { chartByTitle } from '../../internal/testing/demo-provider.js';
import { providers } from '../../internal/testing/story-helpers.js';

const energy = chartByTitle('Energy balance, week 44');

const meta: Meta = {
  title: 'Elements/ocp-chart',
  component: 'ocp-chart',
  args: { 'chart-id': energy.id, eager: false, 'root-margin': '200px', theme: '' },
  render: (args) => html`<ocp-chart
    style="height: 420px"
    chart-id=${args['chart-id']}
    ?eager=${args.eager}
    root-margin=${args['root-margin']}
    theme=${args.theme}
    .chart=${chartByTitle(energy.title)}
    .provider=${providers.demo()}
  ></ocp-chart>`,
};
export default meta;
type Story = StoryObj;

/** The demo energy balance: stacked generation, demand, forecast band and anomalies, from the in-memory provider. */
export const EnergyBalance: Story = {};

/** A figure given directly (no provider). */
export const Figure: Story = {
  render: () => html`<ocp-chart
    style="height: 360px"
    .figure=${{
      data: [
        { type: 'bar', name: 'Solar', x: ['Q1', 'Q2', 'Q3', 'Q4'], y: [120, 260, 300, 140] },
        { type: 'bar', name: 'Wind', x: ['Q1', 'Q2', 'Q3', 'Q4'], y: [310, 200, 180, 330] },
      ],
      layout: { barmode: 'stack', title: { text: 'Generation by quarter (MWh)' } },
    }}
  ></ocp-chart>`,
};

export const Loading: Story = {
  render: () =>
    html`<ocp-chart style="height: 360px" chart-id=${energy.id} .chart=${energy} .provider=${providers.loading()}></ocp-chart>`,
};

export const Empty: Story = {
  render: () =>
    html`<ocp-chart style="height: 360px" .figure=${{ data: [{ type: 'scatter', x: [], y: [] }] }}></ocp-chart>`,
};

export const ErrorState: Story = {
  name: 'Error',
  render: () =>
    html`<ocp-chart style="height: 360px" chart-id=${energy.id} .chart=${energy} .provider=${providers.error()}></ocp-chart>`,
};
