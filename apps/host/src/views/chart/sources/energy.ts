import { type DataSourceConfig, ENERGY_COLUMNS } from '@ocp/contract';
import { h, mount } from '../../../ui/dom.js';
import { messageOf } from '../../../ui/feedback.js';
import type { PanelContext, SourcePanel } from './panel.js';

const DEFAULT_FORECAST = 'seasonal-naive-4w';
const DEFAULT_DETECTOR = 'residual-mad';

/**
 * The energy tables (sites' generation, demand, forecasts, anomalies) aggregated into time buckets: which sites
 * (none ticked: all the owner's sites), the bucket, power or energy, the time range, and whether the forecast band
 * and the anomaly markers show (with the model and detector they come from).
 */
export function energyPanel(ctx: PanelContext): SourcePanel {
  const sites = h(
    'fieldset',
    { class: 'sub site-picks' },
    h('legend', null, 'Sites'),
    h('p', { class: 'muted' }, 'Loading sites…'),
  );
  let wantedSites: string[] = [];
  const bucket = h(
    'select',
    { name: 'bucket' },
    [
      ['auto', 'Automatic (about two points per pixel)'],
      ['15min', '15 minutes'],
      ['hour', 'Hour'],
      ['day', 'Day'],
      ['week', 'Week'],
    ].map(([v, label]) => h('option', { value: v }, label)),
  );
  const measure = h(
    'select',
    { name: 'measure' },
    h('option', { value: 'power' }, 'Power (average kW per bucket)'),
    h('option', { value: 'energy' }, 'Energy (kWh summed per bucket)'),
  );
  const from = h('input', { type: 'date', name: 'rangeFrom' });
  const to = h('input', { type: 'date', name: 'rangeTo' });
  const forecast = h('input', { type: 'checkbox', name: 'forecast', checked: true });
  const model = h('input', { type: 'text', name: 'forecastModel', value: DEFAULT_FORECAST, autocomplete: 'off' });
  const anomalies = h('input', { type: 'checkbox', name: 'anomalies', checked: true });
  const detector = h('input', { type: 'text', name: 'anomalyDetector', value: DEFAULT_DETECTOR, autocomplete: 'off' });
  const toggles = () => {
    model.disabled = !forecast.checked;
    detector.disabled = !anomalies.checked;
  };
  forecast.addEventListener('change', toggles);
  anomalies.addEventListener('change', toggles);

  const siteBoxes = () => [...sites.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  const siteErrors = ctx.errors.register('siteIds', 'Sites', sites);
  void ctx.options.then(
    (options) => {
      const known = new Set(options.energySites.map((s) => s.id));
      mount(
        sites,
        h('legend', null, 'Sites'),
        options.energySites.length
          ? h('p', { class: 'muted' }, 'None ticked: all your sites.')
          : h('p', { class: 'muted' }, 'You have no energy sites yet.'),
        options.energySites.map((s) =>
          h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'site', value: s.id }), ` ${s.name}`),
        ),
        // Sites the chart names that the caller cannot see (a team's, since left): kept, and said so.
        wantedSites
          .filter((id) => !known.has(id))
          .map((id) =>
            h(
              'label',
              { class: 'check' },
              h('input', { type: 'checkbox', name: 'site', value: id }),
              ' A site you cannot see',
            ),
          ),
      );
      for (const box of siteBoxes()) box.checked = wantedSites.includes(box.value);
      ctx.changed();
    },
    (e: unknown) => mount(sites, h('legend', null, 'Sites'), h('p', { class: 'form-error' }, messageOf(e))),
  );

  const element = h(
    'div',
    { class: 'energy-source' },
    sites,
    siteErrors,
    ctx.errors.field('Time bucket', bucket, 'bucket'),
    ctx.errors.field('Measure', measure, 'measure'),
    h(
      'div',
      { class: 'pair' },
      ctx.errors.field('From (optional)', from, 'range.from'),
      ctx.errors.field('To (optional)', to, 'range.to'),
    ),
    h('label', { class: 'check' }, forecast, ' Show the forecast band'),
    ctx.errors.field('Forecast model', model, 'forecastModel'),
    h('label', { class: 'check' }, anomalies, ' Mark anomalies'),
    ctx.errors.field('Anomaly detector', detector, 'anomalyDetector'),
  );

  return {
    kind: 'energy',
    element,
    readField: 'siteIds',
    read() {
      const ticked = siteBoxes()
        .filter((b) => b.checked)
        .map((b) => b.value);
      const chosen = ticked.length ? ticked : siteBoxes().length ? [] : wantedSites;
      const range = { ...(from.value ? { from: from.value } : {}), ...(to.value ? { to: to.value } : {}) };
      return {
        ...(chosen.length ? { siteIds: chosen } : {}),
        ...(Object.keys(range).length ? { range } : {}),
        bucket: bucket.value,
        measure: measure.value,
        forecastModel: forecast.checked ? model.value.trim() : null,
        anomalyDetector: anomalies.checked ? detector.value.trim() : null,
      };
    },
    fill(source: DataSourceConfig) {
      if (source.kind !== 'energy') return;
      wantedSites = source.siteIds ?? [];
      for (const box of siteBoxes()) box.checked = wantedSites.includes(box.value);
      bucket.value = source.bucket ?? 'auto';
      measure.value = source.measure ?? 'power';
      from.value = dateOf(source.range?.from);
      to.value = dateOf(source.range?.to);
      forecast.checked = source.forecastModel !== null;
      model.value = source.forecastModel ?? DEFAULT_FORECAST;
      anomalies.checked = source.anomalyDetector !== null;
      detector.value = source.anomalyDetector ?? DEFAULT_DETECTOR;
      toggles();
    },
    columns: () => [...ENERGY_COLUMNS],
  };
}

/** A range end as the date field shows it (the form edits days; a finer saved time shows its day). */
function dateOf(v: string | number | undefined): string {
  if (v === undefined) return '';
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}
