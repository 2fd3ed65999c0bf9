import { expect } from '@esm-bundle/chai';
import { readerConfig, withoutThirdPartyRequests } from './plotly-egress.js';

describe('plotly-egress', () => {
  it('switches off Plotly Cloud, Chart Studio and the logo link, and keeps export', () => {
    const config = readerConfig({
      showSendToCloud: true,
      plotlyServerURL: 'https://cloud.plotly.com/newchart',
      displaylogo: true,
      modeBarButtonsToAdd: ['sendChartToCloud', 'editInChartStudio', 'toImage', { name: 'x' }],
    });
    expect(config).to.include({
      showSendToCloud: false,
      showEditInChartStudio: false,
      showLink: false,
      plotlyServerURL: '',
      displaylogo: false,
      watermark: false,
      topojsonURL: '/topojson/',
    });
    expect(config.modeBarButtonsToAdd).to.deep.equal(['toImage']);
  });

  it('keeps layout images that are data: URIs or on the page origin, and drops the rest', () => {
    const { layout } = withoutThirdPartyRequests(
      {
        images: [
          { source: 'data:image/png;base64,iVBORw0KGgo=' },
          { source: '/logo.png' },
          { source: `${location.origin}/logo.png` },
          { source: 'https://tracker.example/pixel.png' },
          { source: '//cdn.example/logo.png' },
        ],
      },
      [],
    );
    expect((layout.images as Array<{ source: string }>).map((i) => i.source)).to.deep.equal([
      'data:image/png;base64,iVBORw0KGgo=',
      '/logo.png',
      `${location.origin}/logo.png`,
    ]);
  });

  it('gives map traces a tile-free background, drops remote map layers and geojson', () => {
    const { layout, data } = withoutThirdPartyRequests(
      {
        map: {
          style: 'open-street-map',
          layers: [
            { sourcetype: 'raster', source: ['https://tiles.example/{z}/{x}/{y}.png'] },
            { sourcetype: 'geojson', source: { type: 'FeatureCollection', features: [] } },
          ],
        },
        mapbox2: { style: 'https://api.example/style.json' },
      },
      [
        { type: 'scattermap', lat: [1], lon: [2] },
        { type: 'densitymap', subplot: 'map3', lat: [1], lon: [2] },
        { type: 'choroplethmap', geojson: 'https://data.example/regions.json', locations: ['a'], z: [1] },
        { type: 'choropleth', geojson: '/regions.json', locations: ['a'], z: [1] },
      ],
    );
    expect((layout.map as { style: string }).style).to.equal('white-bg');
    expect((layout.map as { layers: unknown[] }).layers).to.have.length(1);
    expect((layout.mapbox2 as { style: string }).style).to.equal('white-bg');
    // Plotly's default map subplot would use a public tile server.
    expect(layout.map3).to.deep.equal({ style: 'white-bg' });
    expect(data[2]!.geojson).to.equal(undefined);
    expect(data[3]!.geojson).to.equal('/regions.json');
  });
});
