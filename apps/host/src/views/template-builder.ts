import type { TemplateDetail } from '@ocp/contract';
import type { OcpTemplateGrid } from '../elements.js';
import type { View } from '../main.js';
import { navigate } from '../router.js';
import { api } from '../session.js';
import { field } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, statusBlock } from '../ui/feedback.js';
import { settle, showSkeleton } from '../ui/skeleton.js';
import { CHART_TYPES } from './chart/figure.js';
import { drawingCanvas } from './template/canvas.js';
import {
  type DraftSlot,
  type DraftTemplate,
  defaultBreakpoints,
  emptyDraft,
  nextKey,
  overlapsAny,
  problems,
} from './template/draft.js';
import { type ShareTeam, shareField } from './template/share.js';

/** Chart types a slot may be limited to: the editor's, and those the seed and the chat create. */
const SLOT_CHART_TYPES = [...new Set([...Object.keys(CHART_TYPES), 'indicator', 'energy', 'text'])];

/**
 * Creates or edits a custom template: name, grid (columns, row height, gap, breakpoints), slots drawn on the grid
 * (label, type, allowed chart types, minimum size), a live preview at the width of the page, and save. Templates are
 * shared with the members of the creator's teams, or with one team the creator edits in (template/share.ts).
 */
export const renderTemplateBuilder: View = (main, route) => {
  if (route.name !== 'template') return;
  const region = h('section', { 'aria-label': 'Template builder' });
  mount(main, region);
  showSkeleton(region, 'form', 'Loading template…');
  let disposed = false;
  const load = async () => {
    try {
      const [tpl, teams] = await Promise.all([
        route.id ? api.templates.get.query({ id: route.id }) : null,
        api.teams.list.query(),
      ]);
      if (!disposed) builder(main, tpl, teams);
    } catch (e) {
      if (!disposed) mount(region, statusBlock('error', messageOf(e), load));
      settle(region);
    }
  };
  void load();
  return () => {
    disposed = true;
  };
};

function fromTemplate(t: TemplateDetail): DraftTemplate {
  return {
    name: t.name,
    description: t.description ?? '',
    layoutConfig: { ...t.layoutConfig, breakpoints: t.layoutConfig.breakpoints ?? {} },
    slots: t.slots.map((s) => ({
      slotKey: s.slotKey,
      slotType: (['chart', 'metric', 'text'].includes(s.slotType) ? s.slotType : 'chart') as DraftSlot['slotType'],
      positionConfig: { ...s.positionConfig },
      constraints: { ...s.constraints },
    })),
  };
}

const num = (name: string, value: number, min: number, max: number) =>
  h('input', { type: 'number', name, value: String(value), min: String(min), max: String(max), step: '1' });

