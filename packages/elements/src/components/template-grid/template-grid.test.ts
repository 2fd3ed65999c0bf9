import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import './template-grid.js';
import type { OcpPlaceRejectedEvent } from '../../events/place-rejected.js';
import type { OcpPlaceRequestEvent } from '../../events/place-request.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { templateByName } from '../../internal/testing/demo-provider.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import type { OcpTemplateGrid } from './template-grid.js';

const hero = templateByName('Hero + 3');
const kpi = templateByName('12-col KPI row + charts');
const { rowHeight, gap } = hero.layoutConfig;

async function gridAt(width: number, template = hero) {
  const el = await fixture<OcpTemplateGrid>(
    html`<ocp-template-grid .layout=${template.layoutConfig} .slots=${template.slots}></ocp-template-grid>`,
    `width: ${width}px`,
  );
  await waitUntil(() => el.slotElements.length === template.slots.length, 'slots');
  await new Promise((r) => requestAnimationFrame(r));
  await el.updateComplete;
  return el;
}

/** Each slot's rectangle relative to the grid, rounded to whole pixels. */
function rects(el: OcpTemplateGrid) {
  const origin = el.getBoundingClientRect();
  return Object.fromEntries(
    el.slotElements.map((s) => {
      const r = s.getBoundingClientRect();
      return [s.slotKey, [r.left - origin.left, r.top - origin.top, r.width, r.height].map(Math.round)];
    }),
  );
}

/** Where a rectangle in grid units lands at `columns` columns of a `width`-pixel grid. */
function expected(width: number, columns: number, x: number, y: number, w: number, h: number) {
  const col = (width - (columns - 1) * gap) / columns;
  return [x * (col + gap), y * (rowHeight + gap), w * col + (w - 1) * gap, h * rowHeight + (h - 1) * gap].map(
    Math.round,
  );
}

