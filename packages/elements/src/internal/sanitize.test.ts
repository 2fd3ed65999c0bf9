import { expect } from '@esm-bundle/chai';
import { sanitizeData } from './sanitize.js';

describe('sanitizeData', () => {
  it('shares what needs no cleaning (data arrays are not copied), copies each trace, cleans the rest', () => {
    const x = Array.from({ length: 1000 }, (_, i) => `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00Z`);
    const y = Array.from({ length: 1000 }, (_, i) => i);
    const marker = { color: 'red' };
    const input = [
      { type: 'scatter', x, y, marker, name: 'clean' },
      { type: 'bar', x: ['<img src=x onerror=alert(1)>a', 'b'], y: [1, 2], name: '<b>bold</b><script>x</script>' },
    ];
    const [first, second] = sanitizeData(input);
    expect(first).to.not.equal(input[0]);
    expect(first!.x).to.equal(x);
    expect(first!.y).to.equal(y);
    expect(first!.marker).to.equal(marker);
    expect(second!.x).to.deep.equal(['a', 'b']);
    expect(second!.name).to.equal('<b>bold</b>x');
    // The caller's figure is left as it was.
    expect(input[1]!.x[0]).to.equal('<img src=x onerror=alert(1)>a');
  });

  it('cleans a data array whose markup comes after thousands of numbers (and keeps nulls and NaN)', () => {
    const y: unknown[] = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? null : i));
    y.push(Number.NaN, '<img src=x onerror=alert(1)>7');
    const [out] = sanitizeData([{ type: 'scatter', y }]);
    const cleaned = out!.y as unknown[];
    expect(cleaned).to.not.equal(y);
    expect(cleaned.slice(0, 5000)).to.deep.equal(y.slice(0, 5000));
    expect(cleaned[5000]).to.be.NaN;
    expect(cleaned[5001]).to.equal('7');
  });

  it('drops prototype keys even where nothing else changes', () => {
    const trace = JSON.parse('{"type":"scatter","y":[1],"line":{"__proto__":{"polluted":true},"width":2}}');
    const [out] = sanitizeData([trace]);
    expect(Object.keys(out!.line as object)).to.deep.equal(['width']);
    expect(({} as { polluted?: boolean }).polluted).to.equal(undefined);
  });
});
