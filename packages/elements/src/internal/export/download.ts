/** A file name from a title: what file systems refuse becomes "-", and an empty title becomes `fallback`. */
export function fileName(title: string | undefined, extension: string, fallback = 'chart'): string {
  const base = (title ?? '')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${base || fallback}.${extension}`;
}

/** Saves a Blob through a temporary link (the browser's download, with its name). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A data: URL (base64 or percent-encoded, as Plotly.toImage returns them) as a Blob. Decoded here rather than
 * with fetch(), which a page's Content-Security-Policy (connect-src) may refuse for data: URLs.
 */
export async function dataUrlToBlob(url: string): Promise<Blob> {
  const comma = url.indexOf(',');
  const header = url.slice(5, comma);
  const type = header.split(';')[0] || 'application/octet-stream';
  const body = url.slice(comma + 1);
  if (header.endsWith(';base64')) {
    const text = atob(body);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Blob([bytes], { type });
  }
  return new Blob([decodeURIComponent(body)], { type });
}
