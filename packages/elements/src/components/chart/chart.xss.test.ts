import { expect } from '@esm-bundle/chai';
import './chart.js';
import { isSafeUrl, sanitizeConfig, sanitizeData, sanitizeLayout, sanitizeText } from '../../internal/sanitize.js';
import { cleanup, fixture, html, oneEvent } from '../../internal/testing/fixture.js';
import type { OcpChart } from './chart.js';

declare global {
  interface Window {
    __xss?: string[];
  }
}
const hit = (n: number) => `(window.__xss=window.__xss||[]).push('${n}')`;
const img = (n: number) => `<img src=x onerror="${hit(n)}">`;
const js = (n: number) => `<a href="javascript:${hit(n)}">click me</a>`;

describe('<ocp-chart> against script injection in figures', () => {
  afterEach(() => {
    cleanup();
    delete window.__xss;
  });

  it('executes nothing from trace names, titles, hover templates, annotations and links', async () => {
    const figure = {
      data: [
        {
          type: 'bar',
          x: ['a', 'b'],
          y: [1, 2],
          name: `${img(1)} sales`,
          hovertemplate: `${img(2)} %{y}<extra>${js(3)}</extra>`,
          text: [img(4), js(5)],
          textposition: 'inside',
        },
        { type: 'scatter', x: ['a', 'b'], y: [2, 1], name: `<a href="&#106;avascript:${hit(6)}">encoded</a>` },
      ],
      layout: {
        title: { text: `<b>Report</b> ${img(7)} ${js(8)}` },
        xaxis: { title: { text: `<IMG SRC=x ONERROR="${hit(9)}">` } },
        yaxis: { title: { text: `<a href='JaVaScRiPt:${hit(10)}'>y</a>` } },
        annotations: [
          { x: 'a', y: 1, text: `${js(11)} <svg onload="${hit(12)}"> <iframe src="javascript:${hit(13)}"></iframe>` },
          {
            x: 'b',
            y: 2,
            text: `<a href="java\tscript:${hit(14)}">tab</a> <a href="${location.origin}/ok">ok</a> <a href="https://example.com/off">off</a>`,
          },
        ],
        showlegend: true,
      },
      config: {
        plotlyServerURL: 'https://evil.example',
        showLink: true,
        linkText: img(15),
        modeBarButtonsToAdd: [{ name: 'x', click: 'alert(1)' }],
      },
    };
    const el = await fixture<OcpChart>(html`<ocp-chart style="height:400px" .figure=${figure}></ocp-chart>`);
    await oneEvent(el, 'ocp-chart-render');
    const root = el.shadowRoot!;
    const gd = el.plotElement as unknown as HTMLElement;
    // Show the hover label (hovertemplate) and click every link Plotly rendered.
    const Plotly = (window as unknown as { Plotly: { Fx: { hover(gd: HTMLElement, pts: object[]): void } } }).Plotly;
    Plotly.Fx.hover(gd, [{ curveNumber: 0, pointNumber: 0 }]);
    for (const a of root.querySelectorAll('a'))
      a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 300));

    expect(window.__xss, 'payload ran').to.equal(undefined);
    expect(root.querySelectorAll('img, iframe, script').length).to.equal(0);
    expect(root.querySelectorAll('svg svg[onload]').length).to.equal(0);
    const hrefs = Array.from(root.querySelectorAll('a')).map(
      (a) => a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? '',
    );
    expect(hrefs.filter((h) => /script\s*:/i.test(h.replace(/\s/g, '')))).to.deep.equal([]);
    expect(hrefs).to.include(`${location.origin}/ok`);
    expect(hrefs.filter((h) => h.includes('example.com'))).to.deep.equal([], 'off-host links are dropped');
    const handlers = Array.from(root.querySelectorAll('*')).flatMap((n) =>
      Array.from(n.attributes)
        .filter((a) => a.name.toLowerCase().startsWith('on'))
        .map((a) => `${n.nodeName} ${a.name}`),
    );
    expect(handlers).to.deep.equal([]);
    // Defence in depth: the figure Plotly holds (and passes to hover/click listeners, which hosts may render as HTML)
    // carries no payload either; Plotly's own link filter alone would leave it there.
    const held = JSON.stringify([
      (gd as unknown as { data: unknown }).data,
      (gd as unknown as { layout: unknown }).layout,
    ]);
    expect(held).to.not.match(/<img|<iframe|<svg|onerror|onload|javascript:|&#106;/i);
    // The benign markup survives: bold title text and the hover value are drawn.
    expect(root.querySelector('.gtitle')!.textContent).to.contain('Report');
    expect(root.querySelector('.hoverlayer')!.textContent).to.contain('1');
    // Config from the server cannot point Plotly elsewhere or add buttons with handlers.
    const config = (gd as unknown as { _context: Record<string, unknown> })._context;
    expect(config.plotlyServerURL).to.not.equal('https://evil.example');
    expect(config.showLink).to.not.equal(true);
  });

  it('sanitizeText keeps Plotly markup and drops everything else', () => {
    expect(sanitizeText('<b>bold</b> <i>it</i> x<sup>2</sup><br>line')).to.equal(
      '<b>bold</b> <i>it</i> x<sup>2</sup><br>line',
    );
    expect(sanitizeText('<img src=x onerror=alert(1)>hi')).to.equal('hi');
    expect(sanitizeText('<img src=x onerror=alert(1)//')).to.equal('&lt;img src=x onerror=alert(1)//');
    expect(sanitizeText('<a href="javascript:alert(1)" target="_blank">x</a>')).to.equal('<a target="_blank">x</a>');
    expect(sanitizeText(`<a href="${location.origin}/report?a=1&b=2">x</a>`)).to.equal(
      `<a href="${location.origin}/report?a=1&b=2">x</a>`,
    );
    expect(sanitizeText('<a href="https://ok.example/?a=1&b=2">x</a>')).to.equal('<a>x</a>');
    expect(sanitizeText('<span style="color:red;background:url(javascript:x)">s</span>')).to.equal('<span>s</span>');
    expect(sanitizeText('<span style="color:red">s</span>')).to.equal('<span style="color:red">s</span>');
    expect(sanitizeText('a < b and 3<4')).to.equal('a &lt; b and 3&lt;4');
    expect(sanitizeText('%{y}<extra></extra>')).to.equal('%{y}<extra></extra>');
  });

  it('isSafeUrl refuses scripts however the scheme is disguised', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:x',
      ' javascript:x',
      'java\tscript:x',
      '&#106;avascript:x',
      'javascript&colon;x',
      '&#x6A;avascript:x',
      'data:text/html,<script>x</script>',
      'vbscript:x',
    ]) {
      expect(isSafeUrl(bad), bad).to.equal(false);
    }
    for (const good of [`${location.origin}/x?a=1&b=2`, 'mailto:a@b.c', '/relative', 'page.html', '#anchor', '?q=1']) {
      expect(isSafeUrl(good), good).to.equal(true);
    }
  });

  it('isSafeUrl refuses other hosts, however the link is written to look relative', () => {
    const other = location.protocol === 'https:' ? 'http:' : 'https:';
    for (const off of [
      'https://example.com',
      'http://x.y/z?a=1&b=2',
      '//evil.example/login',
      ' //evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '&#47;&#47;evil.example',
      `${location.protocol}//${location.hostname}.evil.example/`,
      `${other}//${location.host}/`,
      `${location.protocol}//${location.host}@evil.example/`,
      'ftp://files.example/x',
    ]) {
      expect(isSafeUrl(off), off).to.equal(false);
    }
  });

  it('layout.images (and image traces) keep only same-origin or data: sources', async () => {
    const pixel =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const images = [
      { source: pixel, xref: 'paper', yref: 'paper', x: 0, y: 1, sizex: 0.2, sizey: 0.2 },
      { source: `${location.origin}/logo.png`, xref: 'paper', yref: 'paper', x: 0.5, y: 1, sizex: 0.2, sizey: 0.2 },
      { source: 'https://tracker.example/pixel.gif', xref: 'paper', yref: 'paper', x: 1, y: 1, sizex: 0.1, sizey: 0.1 },
      { source: '//tracker.example/p.gif', xref: 'paper', yref: 'paper', x: 1, y: 0, sizex: 0.1, sizey: 0.1 },
      { source: 'data:text/html,<script>x</script>', xref: 'paper', yref: 'paper', x: 0, y: 0, sizex: 0.1, sizey: 0.1 },
    ];
    const layout = sanitizeLayout({ images, template: { layout: { images } } });
    const kept = [pixel, `${location.origin}/logo.png`];
    expect((layout.images as Array<{ source: string }>).map((i) => i.source)).to.deep.equal(kept);
    const templated = (layout.template as { layout: { images: Array<{ source: string }> } }).layout.images;
    expect(templated.map((i) => i.source)).to.deep.equal(kept);
    expect(sanitizeData([{ type: 'image', source: 'https://tracker.example/a.png' }])).to.deep.equal([
      { type: 'image' },
    ]);
    expect(sanitizeData([{ type: 'image', source: pixel }])).to.deep.equal([{ type: 'image', source: pixel }]);

    // Drawn: only the inline pixel of these reaches the page (no request leaves for the tracker).
    const offsite = images.filter((i) => !i.source.startsWith(location.origin));
    const el = await fixture<OcpChart>(
      html`<ocp-chart eager style="height:300px" .figure=${{ data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { images: offsite } }}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    const drawn = Array.from(el.shadowRoot!.querySelectorAll('image')).map(
      (i) => i.getAttribute('href') ?? i.getAttribute('xlink:href') ?? '',
    );
    expect(drawn.some((h) => h.includes('tracker.example') || h.startsWith('data:text'))).to.equal(false);
    expect(drawn).to.include(pixel);
  });

  it('sanitizeConfig keeps display options and drops URLs, links and custom buttons', () => {
    expect(
      sanitizeConfig({
        displayModeBar: false,
        locale: 'de',
        plotlyServerURL: 'https://evil',
        showLink: true,
        showEditInChartStudio: true,
        topojsonURL: 'https://evil/',
        modeBarButtonsToAdd: ['drawline', { name: 'x', click: 'alert(1)' }],
      }),
    ).to.deep.equal({ displayModeBar: false, locale: 'de', modeBarButtonsToAdd: ['drawline'] });
  });
});
