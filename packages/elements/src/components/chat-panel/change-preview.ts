import type { ChatChangePreview } from '@ocp/contract';
import { html, nothing } from 'lit';
import '../chart/chart.js';

/**
 * A proposed change set drawn on the dashboard it changes: each tab's template as a small grid of its slots (real
 * keys), what fills them after the change, the slots that change outlined and labelled (added, changed, moved,
 * removed), and the charts the set makes or changes drawn from the preview's figures.
 */
export function renderChangePreview(preview: ChatChangePreview) {
  const d = preview.dashboard;
  if (!d) return html`<p class="preview-note">Nothing to show on a dashboard: the changes are listed above.</p>`;
  const tabs = d.tabs.filter((t) => preview.marks.some((m) => m.tabId === t.id));
  return html`<div part="preview" role="group" aria-label=${`Preview of “${d.title}” with the proposed changes`}>
    ${(tabs.length ? tabs : d.tabs.slice(0, 1)).map((tab) => {
      const cols = tab.template.layoutConfig.columns;
      return html`<figure class="preview-tab">
        <figcaption>Tab “${tab.title}” (${tab.template.name})</figcaption>
        <div class="preview-grid" style=${`grid-template-columns: repeat(${cols}, 1fr)`}>
          ${tab.template.slots.map((slot) => {
            const p = slot.positionConfig;
            const mark = preview.marks.find((m) => m.tabId === tab.id && m.slotKey === slot.slotKey);
            const placed = tab.placements.find((x) => x.slotKey === slot.slotKey);
            const full = placed ? preview.figures[placed.chartId] : undefined;
            // Small: no title (the slot says it), no legend or axis titles, thin margins.
            const figure = full && {
              data: full.data,
              layout: {
                ...full.layout,
                title: undefined,
                showlegend: false,
                margin: { l: 28, r: 4, t: 4, b: 22 },
                xaxis: { ...(full.layout.xaxis as object), title: undefined },
                yaxis: { ...(full.layout.yaxis as object), title: undefined },
              },
            };
            return html`<div
              class="preview-slot"
              data-slot=${slot.slotKey}
              data-change=${mark?.change ?? nothing}
              style=${`grid-column: ${p.x + 1} / span ${p.w}; grid-row: ${p.y + 1} / span ${Math.max(1, Math.round(p.h / 2))}`}
              aria-label=${`Slot ${slot.slotKey}${mark ? `: ${mark.summary}` : placed?.chart ? `: ${placed.chart.title}` : ': empty'}`}
            >
              <span class="slot-key">${slot.slotKey}${mark ? html` <strong class="mark">${mark.change}</strong>` : nothing}</span>
              <span class="slot-chart">${placed?.chart?.title ?? (mark?.change === 'removed' ? '' : '—')}</span>
              ${figure ? html`<ocp-chart eager static-plot .figure=${figure} label=${placed?.chart?.title ?? 'Chart'}></ocp-chart>` : nothing}
            </div>`;
          })}
        </div>
      </figure>`;
    })}
  </div>`;
}