describe('<ocp-template-grid>', () => {
  afterEach(cleanup);

  it('puts every slot where its position_config says at 12 columns (1200px wide)', async () => {
    const el = await gridAt(1200);
    expect(el.breakpoint).to.equal('lg');
    expect(el.getAttribute('breakpoint')).to.equal('lg');
    const got = rects(el);
    for (const s of hero.slots) {
      const p = s.positionConfig;
      expect(got[s.slotKey], s.slotKey).to.deep.equal(expected(1200, 12, p.x, p.y, p.w, p.h));
    }
  });

  it('halves the columns at the md breakpoint (800px wide)', async () => {
    const el = await gridAt(800);
    expect(el.breakpoint).to.equal('md');
    const got = rects(el);
    expect(got.hero).to.deep.equal(expected(800, 6, 0, 0, 6, 5));
    expect(got['bottom-left']).to.deep.equal(expected(800, 6, 0, 5, 2, 4));
    expect(got['bottom-center']).to.deep.equal(expected(800, 6, 2, 5, 2, 4));
    expect(got['bottom-right']).to.deep.equal(expected(800, 6, 4, 5, 2, 4));
  });

  it('keeps the four KPI tiles equal and the two charts equal at every width (spans exact, no 2:1:2:1)', async () => {
    const el = await gridAt(1400, kpi);
    for (const width of [1400, 1100, 1023, 900, 790, 700, 641]) {
      (el.parentElement as HTMLElement).style.width = `${width}px`;
      await waitUntil(() => Math.round(el.getBoundingClientRect().width) === width, `width ${width}`);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await el.updateComplete;
      const got = rects(el);
      const kpiWidths = ['kpi-1', 'kpi-2', 'kpi-3', 'kpi-4'].map((k) => got[k]![2]!);
      const chartWidths = ['chart-left', 'chart-right'].map((k) => got[k]![2]!);
      const at = `${width}px (${el.columns} columns): kpis ${kpiWidths}, charts ${chartWidths}`;
      expect(Math.max(...kpiWidths) - Math.min(...kpiWidths), at).to.be.at.most(1);
      expect(Math.abs(chartWidths[0]! - chartWidths[1]!), at).to.be.at.most(1);
      // Still one row of four tiles over one row of two charts, filling the width.
      expect(new Set(['kpi-1', 'kpi-2', 'kpi-3', 'kpi-4'].map((k) => got[k]![1])).size, at).to.equal(1);
      expect(got['kpi-4']![0]! + kpiWidths[3]!, at).to.be.closeTo(width, 1);
    }
  });

  it('stacks slots in one column below 640px, following its own width rather than the window', async () => {
    const el = await gridAt(1200);
    expect(window.innerWidth).to.be.greaterThan(640);
    (el.parentElement as HTMLElement).style.width = '500px';
    await waitUntil(() => el.breakpoint === 'sm', 'sm breakpoint');
    await el.updateComplete;
    const got = rects(el);
    expect(got.hero).to.deep.equal(expected(500, 1, 0, 0, 1, 5));
    expect(got['bottom-left']).to.deep.equal(expected(500, 1, 0, 5, 1, 4));
    expect(got['bottom-center']).to.deep.equal(expected(500, 1, 0, 9, 1, 4));
    expect(got['bottom-right']).to.deep.equal(expected(500, 1, 0, 13, 1, 4));
  });

  it('keeps its layout while hidden (zero width) and re-lays out when shown at a new width', async () => {
    const el = await gridAt(1200);
    const box = el.parentElement as HTMLElement;
    box.style.display = 'none';
    await new Promise((r) => setTimeout(r, 100));
    expect(el.breakpoint).to.equal('lg');
    box.style.display = '';
    box.style.width = '800px';
    await waitUntil(() => el.breakpoint === 'md', 'md after showing again');
  });

  it('uses the layout as given when it has no breakpoints', async () => {
    const layout = { columns: 4, rowHeight: 50, gap: 10 };
    const slots = [
      { id: 's', slotKey: 'a', slotType: 'chart', positionConfig: { x: 1, y: 1, w: 2, h: 2 }, constraints: {} },
    ];
    const el = await fixture<OcpTemplateGrid>(
      html`<ocp-template-grid .layout=${layout} .slots=${slots}></ocp-template-grid>`,
      'width: 430px',
    );
    await waitUntil(() => el.slotElements.length === 1, 'slot');
    const r = rects(el).a!;
    expect(r).to.deep.equal([110, 60, 210, 110]);
    expect(el.hasAttribute('breakpoint')).to.equal(false);
  });

  it('places light-DOM children into their named slots', async () => {
    const el = await fixture<OcpTemplateGrid>(
      html`<ocp-template-grid .layout=${hero.layoutConfig} .slots=${hero.slots}><p slot="hero">Hero content</p></ocp-template-grid>`,
      'width: 1200px',
    );
    await waitUntil(() => el.slotElement('hero')?.occupied, 'hero occupied');
    const heroRect = el.slotElement('hero')!.getBoundingClientRect();
    const p = el.querySelector('p')!.getBoundingClientRect();
    expect(p.top).to.be.within(heroRect.top, heroRect.bottom);
    expect(el.slotElement('bottom-left')!.occupied).to.equal(false);
    await expectAccessible(el);
  });

  describe('keyboard placement', () => {
    const line = { chartId: 'c1', chartType: 'line', title: 'Battery' };
    const metric = { chartId: 'c2', chartType: 'metric', title: 'Peak demand' };
    const liveText = (el: OcpTemplateGrid) => el.shadowRoot!.querySelector('[part="live-region"]')!.textContent!.trim();
    const armed = (el: OcpTemplateGrid) => el.slotElements.find((s) => s.armed)?.slotKey;

    it('moves between slots with the arrow keys and places with Enter', async () => {
      const el = await gridAt(1200, kpi);
      el.mode = 'edit';
      await el.startPlacement(metric);
      expect(armed(el)).to.equal('kpi-1');
      expect(liveText(el)).to.contain('Placing Peak demand').and.contain('Slot kpi-1, accepts this chart');
      expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('base');
      await sendKeys({ press: 'ArrowRight' });
      expect(armed(el)).to.equal('kpi-2');
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      expect(armed(el)).to.equal('kpi-4');
      await sendKeys({ press: 'ArrowRight' });
      expect(armed(el)).to.equal('kpi-4'); // nothing further right
      await sendKeys({ press: 'ArrowDown' });
      expect(armed(el)).to.equal('chart-right');
      await sendKeys({ press: 'ArrowLeft' });
      expect(armed(el)).to.equal('chart-left');
      await sendKeys({ press: 'ArrowUp' });
      expect(armed(el)).to.be.oneOf(['kpi-1', 'kpi-2']);
      const request = oneEvent<OcpPlaceRequestEvent>(el, 'ocp-place-request');
      await sendKeys({ press: 'Enter' });
      const e = await request;
      expect(e.detail).to.deep.include({ slotKey: armed(el) ?? e.detail.slotKey, via: 'keyboard' });
      expect(e.detail.chart).to.deep.equal(metric);
      expect(el.placing).to.equal(undefined);
      expect(el.slotElements.some((s) => s.armed)).to.equal(false);
    });

    it('refuses a disallowed slot with visible feedback and an announcement', async () => {
      const el = await gridAt(1200, kpi);
      el.mode = 'edit';
      await el.startPlacement(line);
      // The first slot that accepts a line chart is armed first.
      expect(armed(el)).to.equal('chart-left');
      await sendKeys({ press: 'ArrowUp' });
      const slot = el.slotElement(armed(el)!)!;
      expect(slot.slotKey).to.match(/^kpi-/);
      expect(slot.dropState).to.equal('reject');
      const rejected = oneEvent<OcpPlaceRejectedEvent>(el, 'ocp-place-rejected');
      let requested = false;
      el.addEventListener('ocp-place-request', () => {
        requested = true;
      });
      await sendKeys({ press: 'Enter' });
      expect((await rejected).detail.reason).to.contain("Line charts can't go here");
      expect(requested).to.equal(false);
      await slot.updateComplete;
      const feedback = slot.shadowRoot!.querySelector<HTMLElement>('[part="feedback"]')!;
      expect(feedback.hidden).to.equal(false);
      expect(feedback.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(feedback.textContent).to.contain('allowed: metric, indicator');
      expect(liveText(el)).to.contain("Line charts can't go here");
      expect(el.placing).to.deep.equal(line); // still placing: the user can move on
    });

    it('cancels with Escape', async () => {
      const el = await gridAt(1200, kpi);
      el.mode = 'edit';
      await el.startPlacement(metric);
      await sendKeys({ press: 'Escape' });
      expect(el.placing).to.equal(undefined);
      expect(armed(el)).to.equal(undefined);
      expect(liveText(el)).to.equal('Placement cancelled.');
    });
  });
});
