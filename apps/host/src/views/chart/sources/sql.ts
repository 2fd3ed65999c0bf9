import type { DataSourceConfig, SqlParam } from '@ocp/contract';
import { h, mount } from '../../../ui/dom.js';
import { fieldError } from '../field-errors.js';
import type { PanelContext, SourcePanel } from './panel.js';

type ParamKind = 'text' | 'number' | 'boolean' | 'null' | 'range.from' | 'range.to';
const PARAM_KINDS: Array<[ParamKind, string]> = [
  ['text', 'Text'],
  ['number', 'Number'],
  ['boolean', 'True or false'],
  ['null', 'Null'],
  ['range.from', 'Start of the dashboard range'],
  ['range.to', 'End of the dashboard range'],
];

interface ParamRow {
  kind: HTMLSelectElement;
  value: HTMLInputElement;
}

/**
 * A query on a connection the host registered by name: a select of the connections the caller may use (a text
 * field when the server lists none), the query, and its `$1`, `$2`… parameters.
 */
export function sqlPanel(ctx: PanelContext): SourcePanel {
  const connectionSlot = h('div');
  let connection: HTMLInputElement | HTMLSelectElement = h('input', { type: 'text', name: 'connection' });
  let wantedConnection = '';
  const query = h('textarea', {
    name: 'query',
    rows: '6',
    spellcheck: 'false',
    placeholder: 'SELECT day, kwh FROM reporting.daily WHERE site = $1',
  });
  const params = h('ol', { class: 'params' });
  const rows: ParamRow[] = [];

  const paramRow = (p: SqlParam | undefined): ParamRow => {
    const n = rows.length + 1;
    const kind = h(
      'select',
      { 'aria-label': `Parameter $${n} type` },
      PARAM_KINDS.map(([v, label]) => h('option', { value: v }, label)),
    );
    const value = h('input', { type: 'text', 'aria-label': `Parameter $${n} value`, autocomplete: 'off' });
    if (p !== undefined && p !== null && typeof p === 'object') kind.value = p.ref;
    else if (p === null) kind.value = 'null';
    else if (typeof p === 'number') kind.value = 'number';
    else if (typeof p === 'boolean') kind.value = 'boolean';
    value.value = p === null || p === undefined || typeof p === 'object' ? '' : String(p);
    return { kind, value };
  };
  const renderParams = () => {
    mount(
      params,
      rows.map((row, i) => {
        row.value.hidden = ['null', 'range.from', 'range.to'].includes(row.kind.value);
        return h(
          'li',
          { class: 'pair' },
          h('span', { class: 'param-name' }, `$${i + 1}`),
          row.kind,
          row.value,
          h(
            'button',
            {
              type: 'button',
              class: 'small',
              'aria-label': `Remove parameter $${i + 1}`,
              onclick: () => {
                rows.splice(i, 1);
                // Later parameters move up a number: rebuild them with their new names.
                const kept = rows.splice(0).map(readParam);
                for (const p of kept) rows.push(paramRow(p));
                renderParams();
                ctx.changed();
              },
            },
            '✕',
          ),
        );
      }),
    );
    for (const row of rows) row.kind.onchange = renderParams;
  };

  void ctx.options.then((options) => {
    const wanted = connection.value || wantedConnection;
    if (!options.sqlConnections.length) return;
    const select = h(
      'select',
      { name: 'connection' },
      h('option', { value: '' }, 'Choose a connection…'),
      options.sqlConnections.map((c) => h('option', { value: c }, c)),
      wanted && !options.sqlConnections.includes(wanted)
        ? h('option', { value: wanted }, `${wanted} (not available to you)`)
        : null,
    );
    select.value = wanted;
    connection = select;
    mount(connectionSlot, connectionField(select));
    ctx.changed();
  });
  const connectionField = (control: HTMLElement) =>
    ctx.errors.field(
      'Connection',
      control,
      'connection',
      'A read-only connection your administrator registered for you, by name.',
    );
  mount(connectionSlot, connectionField(connection));

  const paramErrors = ctx.errors.register('params', 'Parameters', params);
  const element = h(
    'div',
    { class: 'sql-source' },
    connectionSlot,
    ctx.errors.field('Query', query, 'query', 'One SELECT; $1, $2… are bound from the parameters below.'),
    h(
      'fieldset',
      { class: 'sub' },
      h('legend', null, 'Parameters'),
      params,
      paramErrors,
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          onclick: () => {
            rows.push(paramRow(''));
            renderParams();
            rows.at(-1)?.value.focus();
            ctx.changed();
          },
        },
        'Add parameter',
      ),
    ),
  );

  return {
    kind: 'sql',
    element,
    readField: 'query',
    read() {
      rows.forEach((row, i) => {
        if (row.kind.value === 'number' && !(row.value.value.trim() !== '' && Number.isFinite(Number(row.value.value))))
          throw fieldError(['params', i], `$${i + 1}: "${row.value.value}" is not a number`);
      });
      return {
        connection: connection.value.trim(),
        query: query.value,
        ...(rows.length ? { params: rows.map(readParam) } : {}),
      };
    },
    fill(source: DataSourceConfig) {
      if (source.kind !== 'sql') return;
      wantedConnection = source.connection;
      if (
        connection instanceof HTMLSelectElement &&
        ![...connection.options].some((o) => o.value === source.connection)
      )
        connection.append(h('option', { value: source.connection }, `${source.connection} (not available to you)`));
      connection.value = source.connection;
      query.value = source.query;
      rows.splice(0);
      for (const p of source.params ?? []) rows.push(paramRow(p));
      renderParams();
    },
    columns: () => null,
  };
}

function readParam(row: ParamRow): SqlParam {
  const v = row.value.value;
  switch (row.kind.value as ParamKind) {
    case 'number':
      return Number(v);
    case 'boolean':
      return /^(true|yes|1)$/i.test(v.trim());
    case 'null':
      return null;
    case 'range.from':
    case 'range.to':
      return { ref: row.kind.value as 'range.from' | 'range.to' };
    default:
      return v;
  }
}
