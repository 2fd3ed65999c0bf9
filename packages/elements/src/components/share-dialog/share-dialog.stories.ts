import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './share-dialog.js';
import { demo } from '../../internal/testing/demo-provider.js';
import { providers } from '../../internal/testing/story-helpers.js';

const meta: Meta = {
  title: 'Elements/ocp-share-dialog',
  component: 'ocp-share-dialog',
  parameters: { docs: { story: { inline: false, iframeHeight: 520 } } },
  args: { open: true, 'resource-type': 'dashboard', 'resource-id': demo.dashboards[0]!.id, theme: '' },
  argTypes: { 'resource-type': { control: 'inline-radio', options: ['dashboard', 'chart', 'template'] } },
  render: (args) => html`<ocp-share-dialog
    ?open=${args.open}
    resource-type=${args['resource-type']}
    resource-id=${args['resource-id']}
    theme=${args.theme}
    .provider=${providers.demo()}
  ></ocp-share-dialog>`,
};
export default meta;
type Story = StoryObj;

/** Open, with no links yet. */
export const Empty: Story = {};
/** With a link created. */
export const WithLinks: Story = {
  play: async ({ canvasElement }) => {
    const dialog = canvasElement.querySelector('ocp-share-dialog')!;
    await new Promise((r) => setTimeout(r, 400));
    dialog.shadowRoot!.querySelector('form')!.requestSubmit();
  },
};
export const Loading: Story = {
  render: () =>
    html`<ocp-share-dialog open resource-id=${demo.dashboards[0]!.id} .provider=${providers.loading()}></ocp-share-dialog>`,
};
export const ErrorState: Story = {
  name: 'Error',
  render: () =>
    html`<ocp-share-dialog open resource-id=${demo.dashboards[0]!.id} .provider=${providers.forbidden()}></ocp-share-dialog>`,
};
