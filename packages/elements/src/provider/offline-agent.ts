import type { MemoryChart } from './memory-data.js';

/**
 * The memory provider's stand-in for the server's offline agent (SPEC §7): "bar chart of X", "line chart of X"
 * or "pie chart of X" copies the demo chart whose title or tags best match X with the requested type; anything
 * else gets a short help text. Deterministic, no network.
 */
export function offlineReply(prompt: string, charts: readonly MemoryChart[]): { text: string; chart?: MemoryChart } {
  const m = /\b(bar|line|pie|area)\s+chart\s+(?:of|for|with|showing)\s+(.+)/i.exec(prompt);
  if (!m) {
    return {
      text: 'I can build charts from your workspace data. Try "bar chart of monthly generation" or "line chart of site load".',
    };
  }
  const kind = m[1]!.toLowerCase();
  const words = m[2]!.toLowerCase().split(/\W+/).filter(Boolean);
  const score = (c: MemoryChart) =>
    words.filter((w) => c.title.toLowerCase().includes(w) || c.tags.some((t) => t.includes(w))).length;
  const source = [...charts].filter((c) => c.chartType !== 'metric').sort((a, b) => score(b) - score(a))[0];
  if (!source || score(source) === 0) return { text: `I found no data matching "${m[2]}" in your workspace.` };
  const traceType = kind === 'line' || kind === 'area' ? 'scatter' : kind;
  const chart: MemoryChart = {
    ...source,
    title: `${source.title} (${kind})`,
    chartType: kind === 'area' ? 'line' : kind,
    plotlyConfig: {
      data: source.plotlyConfig.data.map((t) => ({
        type: traceType,
        ...(kind === 'area' ? { fill: 'tonexty', mode: 'lines' } : kind === 'line' ? { mode: 'lines' } : {}),
        ...(typeof t.name === 'string' ? { name: t.name } : {}),
      })),
      layout: source.plotlyConfig.layout,
    },
    tags: source.tags,
  };
  return { text: `Here is a ${kind} chart of ${source.title.toLowerCase()}. It is in your workspace.`, chart };
}

/**
 * "make it public" / "make it private" / "share it": an action the memory provider only asks for, like the server's
 * offline agent; the user confirms it (`confirmChat`).
 */
export function offlineAction(
  prompt: string,
): { action: 'set_visibility'; isPublic: boolean } | { action: 'create_share_link' } | null {
  const visibility = /\b(?:make|set|turn|mark)\b.*?\b(public|private)\b/i.exec(prompt);
  if (visibility) return { action: 'set_visibility', isPublic: visibility[1]!.toLowerCase() === 'public' };
  if (/\b(?:share|sharing link|create a link|make a link|link to)\b/i.test(prompt))
    return { action: 'create_share_link' };
  return null;
}
