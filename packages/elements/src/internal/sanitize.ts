/**
 * Plotly renders a pseudo-HTML subset in titles, trace names, annotations, hover and text templates
 * (`<b>`, `<i>`, `<br>`, `<a href>`, `<span style>`…). Configs come from users and the server, so every string is
 * cleaned before Plotly sees it: only that subset of tags survives, attributes are limited to `href`, `target` and
 * a plain `style`, and links keep only targets on the page's own origin (or mailto). Layout images come only from
 * the page's origin or `data:`. Plotly's own href check stays a second line.
 * Config options are allow-listed so nothing from the server can point Plotly at a URL or switch on editing.
 */
// `extra` is Plotly's hovertemplate box for the trace name.
const ALLOWED_TAGS = new Set(['b', 'i', 'em', 'strong', 'sup', 'sub', 'br', 'a', 'span', 's', 'u', 'extra']);
/** A whole tag, or a `<` that starts none (escaped, so a half tag cannot combine with later text). */
const TAG_OR_LT = /<\/?([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>|</g;
const ATTR = /([a-zA-Z-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

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

/** Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so compare without them. */
function compact(rawUrl: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return decodeEntities(rawUrl).replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
}

/** The URL a link or image source resolves to on this page, or null when it cannot be parsed. */
function resolve(url: string): URL | null {
  try {
    return new URL(url, document.baseURI);
  } catch {
    return null;
  }
}

/** http(s) on this page's own origin: relative paths, `#anchors`, or absolute URLs of this very origin. */
function isSameOrigin(url: string): boolean {
  // Protocol-relative ("//evil.example", and "/\evil.example" or "\\evil.example", which browsers read the same
  // way) leaves the origin while looking relative.
  if (/^[\\/]{2}/.test(url)) return false;
  const resolved = resolve(url);
  return (
    resolved !== null &&
    (resolved.protocol === 'http:' || resolved.protocol === 'https:') &&
    resolved.origin === location.origin
  );
}

/**
 * Links in chart text may go to this page's own origin (relative, or absolute on the same origin) or be `mailto:`;
 * anything else (scripts, `data:`, other sites, protocol-relative `//host`) is dropped. A chart is content from
 * other users; a link in it must not lead the viewer off the app to a page dressed up as part of it.
 */
export function isSafeUrl(rawUrl: string): boolean {
  const url = compact(rawUrl);
  return /^mailto:/i.test(url) || isSameOrigin(url);
}

/** Raster and SVG images inline as `data:` (an SVG drawn as an image runs no script). */
const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,]/i;

/**
 * Sources of `layout.images` (and `image` traces): same-origin URLs or `data:image/…`. An image from another host
 * would tell that host who viewed the chart, and when (a tracking pixel in a shared dashboard).
 */
export function isSafeImageSource(rawSource: unknown): boolean {
  if (typeof rawSource !== 'string') return false;
  const source = compact(rawSource);
  return DATA_IMAGE.test(source) || isSameOrigin(source);
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
  return clean(value, 0, true) as T;
}

const MAX_DEPTH = 64;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Numbers and nulls only (nothing that could carry markup). A plain loop: it runs over every value of every data
 * array on each drawing, and `Array.prototype.every` with a callback is several times slower on arrays this long.
 */
function onlyNumbers(v: readonly unknown[]): boolean {
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' && x !== null) return false;
  }
  return true;
}

/**
 * With `copy` false, whatever needs no change is returned as is (the same array or object), and only what does is
 * copied: a figure's data arrays, the bulk of it, are then never copied on their way to Plotly.
 */
function clean(v: unknown, depth: number, copy: boolean): unknown {
  if (typeof v === 'string') return sanitizeText(v);
  if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return typeof v === 'function' ? undefined : v;
  // Typed arrays and other non-plain data pass through untouched (numbers cannot carry markup).
  if (ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) {
    // Long numeric arrays are the bulk of a figure: skip the per-item walk when there is nothing to clean.
    if (onlyNumbers(v)) return v;
    if (copy) return v.map((x) => clean(x, depth + 1, true));
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = clean(v[i], depth + 1, false);
      if (x !== v[i] && !out) out = v.slice(0, i);
      out?.push(x);
    }
    return out ?? v;
  }
  const proto = Object.getPrototypeOf(v);
  let out: Record<string, unknown> | undefined =
    copy || (proto !== Object.prototype && proto !== null) ? {} : undefined;
  const entries = Object.entries(v);
  for (let i = 0; i < entries.length; i++) {
    const [k, x] = entries[i]!;
    const cleaned = FORBIDDEN.has(k) ? undefined : clean(x, depth + 1, copy);
    if (!out && (FORBIDDEN.has(k) || cleaned !== x)) {
      out = {};
      for (let j = 0; j < i; j++) out[entries[j]![0]] = entries[j]![1];
    }
    if (out && !FORBIDDEN.has(k)) out[k] = cleaned;
  }
  return out ?? v;
}

/** `images` of a layout (and of its template's layout) keep only the entries whose source is safe. */
function keepSafeImages(layout: Record<string, unknown>): Record<string, unknown> {
  const out = { ...layout };
  if (Array.isArray(out.images)) {
    out.images = out.images.filter(
      (image) =>
        image !== null && typeof image === 'object' && isSafeImageSource((image as { source?: unknown }).source),
    );
  }
  return out;
}

/** A figure's layout, sanitized: text cleaned, and images only from this origin or `data:`. */
export function sanitizeLayout(layout: Record<string, unknown>): Record<string, unknown> {
  const out = keepSafeImages(sanitizeDeep(layout));
  const template = out.template as { layout?: unknown } | undefined;
  if (template && typeof template === 'object' && template.layout && typeof template.layout === 'object') {
    out.template = { ...template, layout: keepSafeImages(template.layout as Record<string, unknown>) };
  }
  return out;
}

/** A figure's traces, sanitized: text cleaned, and an `image` trace's `source` only from this origin or `data:`. */
export function sanitizeData(data: unknown[]): Record<string, unknown>[] {
  // Each trace is a fresh object (Plotly writes into the traces it is given, e.g. `visible` on a legend click), but
  // what inside it needs no cleaning is shared with the caller's figure, not copied.
  return data
    .map((input) => {
      const cleaned = clean(input, 1, false);
      const trace = cleaned && typeof cleaned === 'object' && !Array.isArray(cleaned) ? { ...cleaned } : cleaned;
      return trace as Record<string, unknown>;
    })
    .map((trace) => {
      if (!trace || typeof trace !== 'object' || !('source' in trace) || isSafeImageSource(trace.source)) return trace;
      const { source: _dropped, ...rest } = trace;
      return rest;
    });
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
