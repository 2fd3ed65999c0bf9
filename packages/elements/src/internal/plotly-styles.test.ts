import { expect } from '@esm-bundle/chai';
import { adoptPlotlyStyles } from './plotly-styles.js';

describe('adoptPlotlyStyles', () => {
  const added: HTMLStyleElement[] = [];
  afterEach(() => {
    for (const s of added.splice(0)) s.remove();
  });

  const plotlyStyle = (id: string, css: string) => {
    const style = document.createElement('style');
    style.id = id;
    style.textContent = css;
    document.head.append(style);
    added.push(style);
    return style;
  };
  const adoptedText = (root: ShadowRoot) =>
    root.adoptedStyleSheets.flatMap((s) => Array.from(s.cssRules, (r) => r.cssText)).join('\n');

  it("copies Plotly's rules into the shadow root once, and again when Plotly adds more", () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    plotlyStyle('plotly.js-style-global', '.modebar-test-a { color: red; }');
    adoptPlotlyStyles(root);
    adoptPlotlyStyles(root);
    expect(root.adoptedStyleSheets).to.have.length(1);
    expect(adoptedText(root)).to.contain('.modebar-test-a');
    // A rule inserted into an existing Plotly sheet (what Plotly's addStyleRule does) is picked up on the next call.
    added[0]!.sheet!.insertRule('.modebar-test-b { color: blue; }');
    adoptPlotlyStyles(root);
    expect(adoptedText(root)).to.contain('.modebar-test-b');
    // So is a new Plotly style element; other style elements are not copied.
    plotlyStyle('plotly.js-style-modebar-x', '.modebar-test-c { color: green; }');
    plotlyStyle('not-plotly', '.other-test { color: black; }');
    adoptPlotlyStyles(root);
    expect(adoptedText(root)).to.contain('.modebar-test-c');
    expect(adoptedText(root)).to.not.contain('.other-test');
  });
});
