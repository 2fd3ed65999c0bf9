import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './template-picker.js';
import { demo } from '../../internal/testing/demo-provider.js';
import { providers } from '../../internal/testing/story-helpers.js';

const meta: Meta = {
  title: 'Elements/ocp-template-picker',
  component: 'ocp-template-picker',
  args: { 'template-id': demo.templates[3]!.id, label: 'Dashboard templates', theme: '' },
  argTypes: { 'template-id': { control: 'select', options: demo.templates.map((t) => t.id) } },
  render: (args) => html`<ocp-template-picker
    template-id=${args['template-id']}
    label=${args.label}
    theme=${args.theme}
    .provider=${providers.demo()}
  ></ocp-template-picker>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
export const Loading: Story = {
  render: () => html`<ocp-template-picker .provider=${providers.loading()}></ocp-template-picker>`,
};
export const Empty: Story = {
  render: () => {
    const provider = providers.demo();
    provider.data.templates.length = 0;
    return html`<ocp-template-picker .provider=${provider}></ocp-template-picker>`;
  },
};
export const ErrorState: Story = {
  name: 'Error',
  render: () => html`<ocp-template-picker .provider=${providers.error()}></ocp-template-picker>`,
};
