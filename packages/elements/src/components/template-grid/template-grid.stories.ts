import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './template-grid.js';
import '../text/text.js';
import { demo } from '../../internal/testing/demo-provider.js';

const byName = Object.fromEntries(demo.templates.map((t) => [t.name, t]));

const meta: Meta = {
  title: 'Elements/ocp-template-grid',
  component: 'ocp-template-grid',
  args: { template: 'Hero + 3', mode: 'view', width: 1000, theme: '' },
  argTypes: {
    template: { control: 'select', options: Object.keys(byName) },
    mode: { control: 'inline-radio', options: ['view', 'edit'] },
    width: {
      control: { type: 'range', min: 320, max: 1400, step: 10 },
      description: 'Container width (the grid follows its own width)',
    },
  },
  render: (args) => {
    const t = byName[args.template]!;
    return html`<div style=${`width:${args.width}px`}>
      <ocp-template-grid .layout=${t.layoutConfig} .slots=${t.slots} mode=${args.mode} theme=${args.theme}>
        ${t.slots.map((s) => html`<ocp-text slot=${s.slotKey} heading=${s.slotKey} text=${JSON.stringify(s.positionConfig)}></ocp-text>`)}
      </ocp-template-grid>
    </div>`;
  },
};
export default meta;
type Story = StoryObj;

export const HeroPlusThree: Story = {};
/** Below 640px the same template stacks in one column; 640–1024px uses six columns. */
export const Narrow: Story = { args: { width: 560 } };
export const KpiRow: Story = { args: { template: '12-col KPI row + charts' } };
/** Edit mode with no content: every slot is an empty drop target. */
export const Empty: Story = {
  render: () => {
    const t = byName['2×2 grid']!;
    return html`<ocp-template-grid .layout=${t.layoutConfig} .slots=${t.slots} mode="edit"></ocp-template-grid>`;
  },
};
