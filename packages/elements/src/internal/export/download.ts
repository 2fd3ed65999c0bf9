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

/** A data: URL (base64 or percent-encoded, as Plotly.toImage returns them) as a Blob. */
export async function dataUrlToBlob(url: string): Promise<Blob> {
  return (await fetch(url)).blob();
}