function builder(main: HTMLElement, tpl: TemplateDetail | null, teams: ShareTeam[]): void {
  const draft = tpl ? fromTemplate(tpl) : emptyDraft();
  if (tpl?.isSystemTemplate) {
    mount(main, statusBlock('empty', `“${tpl.name}” is built in and cannot be changed. Start a new template instead.`));
    return;
  }
  let selected: DraftSlot | undefined;

  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: '200', value: draft.name });
  const description = h('input', { type: 'text', name: 'description', maxlength: '2000', value: draft.description });
  const columns = num('columns', draft.layoutConfig.columns, 1, 48);
  const rowHeight = num('rowHeight', draft.layoutConfig.rowHeight, 20, 400);
  const gap = num('gap', draft.layoutConfig.gap, 0, 64);
  const breakpointsBox = h('fieldset', { class: 'breakpoints' });
  const slotBox = h('div', { class: 'slot-editor', 'aria-live': 'polite' });
  const problemList = h('ul', { class: 'form-error', role: 'alert' });
  const preview = h('ocp-template-grid', { mode: 'view' }) as OcpTemplateGrid;
  const share = shareField(teams, tpl?.ownerTeamId);
  const save = h(
    'button',
    { type: 'button', class: 'primary', onclick: () => void submit() },
    tpl ? 'Save template' : 'Create template',
  );

  const canvas = drawingCanvas({
    draft: () => draft,
    selected: () => selected,
    onDraw: (positionConfig) => {
      const slot: DraftSlot = { slotKey: nextKey(draft.slots), slotType: 'chart', positionConfig, constraints: {} };
      draft.slots.push(slot);
      select(slot);
    },
    onSelect: (s) => select(s),
  });

  const select = (s: DraftSlot | undefined) => {
    selected = s;
    renderAll();
    slotBox.querySelector<HTMLInputElement>('input[name="slotKey"]')?.focus();
  };

  /** Adds a 3×2 slot at the first free place (the keyboard's way to draw). */
  const addSlot = () => {
    const w = Math.min(3, draft.layoutConfig.columns);
    for (let y = 0; ; y++)
      for (let x = 0; x + w <= draft.layoutConfig.columns; x++) {
        const p = { x, y, w, h: 2 };
        if (!overlapsAny(draft.slots, p)) {
          const slot: DraftSlot = {
            slotKey: nextKey(draft.slots),
            slotType: 'chart',
            positionConfig: p,
            constraints: {},
          };
          draft.slots.push(slot);
          select(slot);
          return;
        }
      }
  };

  const renderBreakpoints = () => {
    const bps = Object.entries(draft.layoutConfig.breakpoints ?? {}).sort((a, b) => a[1].minWidth - b[1].minWidth);
    mount(
      breakpointsBox,
      h('legend', null, 'Breakpoints (columns from a container width up)'),
      bps.length
        ? h(
            'table',
            { class: 'diff' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', null, 'Name'),
                h('th', null, 'From width (px)'),
                h('th', null, 'Columns'),
                h('th', null, ''),
              ),
            ),
            h(
              'tbody',
              null,
              bps.map(([bpName, bp]) => {
                const minWidth = num(`bp-${bpName}-minWidth`, bp.minWidth, 0, 100000);
                const cols = num(`bp-${bpName}-columns`, bp.columns, 1, 48);
                minWidth.setAttribute('aria-label', `${bpName} from width`);
                cols.setAttribute('aria-label', `${bpName} columns`);
                minWidth.addEventListener('change', () => {
                  bp.minWidth = Number(minWidth.value) || 0;
                  renderAll();
                });
                cols.addEventListener('change', () => {
                  bp.columns = Math.max(1, Math.min(48, Number(cols.value) || 1));
                  renderAll();
                });
                return h(
                  'tr',
                  null,
                  h('th', { scope: 'row' }, bpName),
                  h('td', null, minWidth),
                  h('td', null, cols),
                  h(
                    'td',
                    null,
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'icon danger',
                        'aria-label': `Remove breakpoint ${bpName}`,
                        onclick: () => {
                          delete draft.layoutConfig.breakpoints![bpName];
                          renderAll();
                        },
                      },
                      '✕',
                    ),
                  ),
                );
              }),
            ),
          )
        : h('p', { class: 'muted' }, 'None: the grid keeps its columns at every width.'),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            draft.layoutConfig.breakpoints = defaultBreakpoints(draft.layoutConfig.columns);
            renderAll();
          },
        },
        'Use the usual breakpoints (phone 1, tablet half, desktop all)',
      ),
    );
  };

  const renderSlotEditor = () => {
    const s = selected;
    if (!s) {
      mount(
        slotBox,
        h('p', { class: 'muted' }, draft.slots.length ? 'Select a slot on the grid to edit it.' : 'No slots yet.'),
      );
      return;
    }
    const key = h('input', {
      type: 'text',
      name: 'slotKey',
      maxlength: '64',
      value: s.slotKey,
      pattern: '[A-Za-z0-9_-]+',
    });
    const heading = h('h3', null, `Slot ${s.slotKey}`);
    key.addEventListener('change', () => {
      s.slotKey = key.value.trim();
      heading.textContent = `Slot ${s.slotKey}`;
      renderAll(false);
    });
    const type = h(
      'select',
      { name: 'slotType' },
      ['chart', 'metric', 'text'].map((t) => h('option', { value: t, selected: t === s.slotType }, t)),
    );
    type.addEventListener('change', () => {
      s.slotType = type.value as DraftSlot['slotType'];
      renderAll(false);
    });
    const sizes = (['x', 'y', 'w', 'h'] as const).map((k) => {
      const input = num(
        `slot-${k}`,
        s.positionConfig[k],
        k === 'w' || k === 'h' ? 1 : 0,
        k === 'x' || k === 'w' ? 48 : 1000,
      );
      input.addEventListener('change', () => {
        s.positionConfig[k] = Math.max(Number(input.min), Number(input.value) || 0);
        renderAll(false);
      });
      return field({ x: 'Column (from 0)', y: 'Row (from 0)', w: 'Width (columns)', h: 'Height (rows)' }[k], input);
    });
    const mins = (['minW', 'minH'] as const).map((k) => {
      const input = h('input', {
        type: 'number',
        name: k,
        min: '1',
        max: '48',
        value: s.constraints[k] ? String(s.constraints[k]) : '',
      });
      input.addEventListener('change', () => {
        const v = Number(input.value);
        if (v >= 1) s.constraints[k] = v;
        else delete s.constraints[k];
        renderAll(false);
      });
      return field(k === 'minW' ? 'Minimum width (columns)' : 'Minimum height (rows)', input);
    });
    const allowed = new Set(s.constraints.allowedChartTypes ?? []);
    const types = h(
      'fieldset',
      { class: 'allowed-types' },
      h('legend', null, 'Allowed chart types (none ticked: any)'),
      SLOT_CHART_TYPES.map((t) => {
        const box = h('input', { type: 'checkbox', name: 'allowed', value: t, checked: allowed.has(t) });
        box.addEventListener('change', () => {
          if (box.checked) allowed.add(t);
          else allowed.delete(t);
          if (allowed.size) s.constraints.allowedChartTypes = [...allowed];
          else delete s.constraints.allowedChartTypes;
          renderAll(false);
        });
        return h('label', { class: 'check' }, box, ` ${CHART_TYPES[t]?.label ?? t}`);
      }),
    );
    mount(
      slotBox,
      heading,
      field('Label (letters, digits, - and _)', key),
      field('Slot type', type),
      h('div', { class: 'size-fields' }, sizes),
      h('div', { class: 'size-fields' }, mins),
      types,
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () => {
            draft.slots.splice(draft.slots.indexOf(s), 1);
            select(undefined);
          },
        },
        `Remove slot ${s.slotKey}`,
      ),
    );
  };

  const renderAll = (editor = true) => {
    canvas.render();
    renderBreakpoints();
    if (editor) renderSlotEditor();
    preview.layout = { ...draft.layoutConfig, breakpoints: { ...draft.layoutConfig.breakpoints } };
    preview.slots = draft.slots.map((s, i) => ({ id: `draft-${i}`, ...s, constraints: { ...s.constraints } }));
    // Each preview slot says what it is and what it takes, as a person placing charts will see it.
    mount(
      preview,
      draft.slots.map((s) =>
        h(
          'div',
          { slot: s.slotKey, class: 'preview-slot' },
          h('strong', null, s.slotKey),
          h(
            'span',
            { class: 'muted' },
            s.constraints.allowedChartTypes?.join(', ') ?? `any ${s.slotType === 'chart' ? 'chart' : s.slotType}`,
          ),
        ),
      ),
    );
    mount(
      problemList,
      problems(draft).map((p) => h('li', null, p)),
    );
  };

  const onGrid = () => {
    draft.name = name.value;
    draft.description = description.value;
    draft.layoutConfig.columns = Math.max(1, Math.min(48, Number(columns.value) || 12));
    draft.layoutConfig.rowHeight = Math.max(20, Number(rowHeight.value) || 80);
    draft.layoutConfig.gap = Math.max(0, Number(gap.value) || 0);
    renderAll(false);
  };
  for (const input of [name, description, columns, rowHeight, gap]) input.addEventListener('input', onGrid);

  const submit = async () => {
    onGrid();
    const wrong = problems(draft);
    if (wrong.length) {
      notify(wrong[0]!, 'error');
      return;
    }
    const body = {
      name: draft.name.trim(),
      description: draft.description.trim() || null,
      layoutConfig: draft.layoutConfig,
      slots: draft.slots,
      ownerTeamId: share.value(),
    };
    save.disabled = true;
    try {
      const saved = tpl
        ? await api.templates.update.mutate({ id: tpl.id, ...body })
        : await api.templates.create.mutate(body);
      notify(tpl ? 'Template saved.' : `Template ${saved.name} created. Use it for a new dashboard or tab.`);
      if (!tpl) navigate(`/templates/${saved.id}`, { replace: true });
    } catch (e) {
      notify(messageOf(e), 'error');
    } finally {
      save.disabled = false;
    }
  };

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('a', { href: '/templates', class: 'back', 'aria-label': 'All templates' }, '←'),
      h('h1', null, tpl ? `Edit ${tpl.name}` : 'New template'),
      save,
    ),
    h(
      'div',
      { class: 'template-builder' },
      h(
        'form',
        { class: 'chart-form', 'aria-label': 'Template settings', onsubmit: (e: Event) => e.preventDefault() },
        h('fieldset', null, h('legend', null, 'Template'), field('Name', name), field('Description', description)),
        h(
          'fieldset',
          null,
          h('legend', null, 'Grid'),
          field('Columns', columns),
          field('Row height (px)', rowHeight),
          field('Gap (px)', gap),
        ),
        breakpointsBox,
        h('fieldset', null, h('legend', null, 'Sharing'), share.element),
      ),
      h(
        'section',
        { class: 'draw', 'aria-label': 'Slots' },
        h('h2', null, 'Slots'),
        h('p', { class: 'muted' }, 'Drag across the grid to draw a slot, or add one and set its size below.'),
        h('button', { type: 'button', onclick: addSlot }, '+ Add slot'),
        canvas.element,
        slotBox,
        problemList,
      ),
    ),
    h('section', { class: 'template-preview', 'aria-label': 'Preview' }, h('h2', null, 'Preview'), preview),
  );
  renderAll();
  if (!tpl) name.focus();
}
