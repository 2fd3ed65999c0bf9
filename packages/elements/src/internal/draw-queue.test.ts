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

  it('each turn runs in a task of its own: six 25 ms drawings never make one 150 ms task', async () => {
    const long: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => long.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    // Without the queue these would chain as microtasks into one task of at least 150 ms. (A single turn may still
    // show as a long task on a loaded machine, so the bound sits between one turn and all six.)
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const end = await drawTurn();
        busy(25);
        end();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    expect(long.filter((e) => e.duration >= 100).map((e) => Math.round(e.duration))).to.deep.equal([]);
  });

  it('an immediate turn starts in the caller task when the queue is idle; never a second one in that task', async () => {
    const long: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => long.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const sawLong = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const found = long.some((e) => e.duration >= 80);
      long.length = 0;
      return found;
    };
    await sawLong();
    // 40 ms before asking and 40 ms after: one task of 80 ms when the turn did not yield.
    busy(40);
    let end = await drawTurn({ immediate: true });
    busy(40);
    end();
    expect(await sawLong(), 'immediate turn in the caller task').to.equal(true);
    // A plain turn always yields first.
    busy(40);
    end = await drawTurn();
    busy(40);
    end();
    expect(await sawLong(), 'plain turn').to.equal(false);
    // Right after a turn ended in this task, an immediate turn yields too.
    end = await drawTurn({ immediate: true });
    end();
    busy(40);
    end = await drawTurn({ immediate: true });
    busy(40);
    end();
    observer.disconnect();
    expect(await sawLong(), 'second turn in one task').to.equal(false);
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
