/**
 * Plotly renders a pseudo-HTML subset in titles, trace names, annotations, hover and text templates
 * (`<b>`, `<i>`, `<br>`, `<a href>`, `<span style>`…). Configs come from users and the server, so every string is
 * cleaned before Plotly sees it: only that subset of tags survives, attributes are limited to `href`, `target` and
 * a plain `style`, and links keep only http(s)/mailto/relative targets. Plotly's own href check stays a second line.
 * Config options are allow-listed so nothing from the server can point Plotly at a URL or switch on editing.
 */
// `extra` is Plotly's hovertemplate box for the trace name.
const ALLOWED_TAGS = new Set(['b', 'i', 'em', 'strong', 'sup', 'sub', 'br', 'a', 'span', 's', 'u', 'extra']);
/** A whole tag, or a `<` that starts none (escaped, so a half tag cannot combine with later text). */
const TAG_OR_LT = /<\/?([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>|</g;
const ATTR = /([a-zA-Z-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
const SAFE_URL = /^(https?|mailto):/i;

const NAMED: Record<string, string> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  amp: '&',
  sol: '/',
  lpar: '(',
  rpar: ')',
};

/** Decodes the entities a link could hide its scheme behind (`&#106;avascript:`, `javascript&colon;`). */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? m;
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return Number.isFinite(code) && code < 0x110000 ? String.fromCodePoint(code) : '';
  });
}

export function isSafeUrl(rawUrl: string): boolean {
  const url = decodeEntities(rawUrl);
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so compare without them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
  // No scheme: a relative link, which stays on the page's own origin and protocol.
  return !/^[a-z][a-z0-9+.-]*:/i.test(compact) || SAFE_URL.test(compact);
}

function cleanAttrs(tag: string, attrs: string): string {
  let out = '';
  for (const m of attrs.matchAll(ATTR)) {
    const name = m[1]!.toLowerCase();
    const value = m[3] ?? m[4] ?? '';
    if (name === 'href' && tag === 'a' && isSafeUrl(value)) out += ` href="${value.replace(/"/g, '%22')}"`;
    else if (name === 'target' && tag === 'a' && /^_?[a-z]+$/i.test(value)) out += ` target="${value}"`;
    else if (name === 'style' && !/url\s*\(|expression|javascript:|[<>]/i.test(value))
      out += ` style="${value.replace(/"/g, '')}"`;
  }
  return out;
}

/** One string: allowed tags kept (with cleaned attributes), every other tag removed. */
export function sanitizeText(text: string): string {
  if (!text.includes('<')) return text;
  return text.replace(TAG_OR_LT, (match: string, rawName: string | undefined, attrs: string | undefined) => {
    if (rawName === undefined) return '&lt;';
    const name = rawName.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) return '';
    return match.startsWith('</') ? `</${name}>` : `<${name}${cleanAttrs(name, attrs ?? '')}>`;
  });
}

/** A deep copy of a JSON value with every string sanitized; objects stay plain, `__proto__`-like keys dropped. */
export function sanitizeDeep<T>(value: T): T {
  return clean(value, 0) as T;
}

const MAX_DEPTH = 64;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function clean(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return sanitizeText(v);
  if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return typeof v === 'function' ? undefined : v;
  // Typed arrays and other non-plain data pass through untouched (numbers cannot carry markup).
  if (ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) {
    // Long numeric arrays are the bulk of a figure: skip the per-item walk when there is nothing to clean.
    if (v.every((x) => typeof x === 'number' || x === null)) return v;
    return v.map((x) => clean(x, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!FORBIDDEN.has(k)) out[k] = clean(x, depth + 1);
  return out;
}

/** Plotly config options a stored chart may set; the rest (URLs, editing, links to Chart Studio…) are dropped. */
const CONFIG_KEYS = new Set([
  'displayModeBar',
  'displaylogo',
  'scrollZoom',
  'doubleClick',
  'showTips',
  'showAxisDragHandles',
  'showAxisRangeEntryBoxes',
  'staticPlot',
  'locale',
  'modeBarButtonsToRemove',
  'modeBarButtonsToAdd',
  'toImageButtonOptions',
  'frameMargins',
  'autosizable',
  'fillFrame',
  'watermark',
  'plotGlPixelRatio',
  'typesetMath',
]);

export function sanitizeConfig(config: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config ?? {})) {
    // modeBarButtonsToAdd may only name built-in buttons (strings); objects would carry click handlers.
    if (k === 'modeBarButtonsToAdd' && Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string');
    else if (CONFIG_KEYS.has(k)) out[k] = sanitizeDeep(v);
  }
  return out;
}
