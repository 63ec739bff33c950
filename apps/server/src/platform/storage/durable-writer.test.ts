import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDurableWriter, type DurableWriter } from './durable-writer.ts';

describe('durable writer (worker threads)', () => {
  let root: string;
  let writer: DurableWriter;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-writer-'));
    writer = createDurableWriter(2);
  });
  afterEach(async () => {
    await writer.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes many files at once, each whole under its name with its checksum and no temporary file left', async () => {
    const files = Array.from({ length: 40 }, (_, i) => ({ at: path.join(root, `t/${i % 5}/f${i}`), data: Buffer.alloc(20_000 + i * 1000, i) }));
    const results = await Promise.all(files.map((f) => writer.write(f.at, f.data)));
    files.forEach((f, i) => {
      expect(fs.readFileSync(f.at).equals(f.data)).toBe(true);
      expect(results[i]!.sha256).toBe(createHash('sha256').update(f.data).digest('hex'));
    });
    const all = fs.readdirSync(root, { recursive: true }).map(String);
    expect(all.filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('reports a failed write with the system error and keeps nothing', async () => {
    fs.writeFileSync(path.join(root, 'not-a-dir'), 'x');
    await expect(writer.write(path.join(root, 'not-a-dir/f'), Buffer.from('data'))).rejects.toMatchObject({ code: expect.stringMatching(/^E[A-Z]+$/) });
    const existing = path.join(root, 'taken');
    fs.writeFileSync(`${existing}.part`, 'someone else');
    await expect(writer.write(existing, Buffer.from('data'))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.existsSync(existing)).toBe(false);
    // The temporary file it found is someone else's: left as it was.
    expect(fs.readFileSync(`${existing}.part`, 'utf8')).toBe('someone else');
  });

  it('starts new threads after being closed, and fails writes in hand when a thread is stopped under them', async () => {
    await writer.write(path.join(root, 'a'), Buffer.from('one'));
    await writer.close();
    await writer.write(path.join(root, 'b'), Buffer.from('two'));
    expect(fs.readFileSync(path.join(root, 'b'), 'utf8')).toBe('two');
    const big = Array.from({ length: 8 }, (_, i) => writer.write(path.join(root, `big${i}`), Buffer.alloc(4_000_000, i)));
    const outcomes = Promise.allSettled(big);
    await writer.close();
    const settled = await outcomes;
    expect(settled.some((s) => s.status === 'rejected' && /file writer thread stopped/.test(String(s.reason)))).toBe(true);
    await expect(writer.write(path.join(root, 'c'), Buffer.from('three'))).resolves.toMatchObject({ sha256: expect.any(String) });
  });
});
