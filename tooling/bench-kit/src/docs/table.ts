import { ratioText, valueText } from '../format.js';
import type { MetricResult, RatioResult, SuiteResult } from '../result.js';
import { targetText } from '../result.js';

/** Table cell text: pipes escaped, and `<ocp-chart>` shown as text rather than read as an HTML tag. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function metricOf(suite: SuiteResult, id: string): MetricResult {
  const m = suite.metrics.find((x) => x.id === id);
  if (!m) throw new Error(`${suite.suite}: ratio names a missing metric ${id}`);
  return m;
}

function targetCell(r: RatioResult): string {
  if (!r.target) return '—';
  return `${targetText(r.target)}: **${r.met ? 'met' : 'missed'}**`;
}

function row(suite: SuiteResult, r: RatioResult, withSuite: boolean): string {
  const ours = metricOf(suite, r.ours);
  const base = metricOf(suite, r.baseline);
  const s = r.stats;
  return `| ${[
    ...(withSuite ? [`\`${suite.suite}\``] : []),
    cell(r.label),
    valueText(ours.stats.median, ours.unit),
    valueText(base.stats.median, base.unit),
    `**${ratioText(s.median)}**`,
    `${ratioText(s.p25)} – ${ratioText(s.p75)} (n=${s.n})`,
    targetCell(r),
  ].join(' | ')} |`;
}

/** The headline ratios of every suite, one row each. */
export function headlineTable(results: readonly SuiteResult[]): string {
  const lines = [
    '| suite | ours ÷ baseline | ours | baseline | ratio | spread | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const suite of results) for (const r of suite.ratios) if (r.headline) lines.push(row(suite, r, true));
  return lines.join('\n');
}

/** Per suite: what it compares, then every ratio it measured. */
export function suiteSections(results: readonly SuiteResult[]): string {
  const out: string[] = [];
  for (const suite of results) {
    out.push(`### \`${suite.suite}\`: ${suite.title}`, '', suite.description, '');
    if (suite.ratios.length) {
      out.push(
        '| ours ÷ baseline | ours | baseline | ratio | spread | target |',
        '| --- | --- | --- | --- | --- | --- |',
      );
      for (const r of suite.ratios) out.push(row(suite, r, false));
      out.push('');
    }
    for (const n of suite.notes) out.push(`- ${n}`);
    if (suite.notes.length) out.push('');
  }
  return out.join('\n').trimEnd();
}

/** When and where the numbers were taken. */
export function runInfo(results: readonly SuiteResult[]): string {
  const dates = results.map((r) => r.date).sort();
  const commits = [
    ...new Set(results.map((r) => `\`${r.commit || 'unknown'}\`${r.dirty ? ' (with local changes)' : ''}`)),
  ];
  const m = results[0]!.machine as { cpus?: number; cpu?: string; node?: string; memoryGb?: number };
  const chromium = results.map((r) => r.machine.chromium).find(Boolean);
  const day = (iso: string) => iso.slice(0, 10);
  const span = day(dates[0]!) === day(dates.at(-1)!) ? day(dates[0]!) : `${day(dates[0]!)} to ${day(dates.at(-1)!)}`;
  return [
    `Measured ${span} at commit ${commits.join(', ')} on ${m.cpus} CPUs (${m.cpu}), ${m.memoryGb} GiB, Node ${m.node}`,
    chromium ? `, ${chromium}` : '',
    '. Variants take turns in rounds: the ratio is the median of the per-round ratios (ours ÷ baseline of the ' +
      'same round), so it can differ from the quotient of the two medians beside it; the spread is their ' +
      'interquartile range, where the middle half of the rounds fell (n rounds; every sample is in ' +
      '`bench/results/`). Exact sizes are one sample.',
  ].join('');
}
