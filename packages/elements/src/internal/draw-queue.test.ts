import { expect } from '@esm-bundle/chai';
import { drawTurn } from './draw-queue.js';

/** Keeps the main thread busy for `ms` of wall time, as a Plotly drawing does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

describe('draw queue', () => {
  it('one turn at a time, first come first served', async () => {
    const log: string[] = [];
    const turn = async (name: string) => {
      const end = await drawTurn();
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${name}`);
      end();
    };
    await Promise.all(['a', 'b', 'c'].map(turn));
    expect(log).to.deep.equal(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('each turn runs in a task of its own: six 30 ms drawings make no long task', async () => {
    const long: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => long.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    // Without the queue these would chain as microtasks into one 180 ms task.
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const end = await drawTurn();
        busy(30);
        end();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    expect(long.map((e) => Math.round(e.duration))).to.deep.equal([]);
  });

  it('ending a turn twice frees only one', async () => {
    const first = await drawTurn();
    first();
    first();
    const second = await drawTurn();
    let third = false;
    const waiting = drawTurn().then((end) => {
      third = true;
      end();
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(third).to.equal(false);
    second();
    await waiting;
    expect(third).to.equal(true);
  });
});
