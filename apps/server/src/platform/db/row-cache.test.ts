import { describe, expect, it } from 'vitest';
import { createRowCache, rowCache } from './row-cache.ts';

describe('row cache', () => {
  it('loads once, then answers from memory until the entry is older than its TTL', async () => {
    let t = 0;
    let loads = 0;
    const cache = createRowCache<string>(5_000, () => t);
    const load = async () => `v${++loads}`;
    expect(await cache.get('k', load)).toBe('v1');
    t = 4_999;
    expect(await cache.get('k', load)).toBe('v1');
    expect(cache.peek('k')).toBe('v1');
    t = 5_000;
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.get('k', load)).toBe('v2');
  });

  it('does not keep a miss, and forgets a key, a predicate or everything on invalidate', async () => {
    const cache = createRowCache<{ user: string }>(60_000, () => 0);
    expect(await cache.get('none', async () => undefined)).toBeUndefined();
    expect(cache.peek('none')).toBeUndefined();
    for (const [k, user] of [['a', 'u1'], ['b', 'u1'], ['c', 'u2']] as const) await cache.get(k, async () => ({ user }));
    cache.invalidate('a');
    expect(['a', 'b', 'c'].map((k) => cache.peek(k)?.user)).toEqual([undefined, 'u1', 'u2']);
    cache.invalidate((v) => v.user === 'u1');
    expect(['a', 'b', 'c'].map((k) => cache.peek(k)?.user)).toEqual([undefined, undefined, 'u2']);
    cache.invalidate();
    expect(cache.peek('c')).toBeUndefined();
  });

  it('a read that began before an invalidation does not put the old row back', async () => {
    const cache = createRowCache<string>(60_000, () => 0);
    let release!: () => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = () => resolve('old'))));
    cache.invalidate('k'); // the row changed while the read was under way
    release();
    expect(await slow).toBe('old'); // the caller gets what it read…
    expect(cache.peek('k')).toBeUndefined(); // …but the next reader reads again
    expect(await cache.get('k', async () => 'new')).toBe('new');
    expect(cache.peek('k')).toBe('new');
  });

  it('is one cache per database handle and name', () => {
    const db1 = {};
    const db2 = {};
    expect(rowCache(db1, 'x', 1000)).toBe(rowCache(db1, 'x', 1000));
    expect(rowCache(db1, 'x', 1000)).not.toBe(rowCache(db2, 'x', 1000));
    expect(rowCache(db1, 'x', 1000)).not.toBe(rowCache(db1, 'y', 1000));
  });
});
