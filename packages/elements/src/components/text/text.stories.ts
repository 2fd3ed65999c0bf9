import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './text.js';

const meta: Meta = {
  title: 'Elements/ocp-text',
  component: 'ocp-text',
  args: {
    heading: 'How to read the energy balance',
    text: 'Stacked areas are generation by source; the red line is demand.\n\nThe shaded band is the baseline forecast; crosses mark anomalies.',
    state: 'ready',
    theme: '',
  },
  argTypes: { state: { control: 'inline-radio', options: ['ready', 'loading', 'error'] } },
  render: (args) =>
    html`<ocp-text style="max-width: 480px" heading=${args.heading} text=${args.text} state=${args.state} theme=${args.theme}></ocp-text>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { text: '', heading: '' } };
export const ErrorState: Story = {
  name: 'Error',
  args: { state: 'error' },
};
