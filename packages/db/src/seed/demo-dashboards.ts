/** One demo dashboard: its tabs, each on a system template (by name), and which demo chart (by key) sits in which slot. */
export interface DemoDashboard {
  title: string;
  description: string;
  owner: 'user' | 'team';
  tabs: Array<{ title: string; template: string; place: Record<string, string> }>;
}

/** The demo's two dashboards; seedDemoData() writes them to the database, the elements' demo fixture mirrors them. */
export const DEMO_DASHBOARDS: DemoDashboard[] = [
  {
    title: 'Energy overview',
    description: 'Generation, demand and mix across the portfolio.',
    owner: 'user',
    tabs: [
      {
        title: 'Overview',
        template: 'Hero + 3',
        place: { hero: 'energy', 'bottom-left': 'mix', 'bottom-center': 'monthly', 'bottom-right': 'site-load' },
      },
      { title: 'Patterns', template: '2×2 grid', place: { 'top-left': 'heatmap', 'top-right': 'site-load' } },
    ],
  },
  {
    title: 'Site operations',
    description: 'KPIs and storage for the operations team.',
    owner: 'team',
    tabs: [
      {
        title: 'KPIs',
        template: '12-col KPI row + charts',
        place: { 'kpi-1': 'peak', 'kpi-2': 'renewable', 'chart-left': 'battery', 'chart-right': 'site-load' },
      },
      { title: 'Detail', template: 'Two columns', place: { left: 'energy-year', right: 'heatmap' } },
    ],
  },
];

/** The demo workspace's folders, parents before children. */
export const DEMO_FOLDERS = ['/Energy', '/Energy/Generation', '/Energy/Demand', '/Reports'];
