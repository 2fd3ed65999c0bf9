/**
 * WORKAROUND, to delete once @ocp/elements ships the fix (reported): in edit mode `<ocp-dashboard>`'s remove button
 * inherits `inset: 0` from `<ocp-slot>`'s `::slotted(*)` rule (only its top/right are overridden), so it stretches
 * over the whole chart — and a click anywhere on a chart removes it. One extra adopted sheet restores the corner.
 */
const fix = new CSSStyleSheet();
fix.replaceSync('.remove { inset: 6px 6px auto auto !important; width: auto !important; height: auto !important; }');

export function patchDashboardStyles(board: HTMLElement): void {
  const root = board.shadowRoot;
  if (root && !root.adoptedStyleSheets.includes(fix)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, fix];
}
