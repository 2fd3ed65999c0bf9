/**
 * The widths chart data are computed for: a width is rounded up to a multiple of 128 px up to 2,048 px, then to the
 * next power of two. The server caches per bucket (so a resize or a zoom within one hits the cache) and a chart
 * refetches only when it grows into another bucket; both use this one function.
 */
export function widthBucket(width: number): number {
  if (width <= WIDTH_STEP * 16) return Math.ceil(width / WIDTH_STEP) * WIDTH_STEP;
  return 2 ** Math.ceil(Math.log2(width));
}
const WIDTH_STEP = 128;
