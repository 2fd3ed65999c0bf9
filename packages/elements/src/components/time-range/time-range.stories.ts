import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './time-range.js';

const meta: Meta = {
  title: 'Elements/ocp-time-range',
  component: 'ocp-time-range',
  args: { from: 'now-7d', to: 'now', timezone: 'Europe/Paris', locked: false, theme: '' },
  render: (args) => html`<div style="padding:12px 12px 360px">
    <ocp-time-range
      .value=${args.from || args.to ? { from: args.from || undefined, to: args.to || undefined } : undefined}
      timezone=${args.timezone}
      ?locked=${args.locked}
      theme=${args.theme}
      @ocp-time-range-change=${(e: CustomEvent) => console.log('ocp-time-range-change', e.detail)}
    ></ocp-time-range>
  </div>`,
};
export default meta;
type Story = StoryObj;

/** A preset: the last 7 days. Open it for the other presets and a custom range. */
export const Preset: Story = {};
/** An absolute range, shown in the viewer's time zone on hover. */
export const Absolute: Story = { args: { from: '2026-10-26T00:00:00Z', to: '2026-11-02T00:00:00Z' } };
/** No range: all time. */
export const AllTime: Story = { args: { from: '', to: '' } };
/** A sharing link locked the range: the viewer sees it but cannot change it. */
export const Locked: Story = { args: { locked: true } };
