import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../index.js';
import { demo } from '../../internal/testing/demo-provider.js';
import { IDS, interactiveProvider } from '../../internal/testing/interactive-data.js';
import { providers } from '../../internal/testing/story-helpers.js';

const meta: Meta = {
  title: 'Elements/ocp-dashboard',
  component: 'ocp-dashboard',
  parameters: { layout: 'fullscreen' },
  args: { 'dashboard-id': demo.dashboards[0]!.id, mode: 'view', theme: '', 'hide-header': false },
  argTypes: {
    mode: { control: 'inline-radio', options: ['view', 'edit'] },
    'dashboard-id': { control: 'select', options: demo.dashboards.map((d) => d.id) },
  },
  render: (args) => html`<ocp-dashboard
    dashboard-id=${args['dashboard-id']}
    mode=${args.mode}
    theme=${args.theme}
    ?hide-header=${args['hide-header']}
    .provider=${providers.demo()}
  ></ocp-dashboard>`,
};
export default meta;
type Story = StoryObj;

/** The demo "Energy overview" dashboard on the in-memory provider. */
export const EnergyOverview: Story = {};

/** "Site operations": KPI tiles and charts. */
export const SiteOperations: Story = { args: { 'dashboard-id': demo.dashboards[1]!.id } };

/**
 * The full editor: the workspace beside a dashboard in edit mode, sharing one provider. Drag a chart onto a slot,
 * or press "Place" and use the arrow keys and Enter. KPI slots refuse anything but metrics.
 */
export const Editor: Story = {
  render: () => {
    const provider = providers.demo();
    return html`<div style="display:grid;grid-template-columns:320px 1fr;gap:12px;padding:12px;align-items:start">
      <div style="display:grid;gap:12px">
        <ocp-workspace .provider=${provider} style="min-height: 360px"></ocp-workspace>
        <ocp-chat-panel .provider=${provider} style="--height: 380px"></ocp-chat-panel>
      </div>
      <ocp-dashboard dashboard-id=${demo.dashboards[1]!.id} mode="edit" .provider=${provider}></ocp-dashboard>
    </div>`;
  },
};

export const Loading: Story = {
  render: () =>
    html`<ocp-dashboard dashboard-id=${demo.dashboards[0]!.id} .provider=${providers.loading()}></ocp-dashboard>`,
};

export const Empty: Story = {
  render: () => html`<ocp-dashboard .provider=${providers.demo()}></ocp-dashboard>`,
};

export const ErrorState: Story = {
  name: 'Error',
  render: () =>
    html`<ocp-dashboard dashboard-id="00000000-0000-4000-8000-00000000dead" .provider=${providers.demo()}></ocp-dashboard>`,
};

/**
 * Interactivity: a time range (presets, custom, relative), a Site filter, cross-filtering (click a bar or a slice;
 * the chip clears it), drill-down from the pie (breadcrumbs lead back), zoom to detail on the time series
 * (zoom in: finer data arrives), and exports (each chart's ⋯ menu; PNG/PDF of the tab).
 */
export const Interactive: Story = {
  render: (args) => html`<ocp-dashboard
    dashboard-id=${IDS.dashboard}
    timezone="UTC"
    theme=${args.theme}
    .provider=${interactiveProvider({}, { pie: { drill: { chartId: IDS.load } } })}
  ></ocp-dashboard>`,
};

/** Cross-filter active: South picked in the bars; the other charts show South only. */
export const CrossFiltered: Story = {
  render: () => html`<ocp-dashboard
    dashboard-id=${IDS.dashboard}
    .crossFilter=${{ chartId: IDS.bars, column: 'site', value: 'South' }}
    .provider=${interactiveProvider()}
  ></ocp-dashboard>`,
};
