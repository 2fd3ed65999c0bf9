/**
 * Trace colours a figure fixed for one theme can vanish in the other: the demo energy chart's anomaly markers are
 * near-black (`#111`), invisible on a dark background. A colour too close to the background (near-black under a
 * light text colour, near-white under a dark one) is drawn in the text colour instead; every other colour is kept.
 */
type Trace = Record<string, unknown>;

function rgbOf(color: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(color.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  if (/^black$/i.test(color.trim())) return [0, 0, 0];
  if (/^white$/i.test(color.trim())) return [255, 255, 255];
  return null;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function fix(color: unknown, textColor: string, darkTheme: boolean): unknown {
  if (typeof color !== 'string') return color;
  const rgb = rgbOf(color);
  if (!rgb) return color;
  const l = luminance(rgb);
  return (darkTheme && l < 0.02) || (!darkTheme && l > 0.9) ? textColor : color;
}

/** The traces with colours that would vanish on the theme's background replaced by the text colour. */
export function withThemeContrast<T>(data: T[], textColor: string): T[] {
  const text = rgbOf(textColor);
  if (!text) return data;
  const darkTheme = luminance(text) > 0.5; // light text: a dark background
  return data.map((raw) => {
    const trace = raw as Trace;
    const marker = trace.marker as Trace | undefined;
    const line = trace.line as Trace | undefined;
    const markerLine = marker?.line as Trace | undefined;
    if (!marker && !line) return raw;
    const out: Trace = { ...trace };
    if (marker) {
      out.marker = {
        ...marker,
        ...(marker.color !== undefined && { color: fix(marker.color, textColor, darkTheme) }),
        ...(markerLine?.color !== undefined && {
          line: { ...markerLine, color: fix(markerLine.color, textColor, darkTheme) },
        }),
      };
    }
    if (line?.color !== undefined) out.line = { ...line, color: fix(line.color, textColor, darkTheme) };
    return out as T;
  });
}
