import { chartImage, type ExportableChart } from './chart-image.js';
import { jpegToPdf } from './pdf.js';

export interface DashboardPicture {
  title: string;
  /** The area to draw: the visible tab's grid. */
  area: HTMLElement;
  /** Its charts, each drawn where it sits in the area, under its heading. */
  charts: (ExportableChart & { heading?: string })[];
  background: string;
  color: string;
}

const HEADER = 40;

/**
 * The visible tab as one picture: each chart rendered by Plotly.toImage and drawn at its place on a canvas, with
 * the dashboard's title and each chart's heading. Composed by hand because the charts live in shadow roots, which
 * DOM-to-image libraries (html2canvas, html-to-image) do not traverse reliably, and Plotly already renders itself.
 */
async function compose(picture: DashboardPicture, scale: number): Promise<HTMLCanvasElement> {
  const box = picture.area.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(box.width * scale);
  canvas.height = Math.ceil((box.height + HEADER) * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = picture.background;
  ctx.fillRect(0, 0, box.width, box.height + HEADER);
  ctx.fillStyle = picture.color;
  ctx.font = '600 18px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillText(picture.title, 12, HEADER / 2);
  for (const chart of picture.charts) {
    const plot = chart.plotElement;
    if (!plot) continue;
    const at = plot.getBoundingClientRect();
    const own = chart.getBoundingClientRect();
    const blob = await chartImage(chart, 'png', scale);
    const bitmap = await createImageBitmap(blob);
    ctx.drawImage(bitmap, at.left - box.left, at.top - box.top + HEADER, at.width, at.height);
    bitmap.close();
    if (chart.heading) {
      ctx.font = '600 14px system-ui, sans-serif';
      ctx.fillText(chart.heading, own.left - box.left + 12, own.top - box.top + HEADER + 14, own.width - 24);
    }
  }
  return canvas;
}

function canvasBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The picture could not be encoded.'))), type, quality),
  );
}

/** The visible tab as a PNG. */
export async function dashboardPng(picture: DashboardPicture): Promise<Blob> {
  return canvasBlob(await compose(picture, 2), 'image/png');
}

/** The visible tab as a one-page PDF (the picture as a JPEG, page sized to it). */
export async function dashboardPdf(picture: DashboardPicture): Promise<Blob> {
  const canvas = await compose(picture, 2);
  const jpeg = new Uint8Array(await (await canvasBlob(canvas, 'image/jpeg', 0.92)).arrayBuffer());
  return jpegToPdf(jpeg, canvas.width, canvas.height);
}
