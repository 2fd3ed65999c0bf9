import type { DataSourceConfig, DatasetPreview } from '@ocp/contract';
import { api, currentSession } from '../../../session.js';
import { h, mount } from '../../../ui/dom.js';
import { messageOf, notify, statusBlock } from '../../../ui/feedback.js';
import { dataTable } from '../data-table.js';
import type { PanelContext, SourcePanel } from './panel.js';

const PREVIEW_ROWS = 8;

export interface DatasetPanel extends SourcePanel {
  /** Reloads the list and picks `id` (a dataset just imported). */
  choose(id: string): Promise<void>;
}

/**
 * A dataset from the caller's workspace: a select of their datasets, and the chosen one's columns (file order, with
 * their inferred types) and first rows, so the mapping can be picked from what the file holds.
 */
export function datasetPanel(ctx: PanelContext): DatasetPanel {
  const select = h('select', { name: 'datasetId' }, h('option', { value: '' }, 'Loading your datasets…'));
  const preview = h('section', { class: 'dataset-preview', 'aria-label': 'Dataset preview', 'aria-live': 'polite' });
  let shown: DatasetPreview | null = null;
  let wanted = '';

  const loadList = async () => {
    try {
      const items = await api.workspace.items.list.query({ itemType: 'dataset', limit: 1000 });
      const rows = (i: (typeof items)[number]) =>
        typeof i.content.rowCount === 'number' ? ` (${i.content.rowCount} rows)` : '';
      mount(
        select,
        h('option', { value: '' }, items.length ? 'Choose a dataset…' : 'No datasets yet: import a file below'),
        items.map((i) => h('option', { value: i.id }, `${i.title}${rows(i)}`)),
        // A dataset the chart reads but the list does not hold (deleted since): say so rather than pick another.
        wanted && !items.some((i) => i.id === wanted) ? h('option', { value: wanted }, 'A dataset that is gone') : null,
      );
      select.value = wanted;
    } catch (e) {
      mount(select, h('option', { value: wanted }, `Could not list datasets: ${messageOf(e)}`));
    }
  };

  const loadPreview = async () => {
    const id = select.value;
    wanted = id;
    if (!id) {
      shown = null;
      mount(preview);
      ctx.changed();
      return;
    }
    if (shown?.id === id) return;
    mount(preview, statusBlock('loading', 'Loading the dataset…'));
    try {
      const p = await api.charts.datasetPreview.query({ datasetId: id, rows: PREVIEW_ROWS });
      if (select.value !== id) return;
      shown = p;
      mount(
        preview,
        dataTable(`${p.title}: first ${Math.min(PREVIEW_ROWS, p.rowCount)} of ${p.rowCount} rows`, p.schema, p.rows),
      );
    } catch (e) {
      shown = null;
      mount(
        preview,
        statusBlock('error', messageOf(e), () => void loadPreview()),
      );
    }
    ctx.changed();
  };
  select.addEventListener('change', () => void loadPreview());
  const listed = loadList();

  return {
    kind: 'dataset',
    element: h('div', { class: 'dataset-source' }, ctx.errors.field('Dataset', select, 'datasetId'), preview),
    readField: 'datasetId',
    // Until the list has loaded, the select holds no choice yet: the chart's own dataset stands.
    read: () => ({ datasetId: select.value || wanted }),
    fill(source: DataSourceConfig) {
      if (source.kind !== 'dataset') return;
      wanted = source.datasetId;
      void listed.then(() => {
        select.value = wanted;
        return loadPreview();
      });
    },
    columns: () => (shown && shown.id === select.value ? shown.schema.map((c) => c.name) : null),
    async choose(id) {
      wanted = id;
      await loadList();
      await loadPreview();
    },
  };
}

/**
 * Files too big to paste go to POST /datasets, streamed into a workspace dataset; `imported` then shows it (the
 * chart reads it through a dataset source).
 */
export function importControl(
  imported: (dataset: { id: string; rowCount: number; name: string }) => Promise<void>,
  problem: (message: string) => void,
): HTMLElement {
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.json,text/csv,application/json' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    const format = /\.json$/i.test(f.name) ? 'json' : 'csv';
    const name = f.name.replace(/\.(csv|json)$/i, '').slice(0, 200) || 'Imported data';
    problem('');
    notify(`Importing ${f.name}…`);
    try {
      const res = await fetch(`/datasets?${new URLSearchParams({ title: name, format })}`, {
        method: 'POST',
        body: f,
        headers: { authorization: `Bearer ${currentSession()?.token ?? ''}` },
      });
      const answer = (await res.json()) as {
        result?: { data: { id: string; rowCount: number } };
        error?: { message: string };
      };
      if (!answer.result) throw new Error(answer.error?.message ?? `Import failed (HTTP ${res.status})`);
      await imported({ ...answer.result.data, name: f.name });
    } catch (e) {
      problem(messageOf(e));
    } finally {
      file.value = '';
    }
  });
  return h('label', { class: 'field' }, h('span', null, 'Or import a CSV or JSON file (any size) as a dataset'), file);
}
