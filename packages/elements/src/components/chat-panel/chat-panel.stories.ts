import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './chat-panel.js';
import { providers } from '../../internal/testing/story-helpers.js';

const meta: Meta = {
  title: 'Elements/ocp-chat-panel',
  component: 'ocp-chat-panel',
  args: { theme: '' },
  render: (args) =>
    html`<ocp-chat-panel style="max-width: 520px" theme=${args.theme} .provider=${providers.demo()}></ocp-chat-panel>`,
};
export default meta;
type Story = StoryObj;

/** Empty chat: try "bar chart of monthly generation". */
export const Empty: Story = {};

/** A streamed reply that created a chart. */
export const Conversation: Story = {
  play: async ({ canvasElement }) => {
    const panel = canvasElement.querySelector('ocp-chat-panel')!;
    await new Promise((r) => setTimeout(r, 300));
    await panel.send('line chart of site load');
  },
};
/** On a dashboard: the headline request proposes a chart and its slot; Preview, Apply, Undo. */
export const ProposedChanges: Story = {
  render: (args) => {
    const provider = providers.demo();
    const board = provider.data.dashboards.find((d) => d.title === 'Energy overview')!;
    return html`<ocp-chat-panel style="max-width: 520px; --height: 640px" theme=${args.theme} context-id=${board.id}
      .provider=${provider}></ocp-chat-panel>`;
  },
  play: async ({ canvasElement }) => {
    const panel = canvasElement.querySelector('ocp-chat-panel')!;
    await new Promise((r) => setTimeout(r, 300));
    await panel.send('Add a bar chart of monthly generation to this dashboard');
  },
};

export const Loading: Story = {
  render: () => html`<ocp-chat-panel style="max-width: 520px" .provider=${providers.loading()}></ocp-chat-panel>`,
};
export const ErrorState: Story = {
  name: 'Error',
  render: () => html`<ocp-chat-panel style="max-width: 520px" .provider=${providers.error()}></ocp-chat-panel>`,
};
