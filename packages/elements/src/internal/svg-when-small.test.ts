import { expect } from '@esm-bundle/chai';
import { SVG_LINE_POINTS, SVG_MARKER_POINTS, svgWhenSmall } from './svg-when-small.js';

const xy = (n: number) => ({ x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => i) });
const types = (traces: ReturnType<typeof svgWhenSmall>) => traces?.map((t) => t.type) ?? null;

describe('svgWhenSmall', () => {
  it('turns few-point scattergl lines into SVG scatter, up to SVG_LINE_POINTS over the chart', () => {
    expect(types(svgWhenSmall([{ type: 'scattergl', mode: 'lines', ...xy(2048) }]))).to.deep.equal(['scatter']);
    const half = SVG_LINE_POINTS / 2;
    const two = [
      { type: 'scattergl', mode: 'lines', ...xy(half) },
      { type: 'scattergl', ...xy(half) },
    ];
    expect(types(svgWhenSmall(two))).to.deep.equal(['scatter', 'scatter']);
    expect(svgWhenSmall([...two, { type: 'scattergl', mode: 'lines', ...xy(1) }])).to.equal(null);
  });

  it('allows fewer points drawn one node each: markers, text, error bars', () => {
    const n = SVG_MARKER_POINTS + 1;
    expect(svgWhenSmall([{ type: 'scattergl', mode: 'markers', ...xy(n) }])).to.equal(null);
    expect(svgWhenSmall([{ type: 'scattergl', mode: 'lines+text', ...xy(n) }])).to.equal(null);
    expect(svgWhenSmall([{ type: 'scattergl', mode: 'lines', error_y: { array: [] }, ...xy(n) }])).to.equal(null);
    expect(types(svgWhenSmall([{ type: 'scattergl', mode: 'markers', ...xy(SVG_MARKER_POINTS) }]))).to.deep.equal([
      'scatter',
    ]);
  });

  it('counts only the live window of each trace', () => {
    const long = [{ type: 'scattergl', mode: 'markers', ...xy(SVG_MARKER_POINTS * 3) }];
    expect(svgWhenSmall(long)).to.equal(null);
    expect(types(svgWhenSmall(long, 100))).to.deep.equal(['scatter']);
  });

  it('leaves charts alone that have no WebGL, a WebGL trace without a point twin, or no twin at all', () => {
    expect(svgWhenSmall([{ type: 'scatter', ...xy(10) }])).to.equal(null);
    expect(
      svgWhenSmall([
        { type: 'scattergl', ...xy(10) },
        { type: 'heatmapgl', z: [[1]] },
      ]),
    ).to.equal(null);
    expect(
      svgWhenSmall([
        { type: 'scattergl', ...xy(10) },
        { type: 'splom', dimensions: [] },
      ]),
    ).to.equal(null);
  });

  it('keeps SVG traces as they are and counts scatterpolargl by r and theta', () => {
    const out = svgWhenSmall([
      { type: 'bar', ...xy(3) },
      { type: 'scatterpolargl', mode: 'lines', r: [1, 2, 3], theta: [0, 90, 180] },
    ]);
    expect(types(out)).to.deep.equal(['bar', 'scatterpolar']);
    const many = Array.from({ length: SVG_LINE_POINTS + 1 }, (_, i) => i);
    expect(svgWhenSmall([{ type: 'scatterpolargl', mode: 'lines', r: many, theta: many }])).to.equal(null);
  });
});
