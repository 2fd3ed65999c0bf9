import type { Columns } from '@ocp/contract';

/** Small deterministic PRNG (mulberry32) so the demo looks the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (v: number) => Math.round(v * 10) / 10;
export const DEMO_WEEK_START = Date.UTC(2026, 9, 26); // Monday 26 Oct 2026, 00:00 UTC
export const SITES = ['North plant', 'South campus', 'East depot'] as const;
export const SOURCES = ['solar', 'wind', 'battery', 'grid'] as const;

/** Hourly demand for one week at three sites (kW). */
export function weeklySiteLoad(): Columns {
  const rand = prng(42);
  const time: string[] = [];
  const perSite: number[][] = SITES.map(() => []);
  for (let h = 0; h < 24 * 7; h++) {
    time.push(new Date(DEMO_WEEK_START + h * 3_600_000).toISOString());
    const hour = h % 24;
    const weekday = Math.floor(h / 24) < 5;
    const daily = Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
    SITES.forEach((_, s) => {
      const base = [420, 260, 180][s]!;
      const swing = [380, 220, 90][s]! * (weekday ? 1 : 0.45);
      perSite[s]!.push(round(base + swing * daily + (rand() - 0.5) * 40));
    });
  }
  return { time, north: perSite[0]!, south: perSite[1]!, east: perSite[2]! };
}

/** Hourly generation by source plus demand for one week (kWh per hour, whole portfolio). */
export function weeklyEnergyBalance(): Columns {
  const rand = prng(7);
  const load = weeklySiteLoad();
  const cols: Columns = { time: load.time!, solar: [], wind: [], battery: [], grid: [], demand: [] };
  let wind = 260;
  for (let h = 0; h < 24 * 7; h++) {
    const demand = (load.north![h] as number) + (load.south![h] as number) + (load.east![h] as number);
    const hour = h % 24;
    const cloud = 0.6 + 0.4 * rand();
    const solar = Math.max(0, Math.sin(((hour - 6) / 12) * Math.PI)) * 620 * cloud;
    wind = Math.min(520, Math.max(20, wind + (rand() - 0.5) * 90));
    // The battery discharges in the evening peak and charges (negative) around noon.
    const battery = hour >= 17 && hour <= 21 ? 140 : hour >= 10 && hour <= 14 ? -90 : 0;
    const grid = Math.max(0, demand - solar - wind - battery);
    cols.solar!.push(round(solar));
    cols.wind!.push(round(wind));
    cols.battery!.push(round(battery));
    cols.grid!.push(round(grid));
    cols.demand!.push(round(demand));
  }
  return cols;
}

/** Monthly generation by source for a year (MWh). */
export function monthlyGeneration(): Columns {
  const rand = prng(2026);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const cols: Columns = { month: months, solar: [], wind: [], grid: [] };
  months.forEach((_, m) => {
    const summer = Math.sin(((m - 2) / 12) * 2 * Math.PI);
    cols.solar!.push(round(95 + 80 * summer + rand() * 10));
    cols.wind!.push(round(150 - 40 * summer + rand() * 25));
    cols.grid!.push(round(210 - 30 * summer + rand() * 15));
  });
  return cols;
}

/** Average load by hour of day and weekday (columnar x/y/z for a heatmap). */
export function loadHeatmap(): Columns {
  const load = weeklySiteLoad();
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const cols: Columns = { hour: [], weekday: [], load: [] };
  for (let h = 0; h < 24 * 7; h++) {
    cols.hour!.push(h % 24);
    cols.weekday!.push(days[Math.floor(h / 24)]!);
    cols.load!.push(round((load.north![h] as number) + (load.south![h] as number) + (load.east![h] as number)));
  }
  return cols;
}

/** Share of each source over the demo week (kWh). */
export function generationMix(): Columns {
  const balance = weeklyEnergyBalance();
  const total = (name: string) => round((balance[name] as number[]).reduce((a, b) => a + Math.max(0, b), 0));
  return { source: ['Solar', 'Wind', 'Battery', 'Grid'], energy: ['solar', 'wind', 'battery', 'grid'].map(total) };
}

/** Battery state of charge over the week (%). */
export function batteryStateOfCharge(): Columns {
  const balance = weeklyEnergyBalance();
  let soc = 55;
  const values: number[] = [];
  for (const b of balance.battery as number[]) {
    soc = Math.min(100, Math.max(5, soc - b / 12));
    values.push(round(soc));
  }
  return { time: balance.time!, soc: values };
}
