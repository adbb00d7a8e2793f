import { describe, expect, it } from 'vitest';
import { createSlots } from './argon2-slots.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('createSlots', () => {
  it('never runs more than its slots at once, and starts the rest in arrival order', async () => {
    const run = createSlots(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        run(async () => {
          started.push(i);
          peak = Math.max(peak, ++active);
          await tick();
          active--;
          return i * 10;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });

  it('frees the slot of work that fails', async () => {
    const run = createSlots(1);
    await expect(run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run(async () => 'next')).resolves.toBe('next');
  });

  it('lets a newcomer wait behind the queue instead of taking a slot being handed on', async () => {
    const run = createSlots(1);
    const order: string[] = [];
    const first = run(async () => (await tick(), order.push('first')));
    const second = run(async () => (await tick(), order.push('second')));
    await first;
    const third = run(async () => order.push('third'));
    await Promise.all([second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
  });
});
