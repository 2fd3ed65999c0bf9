import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './slot.js';

const meta: Meta = {
  title: 'Elements/ocp-slot',
  component: 'ocp-slot',
  args: { 'slot-key': 'kpi-1', mode: 'edit', 'drop-state': '', theme: '' },
  argTypes: {
    mode: { control: 'inline-radio', options: ['view', 'edit'] },
    'drop-state': { control: 'inline-radio', options: ['', 'accept', 'reject'] },
  },
  render: (args) => html`<ocp-slot
    style="height: 180px; max-width: 360px"
    slot-key=${args['slot-key']}
    mode=${args.mode}
    drop-state=${args['drop-state']}
    theme=${args.theme}
    .constraints=${{ allowedChartTypes: ['metric', 'indicator'] }}
  ></ocp-slot>`,
};
export default meta;
type Story = StoryObj;

/** An empty KPI slot in edit mode: a drop target for metrics only. */
export const EmptyDropTarget: Story = {};
export const Accepting: Story = { args: { 'drop-state': 'accept' } };
export const Refusing: Story = {
  play: async ({ canvasElement }) => {
    const slot = canvasElement.querySelector('ocp-slot')!;
    slot.dropState = 'reject';
    slot.showFeedback("Line charts can't go here (allowed: metric, indicator)", 'reject', 600_000);
  },
};
export const WithContent: Story = {
  render: () => html`<ocp-slot style="height: 120px; max-width: 360px" slot-key="kpi-1">
    <ocp-metric label="Peak demand" value="1873.4" value-suffix=" kW"></ocp-metric>
  </ocp-slot>`,
};
