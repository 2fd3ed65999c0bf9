/**
 * Plotly writes its CSS (modebar, hover labels, drag cursors) into `<style id="plotly.js-style-…">` elements in
 * document.head, which do not reach into shadow roots. This copies those rules into one constructed stylesheet that
 * every chart's shadow root adopts; it is rebuilt only when Plotly added rules.
 */
const sheet = typeof CSSStyleSheet === 'function' ? new CSSStyleSheet() : undefined;
let copiedRules = -1;

export function adoptPlotlyStyles(root: ShadowRoot): void {
  if (!sheet) return;
  const styles = document.head.querySelectorAll<HTMLStyleElement>('style[id^="plotly.js-style"]');
  // Counted first, copied only when Plotly added rules: this runs after every drawing, and Plotly adds them rarely.
  let count = 0;
  for (const style of styles) count += style.sheet?.cssRules.length ?? 0;
  if (count !== copiedRules) {
    const rules = Array.from(styles).flatMap((s) => Array.from(s.sheet?.cssRules ?? []));
    sheet.replaceSync(rules.map((r) => r.cssText).join('\n'));
    copiedRules = count;
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
