/**
 * The sharing-link viewer at /embed/<token>, meant for iframes. Read-only: it talks to the API without any token or
 * cookie (only `sharing.resolve` and `sharing.chartData`), shows what the link grants, and reports its content height
 * to the embedding page — to the link's allowed origins only; messages from any other origin are ignored.
 */
import { createOcpClient, createOcpProvider } from '@ocp/client';
import type { SharedResource } from '@ocp/contract';
import type { EmbedConfig } from '../../server/embed.js';
import { type EmbedMessage, embedTarget, parseEmbedMessage } from './messages.js';
// Defines the <ocp-*> elements this page creates.
import '../elements.js';

const viewer = document.getElementById('viewer')!;
const config = JSON.parse(document.getElementById('ocp-embed-config')?.textContent ?? 'null') as EmbedConfig | null;

function gone(): void {
  viewer.removeAttribute('aria-busy');
  viewer.dataset.ocpEmbed = 'gone';
  viewer.replaceChildren();
  const h1 = document.createElement('h1');
  h1.textContent = 'This link is no longer available';
  const p = document.createElement('p');
  p.textContent = 'It has expired or been revoked by its owner. Ask the person who shared it for a new link.';
  viewer.append(h1, p);
  viewer.classList.add('gone');
}

if (!config) gone();
else {
  const { token, resource } = config;
  // No getToken: the viewer never sends credentials, even when the same browser is signed in to the app.
  const base = createOcpProvider(createOcpClient({ url: '/trpc' }), { live: false });
  let preloaded: SharedResource | undefined = resource;
  const provider = {
    ...base,
    // The server resolved the link to render this page; the first render uses that answer.
    resolveShare: async (t: string) => {
      const first = preloaded;
      preloaded = undefined;
      return first && t === token ? first : base.resolveShare(t);
    },
  };

  const target = embedTarget(config.allowedOrigins, window);
  const post = (message: EmbedMessage) => {
    if (target) window.parent.postMessage(message, target);
  };

  let element: HTMLElement;
  if (resource.resourceType === 'dashboard') {
    const board = document.createElement('ocp-dashboard');
    board.provider = provider;
    board.shareToken = token;
    board.mode = 'view';
    // Without `interact`, charts are pictures (no hover, zoom or mode bar); the reader still switches tabs.
    board.staticPlots = !resource.permissions.interact;
    // The reader's range and filters in the frame's URL (the link's locks still hold: the server enforces them).
    board.urlState = true;
    element = board;
    document.title = `${resource.dashboard.title} · shared dashboard`;
  } else if (resource.resourceType === 'chart') {
    const chart = document.createElement('ocp-chart');
    chart.provider = provider;
    chart.shareToken = token;
    chart.chartId = resource.chart.id;
    chart.chart = resource.chart;
    chart.heading = resource.chart.title;
    chart.description = resource.chart.description ?? undefined;
    chart.staticPlot = !resource.permissions.interact;
    element = chart;
    document.title = `${resource.chart.title} · shared chart`;
  } else {
    const grid = document.createElement('ocp-template-grid');
    grid.layout = resource.template.layoutConfig;
    grid.slots = resource.template.slots;
    element = grid;
    document.title = `${resource.template.name} · shared template`;
  }
  element.addEventListener('ocp-error', (e) => {
    if ((e as CustomEvent<{ error: { code?: string } }>).detail.error.code === 'NOT_FOUND') gone();
  });
  viewer.append(element);
  viewer.removeAttribute('aria-busy');

  // Height reports: on every size change of the content, and on request from the embedding page. The content's own
  // height, not the document's: a document is never shorter than its frame, so a frame sized from
  // documentElement.scrollHeight could grow but never shrink (a shorter tab, a wider frame).
  let last = -1;
  const report = () => {
    const height = Math.ceil(viewer.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      post({ type: 'ocp:embed-height', height });
    }
  };
  new ResizeObserver(report).observe(viewer);
  window.addEventListener('message', (event) => {
    // Only the embedding page, and only when it is on an allowed origin.
    if (event.source !== window.parent || event.origin !== target) return;
    const message = parseEmbedMessage(event.data);
    if (message?.type === 'ocp:request-height') {
      last = -1;
      report();
    } else if (message?.type === 'ocp:set-theme') {
      element.setAttribute('theme', message.theme);
      document.documentElement.style.colorScheme = message.theme;
    }
  });
  post({ type: 'ocp:embed-ready' });
}
