import type { ChartDetail, DataSourceConfig } from '@ocp/contract';
import { h, mount } from '../../../ui/dom.js';
import type { PanelContext, SourcePanel } from './panel.js';

/**
 * JSON or CSV fetched from a URL. Whether the URL may be fetched is the server's call (its allow-list and address
 * policy): the live preview asks it, and its refusal shows under the URL. Headers are write-only secrets.
 */
export function httpPanel(ctx: PanelContext, secrets: ChartDetail['dataSourceSecrets'] | undefined): SourcePanel {
  const url = h('input', { type: 'url', name: 'url', placeholder: 'https://data.example.com/readings.json' });
  const format = h(
    'select',
    { name: 'format' },
    h('option', { value: 'json' }, 'JSON'),
    h('option', { value: 'csv' }, 'CSV'),
  );
  const path = h('input', { type: 'text', name: 'path', placeholder: 'data.rows', autocomplete: 'off' });
  const headers = h('div', { class: 'pairs' });
  const headerRows: Array<{ name: HTMLInputElement; value: HTMLInputElement }> = [];

  const renderHeaders = () =>
    mount(
      headers,
      headerRows.map((row, i) =>
        h(
          'div',
          { class: 'pair' },
          row.name,
          row.value,
          h(
            'button',
            {
              type: 'button',
              class: 'small',
              'aria-label': `Remove header ${i + 1}`,
              onclick: () => {
                headerRows.splice(i, 1);
                renderHeaders();
                ctx.changed();
              },
            },
            '✕',
          ),
        ),
      ),
    );
  const addHeader = () => {
    const n = headerRows.length + 1;
    headerRows.push({
      name: h('input', { type: 'text', 'aria-label': `Header ${n} name`, placeholder: 'Authorization' }),
      value: h('input', { type: 'password', 'aria-label': `Header ${n} value`, autocomplete: 'off' }),
    });
    renderHeaders();
  };
  const stored =
    secrets && (secrets.headers.length || secrets.query.length)
      ? h(
          'p',
          { class: 'muted' },
          `Stored apart and never shown: ${[...secrets.headers.map((n) => `header ${n}`), ...secrets.query.map((n) => `URL parameter ${n}`)].join(', ')}. ` +
            'They stay while the URL keeps its origin; headers added here replace them.',
        )
      : null;
  const headerErrors = ctx.errors.register('headers', 'Headers', headers);
  const element = h(
    'div',
    { class: 'http-source' },
    ctx.errors.field('URL', url, 'url', 'The server fetches it only from origins its operator allowed.'),
    ctx.errors.field('Format', format, 'format'),
    ctx.errors.field('Path to the rows (JSON, optional)', path, 'path', 'A dot path such as data.rows.'),
    h(
      'fieldset',
      { class: 'sub' },
      h('legend', null, 'Request headers (optional, kept secret)'),
      headers,
      headerErrors,
      stored,
      h('button', { type: 'button', class: 'small', onclick: addHeader }, 'Add header'),
    ),
  );

  return {
    kind: 'http',
    element,
    readField: 'url',
    read() {
      const given = headerRows.filter((r) => r.name.value.trim());
      return {
        url: url.value.trim(),
        format: format.value,
        ...(path.value.trim() ? { path: path.value.trim() } : {}),
        ...(given.length
          ? { headers: Object.fromEntries(given.map((r) => [r.name.value.trim(), r.value.value])) }
          : {}),
      };
    },
    fill(source: DataSourceConfig) {
      if (source.kind !== 'http') return;
      url.value = source.url;
      format.value = source.format ?? 'json';
      path.value = source.path ?? '';
    },
    columns: () => null,
  };
}
