import { expect } from '@esm-bundle/chai';
import '../index.js';
import type { OcpTabs } from '../components/tabs/tabs.js';
import { cleanup, fixture, html } from '../internal/testing/fixture.js';
import { TOKENS } from '../internal/theme.styles.js';

const tabs = [
  { id: 'a', title: 'One' },
  { id: 'b', title: 'Two' },
];
const tabColor = (el: OcpTabs) => getComputedStyle(el.shadowRoot!.querySelector('[part~="tab"]')!).color;

describe('theming', () => {
  afterEach(cleanup);

  it('tokens.css lists exactly the tokens and defaults the elements use', async () => {
    const css = await (await fetch(new URL('./tokens.css', import.meta.url))).text();
    const declared = Object.fromEntries(
      [...css.matchAll(/(--ocp-[a-z-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2]!.trim()]),
    );
    const expected = Object.fromEntries(
      Object.entries(TOKENS).map(([name, v]) => [name, v.length === 2 ? `light-dark(${v[0]}, ${v[1]})` : v[0]]),
    );
    expect(declared).to.deep.equal(expected);
  });

  it('is light by default, dark with theme="dark" or an inherited color-scheme', async () => {
    const light = await fixture<OcpTabs>(html`<ocp-tabs .tabs=${tabs}></ocp-tabs>`);
    const dark = await fixture<OcpTabs>(html`<ocp-tabs theme="dark" .tabs=${tabs}></ocp-tabs>`);
    const inherited = await fixture<HTMLDivElement>(
      html`<div style="color-scheme: dark"><ocp-tabs .tabs=${tabs}></ocp-tabs></div>`,
    );
    expect(getComputedStyle(light).color).to.equal('rgb(31, 35, 40)');
    expect(getComputedStyle(dark).color).to.equal('rgb(230, 237, 243)');
    expect(getComputedStyle(inherited.querySelector('ocp-tabs')!).color).to.equal('rgb(230, 237, 243)');
    expect(tabColor(light)).to.not.equal(tabColor(dark));
  });

  it('takes --ocp-* tokens from the page and ::part styles from outside', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div style="--ocp-color-text: rgb(1, 2, 3)">
        <style>
          .themed ocp-tabs::part(tab-selected) { color: rgb(200, 0, 0); }
        </style>
        <div class="themed"><ocp-tabs .tabs=${tabs}></ocp-tabs></div>
      </div>`,
    );
    const el = box.querySelector('ocp-tabs')!;
    expect(getComputedStyle(el).color).to.equal('rgb(1, 2, 3)');
    expect(tabColor(el)).to.equal('rgb(200, 0, 0)');
  });

  it('leaks no CSS into the page', async () => {
    const before = document.querySelectorAll('style, link[rel="stylesheet"]').length;
    const probe = await fixture<HTMLDivElement>(html`<div><button>plain</button><p>text</p></div>`);
    const plain = getComputedStyle(probe.querySelector('button')!).fontFamily;
    await fixture(html`<ocp-tabs .tabs=${tabs}></ocp-tabs><ocp-metric value="1"></ocp-metric><ocp-text text="t"></ocp-text>
      <ocp-slot slot-key="a"></ocp-slot><ocp-template-grid></ocp-template-grid><ocp-workspace></ocp-workspace>
      <ocp-template-picker></ocp-template-picker><ocp-chat-panel></ocp-chat-panel><ocp-version-history></ocp-version-history>
      <ocp-share-dialog></ocp-share-dialog><ocp-dashboard></ocp-dashboard>`);
    expect(document.querySelectorAll('style, link[rel="stylesheet"]').length).to.equal(before);
    expect(document.adoptedStyleSheets).to.have.length(0);
    expect(getComputedStyle(probe.querySelector('button')!).fontFamily).to.equal(plain);
    expect(getComputedStyle(document.body).colorScheme).to.equal('normal');
  });
});
