import { describe, expect, it } from 'vitest';
import { Pool } from '../../src/browser/pool.js';
import { inShard, parseShard } from '../../src/pipeline/shard.js';

describe('sharding', () => {
  const names = Array.from({ length: 500 }, (_, index) => `country-${index}`);

  it.each([1, 2, 3, 4, 7])('splits documents into %i shards whose union is all of them, with no overlap', (count) => {
    const shards = Array.from({ length: count }, (_, index) =>
      names.filter((name) => inShard(name, { index: index + 1, count })),
    );
    expect(shards.flat().sort()).toEqual([...names].sort());
    expect(new Set(shards.flat()).size).toBe(names.length);
    if (count > 1) for (const shard of shards) expect(shard.length).toBeGreaterThan(names.length / count / 2);
  });

  it('keeps every document on its shard when others are added', () => {
    const before = names.slice(0, 100).filter((name) => inShard(name, { index: 2, count: 3 }));
    const after = names.filter((name) => inShard(name, { index: 2, count: 3 }));
    expect(after.filter((name) => names.indexOf(name) < 100)).toEqual(before);
  });

  it('parses I/N and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const text of ['0/4', '5/4', '2', '2/0', 'a/b', '-1/2']) expect(parseShard(text)).toBeUndefined();
  });
});

describe('the page pool', () => {
  function fakePool(size: number, recycleAfter: number) {
    const opened: number[] = [];
    const retired: number[] = [];
    let next = 0;
    const pool = new Pool<number>(
      size,
      async () => {
        next += 1;
        opened.push(next);
        return next;
      },
      async (page) => {
        retired.push(page);
      },
      recycleAfter,
    );
    return { pool, opened, retired };
  }

  it('reuses pages and never has more than its size in use', async () => {
    const { pool, opened } = fakePool(2, Number.POSITIVE_INFINITY);
    let inUse = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        pool.use(async () => {
          inUse += 1;
          most = Math.max(most, inUse);
          await new Promise((resolve) => setTimeout(resolve, 2));
          inUse -= 1;
        }),
      ),
    );
    expect(opened).toEqual([1, 2]);
    expect(most).toBe(2);
  });

  it('recycles a page after a number of documents', async () => {
    const { pool, opened, retired } = fakePool(1, 3);
    const usedBy: number[] = [];
    for (let index = 0; index < 7; index += 1)
      await pool.use(async (page) => {
        usedBy.push(page);
      });
    expect(usedBy).toEqual([1, 1, 1, 2, 2, 2, 3]);
    expect(retired).toEqual([1, 2]);
    expect(opened).toEqual([1, 2, 3]);
  });

  it('hands a waiting document a fresh page when the page it waited for is retired', async () => {
    const { pool, retired } = fakePool(1, 1);
    const usedBy = await Promise.all(Array.from({ length: 3 }, () => pool.use(async (page) => page)));
    expect(usedBy).toEqual([1, 2, 3]);
    expect(retired).toEqual([1, 2, 3]);
  });

  it('retires every page it opened on closeAll', async () => {
    const { pool, retired } = fakePool(2, Number.POSITIVE_INFINITY);
    await Promise.all([pool.use(async () => undefined), pool.use(async () => undefined)]);
    await pool.closeAll();
    expect(retired.sort()).toEqual([1, 2]);
  });
});
