import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './tabs.js';

const tabs = [
  { id: 'overview', title: 'Overview' },
  { id: 'patterns', title: 'Patterns' },
  { id: 'detail', title: 'Detail' },
];

const meta: Meta = {
  title: 'Elements/ocp-tabs',
  component: 'ocp-tabs',
  args: { selected: 'overview', label: 'Dashboard tabs', theme: '' },
  argTypes: { selected: { control: 'select', options: tabs.map((t) => t.id) } },
  render: (args) => html`<ocp-tabs .tabs=${tabs} selected=${args.selected} label=${args.label} theme=${args.theme}>
    <p>The selected tab's content goes here.</p>
  </ocp-tabs>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
/** No tabs: an empty tab list. */
export const Empty: Story = { render: () => html`<ocp-tabs .tabs=${[]}></ocp-tabs>` };
