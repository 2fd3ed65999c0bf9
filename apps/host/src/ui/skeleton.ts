import { h, mount } from './dom.js';

/** The layout of what is on its way: a grid of cards, a list of rows, a form, or a dashboard's grid of tiles. */
export type SkeletonShape = 'cards' | 'rows' | 'form' | 'board';

const COUNT: Record<SkeletonShape, number> = { cards: 6, rows: 5, form: 4, board: 4 };

/**
 * Grey placeholder shapes in the layout of the content to come. The label is what assistive technology reads
 * (role=status); the shapes themselves are hidden from it.
 */
export function skeleton(shape: SkeletonShape, label: string): HTMLElement {
  return h(
    'div',
    { class: `skeleton skeleton-${shape}`, role: 'status' },
    h('span', { class: 'visually-hidden' }, label),
    Array.from({ length: COUNT[shape] }, () => h('div', { class: 'skeleton-block', 'aria-hidden': 'true' })),
  );
}

/** Marks `region` busy (aria-busy) and fills it with a skeleton until `settle(region)`. */
export function showSkeleton(region: HTMLElement, shape: SkeletonShape, label: string): void {
  region.setAttribute('aria-busy', 'true');
  mount(region, skeleton(shape, label));
}

/** The region's content (or its empty state, or its error) is in: it is no longer busy. */
export function settle(region: HTMLElement): void {
  region.removeAttribute('aria-busy');
}
