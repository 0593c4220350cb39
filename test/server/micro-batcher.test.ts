import { describe, expect, it } from 'vitest';
import { createMicroBatcher } from '../../src-server/db/micro-batcher';

describe('micro-batcher', () => {
  it('serves calls that arrive together with one batch, answering each caller its own item', async () => {
    const batches: number[][] = [];
    const double = createMicroBatcher<number, number>(
      {
        many: async (items) => {
          batches.push([...items]);
          return items.map((n) => n * 2);
        },
        one: async (n) => n * 2,
      },
      { maxBatch: 100, maxInFlight: 1 },
    );
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => double(i)));
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(batches).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  it('caps batches at maxBatch and collects calls arriving during a running batch into the next one', async () => {
    const batches: number[][] = [];
    const echo = createMicroBatcher<number, number>(
      {
        many: async (items) => {
          batches.push([...items]);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return items;
        },
        one: async (n) => n,
      },
      { maxBatch: 4, maxInFlight: 1 },
    );
    const first = Array.from({ length: 6 }, (_, i) => echo(i));
    await new Promise((resolve) => setImmediate(resolve));
    const late = [echo(6), echo(7)];
    expect(await Promise.all([...first, ...late])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(batches).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  it('when a batch fails, runs each item alone so only the item that fails is refused', async () => {
    const alone: string[] = [];
    const check = createMicroBatcher<string, string>(
      {
        many: async () => {
          throw new Error('one bad value spoils the statement');
        },
        one: async (s) => {
          alone.push(s);
          if (s === 'bad') throw new Error('bad value');
          return s.toUpperCase();
        },
      },
      { maxBatch: 10, maxInFlight: 2 },
    );
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((s) => check(s)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toMatchObject({ value: 'A' });
    expect(results[2]).toMatchObject({ value: 'C' });
    expect(alone.sort()).toEqual(['a', 'bad', 'c']);
  });

  it('keeps working after a failed batch', async () => {
    let fail = true;
    const echo = createMicroBatcher<number, number>(
      {
        many: async (items) => {
          if (fail) throw new Error('transient');
          return items;
        },
        one: async (n) => {
          if (fail) throw new Error('transient');
          return n;
        },
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(echo(1)).rejects.toThrow('transient');
    fail = false;
    expect(await Promise.all([echo(2), echo(3)])).toEqual([2, 3]);
  });
});
