import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalFileStorage, FileTooLargeError, type FileStorage } from './file-storage.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

describe('local file storage', () => {
  let root: string;
  let storage: FileStorage;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-storage-'));
    storage = createLocalFileStorage(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  // Intake hands buffers (parsed mail), uploads hand streams: both must store the same thing.
  const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 7)]);
  const sources: [string, () => Buffer | Readable][] = [
    ['a buffer', () => content],
    ['a stream in chunks', () => Readable.from([content.subarray(0, 1000), content.subarray(1000, 200_000), content.subarray(200_000)])],
  ];

  for (const [label, source] of sources) {
    it(`stores ${label} under its key, with size, checksum and first bytes, and no temporary file`, async () => {
      const stored = await storage.put('tenant/inbound/x', source(), 1_000_000);
      expect(stored.key).toMatch(/^tenant\/inbound\/x\/[0-9a-f-]{36}$/);
      expect(stored.sizeBytes).toBe(content.length);
      expect(stored.sha256).toBe(sha256(content));
      expect(stored.head.toString('latin1')).toBe(content.subarray(0, 16).toString('latin1'));
      expect(fs.readFileSync(path.join(root, stored.key)).equals(content)).toBe(true);
      expect(filesUnder(root)).toEqual([path.join(root, stored.key)]);
      const back: Buffer[] = [];
      for await (const chunk of storage.open(stored.key)) back.push(chunk as Buffer);
      expect(Buffer.concat(back).equals(content)).toBe(true);
    });

    it(`refuses ${label} over the limit and keeps nothing`, async () => {
      await expect(storage.put('tenant/inbound/y', source(), content.length - 1)).rejects.toBeInstanceOf(FileTooLargeError);
      expect(filesUnder(root)).toEqual([]);
    });
  }

  it('stores an empty buffer, and refuses unsafe keys before touching the disk', async () => {
    const stored = await storage.put('tenant/inbound/z', Buffer.alloc(0), 10);
    expect(stored.sizeBytes).toBe(0);
    expect(fs.readFileSync(path.join(root, stored.key)).length).toBe(0);
    await expect(storage.put('../escape', Buffer.from('x'), 10)).rejects.toThrow(/unsafe storage key/);
    expect(fs.existsSync(path.join(root, '..', 'escape'))).toBe(false);
  });
});
