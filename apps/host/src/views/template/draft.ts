import type { LayoutConfig, PositionConfig, SlotConstraints } from '@ocp/contract';

/** A slot as the builder edits it (the shape templates.create takes). */
export interface DraftSlot {
  slotKey: string;
  slotType: 'chart' | 'metric' | 'text';
  positionConfig: PositionConfig;
  constraints: SlotConstraints;
}

export interface DraftTemplate {
  name: string;
  description: string;
  layoutConfig: LayoutConfig;
  slots: DraftSlot[];
}

/** Responsive defaults, as the system templates have: one column on phones, half the columns on tablets. */
export function defaultBreakpoints(columns: number): NonNullable<LayoutConfig['breakpoints']> {
  return {
    sm: { minWidth: 0, columns: 1 },
    md: { minWidth: 640, columns: Math.max(1, Math.floor(columns / 2)) },
    lg: { minWidth: 1024, columns },
  };
}

export function emptyDraft(): DraftTemplate {
  return {
    name: '',
    description: '',
    layoutConfig: { columns: 12, rowHeight: 80, gap: 12, breakpoints: defaultBreakpoints(12) },
    slots: [],
  };
}

const overlaps = (a: PositionConfig, b: PositionConfig) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The rectangle spanned by two grid cells (either corner first). */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): PositionConfig {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x) + 1, h: Math.abs(a.y - b.y) + 1 };
}

/**
 * What is wrong with a draft, in words (empty when it can be saved): every slot inside the grid, none overlapping,
 * keys unique and well formed, sizes within each slot's own minimums.
 */
export function problems(d: DraftTemplate): string[] {
  const out: string[] = [];
  if (!d.name.trim()) out.push('Give the template a name.');
  if (!d.slots.length) out.push('Draw at least one slot on the grid.');
  const keys = new Set<string>();
  d.slots.forEach((s, i) => {
    const p = s.positionConfig;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(s.slotKey))
      out.push(`Slot ${i + 1}: its label may use letters, digits, "-" and "_" only.`);
    if (keys.has(s.slotKey)) out.push(`Two slots are labelled "${s.slotKey}".`);
    keys.add(s.slotKey);
    if (p.x + p.w > d.layoutConfig.columns)
      out.push(`Slot "${s.slotKey}" is wider than the ${d.layoutConfig.columns}-column grid.`);
    if (s.constraints.minW && p.w < s.constraints.minW)
      out.push(`Slot "${s.slotKey}" is ${p.w} columns wide, less than its minimum of ${s.constraints.minW}.`);
    if (s.constraints.minH && p.h < s.constraints.minH)
      out.push(`Slot "${s.slotKey}" is ${p.h} rows high, less than its minimum of ${s.constraints.minH}.`);
    d.slots.forEach((t, j) => {
      if (j > i && overlaps(p, t.positionConfig)) out.push(`Slots "${s.slotKey}" and "${t.slotKey}" overlap.`);
    });
  });
  return out;
}

/** A new slot key not used yet: `slot-1`, `slot-2`… */
export function nextKey(slots: readonly DraftSlot[], base = 'slot'): string {
  for (let i = 1; ; i++) if (!slots.some((s) => s.slotKey === `${base}-${i}`)) return `${base}-${i}`;
}

export function overlapsAny(slots: readonly DraftSlot[], p: PositionConfig, except?: DraftSlot): boolean {
  return slots.some((s) => s !== except && overlaps(s.positionConfig, p));
}
