/**
 * Marked regions in Markdown: `<!-- bench:<key> -->text<!-- /bench -->`. The comments do not render, so a reader
 * sees only the text, and `pnpm bench:docs` can put the latest measured value in its place. A key is
 * `<suite>.<quote>` (a quote the suite wrote into its result) or a block this package generates
 * (`benchmarks.table`, …).
 */
const REGION = /<!-- bench:([\w.-]+) -->([\s\S]*?)<!-- \/bench -->/g;

export interface Rewrite {
  text: string;
  /** Keys the resolver had no value for (their regions are left as they were). */
  missing: string[];
  /** Keys found, in order. */
  keys: string[];
}

export function rewriteRegions(text: string, resolve: (key: string) => string | undefined): Rewrite {
  const missing: string[] = [];
  const keys: string[] = [];
  const out = text.replace(REGION, (whole, key: string) => {
    keys.push(key);
    const value = resolve(key);
    if (value === undefined) {
      missing.push(key);
      return whole;
    }
    return `<!-- bench:${key} -->${value}<!-- /bench -->`;
  });
  return { text: out, missing, keys };
}
