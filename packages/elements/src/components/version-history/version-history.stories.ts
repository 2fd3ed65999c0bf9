import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './version-history.js';
import { chartByTitle, demo, demoProvider } from '../../internal/testing/demo-provider.js';
import { providers } from '../../internal/testing/story-helpers.js';

const chart = chartByTitle('Monthly generation by source');

function edited() {
  const provider = demoProvider();
  provider.updateChart(chart.id, { title: 'Monthly generation (grouped)' });
  provider.updateChart(chart.id, { title: 'Monthly generation by source' });
  return provider;
}

const meta: Meta = {
  title: 'Elements/ocp-version-history',
  component: 'ocp-version-history',
  args: { 'chart-id': chart.id, theme: '' },
  render: (args) =>
    html`<ocp-version-history style="max-width: 560px" chart-id=${args['chart-id']} theme=${args.theme} .provider=${edited()}></ocp-version-history>`,
};
export default meta;
type Story = StoryObj;

export const ChartVersions: Story = {};
/** A dashboard's versions, with "Save version". */
export const DashboardVersions: Story = {
  render: () =>
    html`<ocp-version-history style="max-width: 560px" dashboard-id=${demo.dashboards[0]!.id} .provider=${providers.demo()}></ocp-version-history>`,
};
export const Loading: Story = {
  render: () => html`<ocp-version-history chart-id=${chart.id} .provider=${providers.loading()}></ocp-version-history>`,
};
export const Empty: Story = {
  render: () =>
    html`<ocp-version-history dashboard-id=${demo.dashboards[0]!.id} .provider=${demoProvider()}></ocp-version-history>`,
};
export const ErrorState: Story = {
  name: 'Error',
  render: () => html`<ocp-version-history chart-id=${chart.id} .provider=${providers.error()}></ocp-version-history>`,
};
