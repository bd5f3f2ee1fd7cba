import { describe, expect, it } from 'vitest';
import { OldestFirst } from '../../server/store/oldest-first.ts';

/** A task that records its name when it runs, standing in for one statement. */
const step = (log: string[], name: string) => async () => {
  log.push(name);
  await Promise.resolve();
  return name;
};

describe('OldestFirst', () => {
  it('runs the next statement of an older request before a newer request\'s first', async () => {
    const order = new OldestFirst();
    const log: string[] = [];
    const older = order.arrive();
    const newer = order.arrive();
    // The newer request queues first; the older one then makes two statements, one after the other.
    const second = order.within(newer, () => order.run(step(log, 'newer 1')));
    const first = order.within(older, async () => {
      await order.run(step(log, 'older 1'));
      await order.run(step(log, 'older 2'));
    });
    await Promise.all([first, second]);
    expect(log).toEqual(['older 1', 'older 2', 'newer 1']);
  });

  it('runs one task at a time', async () => {
    const order = new OldestFirst();
    let running = 0;
    let most = 0;
    await Promise.all(Array.from({ length: 20 }, () => order.run(async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
    })));
    expect(most).toBe(1);
  });

  it('ranks work outside any request as arriving now, in the order it came', async () => {
    const order = new OldestFirst();
    const log: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((name) => order.run(step(log, name))));
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('rejects only the caller of a failing task, and goes on with the next', async () => {
    const order = new OldestFirst();
    const failing = order.run(async () => {
      throw new Error('no such table');
    });
    const next = order.run(async () => 'ran');
    await expect(failing).rejects.toThrow('no such table');
    await expect(next).resolves.toBe('ran');
  });
});
