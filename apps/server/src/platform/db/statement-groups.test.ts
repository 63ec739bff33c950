import { describe, expect, it } from 'vitest';
import { createStatementGroups } from './statement-groups.ts';

/** A run that records each group it was given and answers when released. */
function recordingRun() {
  const groups: { key: string; items: number[] }[] = [];
  const waiting: (() => void)[] = [];
  const run = async (key: string, items: number[]) => {
    groups.push({ key, items: [...items] });
    await new Promise<void>((release) => waiting.push(release));
    return items.map((n) => n * 10);
  };
  const releaseAll = async () => {
    while (waiting.length > 0) {
      waiting.splice(0).forEach((release) => release());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { run, groups, releaseAll };
}

describe('statement groups', () => {
  it('runs a call alone when idle; calls arriving meanwhile go together in the next group, each answered with its own output', async () => {
    const r = recordingRun();
    const g = createStatementGroups(r.run, { name: 'test', maxGroup: 100 });
    const first = g.add('t1', 1);
    const rest = [2, 3, 4].map((n) => g.add('t1', n));
    expect(r.groups).toEqual([{ key: 't1', items: [1] }]);
    await r.releaseAll();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(r.groups).toEqual([
      { key: 't1', items: [1] },
      { key: 't1', items: [2, 3, 4] },
    ]);
  });

  it('keeps keys apart and no group larger than maxGroup', async () => {
    const r = recordingRun();
    const g = createStatementGroups(r.run, { name: 'test', maxGroup: 2 });
    const outs = [g.add('a', 1), g.add('b', 2), g.add('a', 3), g.add('a', 4), g.add('a', 5), g.add('b', 6)];
    await r.releaseAll();
    expect(await Promise.all(outs)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(r.groups).toEqual([
      { key: 'a', items: [1] },
      { key: 'b', items: [2] },
      { key: 'a', items: [3, 4] },
      { key: 'b', items: [6] },
      { key: 'a', items: [5] },
    ]);
  });

  it('a failing group fails its own calls only; the next group still runs', async () => {
    let calls = 0;
    const g = createStatementGroups(
      async (_key: string, items: number[]) => {
        calls++;
        await new Promise((r) => setTimeout(r, 5));
        if (items.includes(2)) throw new Error('refused');
        return items;
      },
      { name: 'test', maxGroup: 100 },
    );
    const first = g.add('k', 1);
    const second = g.add('k', 2);
    const third = g.add('k', 3);
    expect(await first).toBe(1);
    await expect(second).rejects.toThrow('refused');
    await expect(third).rejects.toThrow('refused');
    expect(await g.add('k', 4)).toBe(4);
    expect(calls).toBe(3);
  });

  it('a run answering the wrong number of outputs fails its calls instead of handing out someone else’s', async () => {
    const g = createStatementGroups(async (_key: string, items: number[]) => items.slice(1), { name: 'test', maxGroup: 100 });
    await expect(g.add('k', 1)).rejects.toThrow('0 answers for 1 items');
  });
});
