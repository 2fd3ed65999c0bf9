import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './workspace.js';
import { providers } from '../../internal/testing/story-helpers.js';

const meta: Meta = {
  title: 'Elements/ocp-workspace',
  component: 'ocp-workspace',
  args: { query: '', folder: '', 'favorites-only': false, theme: '' },
  render: (args) => html`<ocp-workspace
    style="max-width: 720px"
    query=${args.query}
    folder=${args.folder}
    ?favorites-only=${args['favorites-only']}
    theme=${args.theme}
    .provider=${providers.demo()}
  ></ocp-workspace>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = {};
export const Search: Story = { args: { query: 'demand' } };
export const Favorites: Story = { args: { 'favorites-only': true } };
export const Loading: Story = { render: () => html`<ocp-workspace .provider=${providers.loading()}></ocp-workspace>` };
export const Empty: Story = { args: { query: 'nothing matches this' } };
export const ErrorState: Story = {
  name: 'Error',
  render: () => html`<ocp-workspace .provider=${providers.error()}></ocp-workspace>`,
};
