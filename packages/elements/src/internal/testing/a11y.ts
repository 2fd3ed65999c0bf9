/**
 * Runs axe-core in the page (it reads open shadow roots) and fails on serious or critical violations —
 * the repo's stand-in for Shoelace's `expect(el).to.be.accessible()`.
 */
import 'axe-core';

interface AxeResult {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown }> }>;
}
declare global {
  interface Window {
    axe: { run(context: Element | Document, options?: object): Promise<AxeResult> };
  }
}

export async function seriousViolations(context: Element | Document = document): Promise<string[]> {
  const result = await window.axe.run(context, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

export async function expectAccessible(context: Element | Document = document): Promise<void> {
  const problems = await seriousViolations(context);
  if (problems.length) throw new Error(`axe found serious accessibility violations:\n${problems.join('\n')}`);
}
