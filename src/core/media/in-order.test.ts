import { describe, expect, it } from 'vitest';
import { InOrder } from './in-order';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('InOrder', () => {
  it('gives turns in index order whatever order the tasks get there', async () => {
    const order = new InOrder();
    const steps: number[] = [];
    const task = async (i: number, delay: number) => {
      try {
        await new Promise((resolve) => setTimeout(resolve, delay));
        await order.turn(i);
        steps.push(i);
      } finally {
        order.done(i);
      }
    };
    await Promise.all([task(0, 15), task(1, 1), task(2, 8), task(3, 0)]);
    expect(steps).toEqual([0, 1, 2, 3]);
  });

  it('lets a task that finished early (refused, say) pass its turn on', async () => {
    const order = new InOrder();
    const steps: number[] = [];
    const later = order.turn(2).then(() => steps.push(2));
    order.done(1);
    await tick();
    expect(steps).toEqual([]);
    order.done(0);
    await later;
    expect(steps).toEqual([2]);
  });
});
