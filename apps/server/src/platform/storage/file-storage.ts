import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  key: string;
  sizeBytes: number;
  sha256: string;
  /** The first bytes, for recognising the type by content rather than by the sender's word. */
  head: Buffer;
}

/** Where uploaded documents live. The local directory is the default; an S3-style store can replace it. */
export interface FileStorage {
  /** Streams `source` in, refusing more than `maxBytes` (throws FileTooLargeError and keeps nothing). */
  put(prefix: string, source: Readable, maxBytes: number): Promise<StoredFile>;
  open(key: string): Readable;
  remove(key: string): Promise<void>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

const HEAD_BYTES = 16;
const SAFE_KEY = /^[A-Za-z0-9/_-]+$/;

/**
 * Files are written to a temporary name, fsynced and renamed into place, so a crash never leaves a
 * half-written file under a real key; the checksum is computed on the way in.
 */
export function createLocalFileStorage(rootDir: string): FileStorage {
  const resolve = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key ${key}`);
    return path.join(rootDir, key);
  };
  return {
    async put(prefix, source, maxBytes) {
      const key = `${prefix}/${randomUUID()}`;
      const finalPath = resolve(key);
      await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
      const tmpPath = `${finalPath}.part`;
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const out = fs.createWriteStream(tmpPath, { flags: 'wx' });
      try {
        await pipeline(source, meter, out);
        const fd = await fs.promises.open(tmpPath, 'r');
        await fd.sync();
        await fd.close();
        await fs.promises.rename(tmpPath, finalPath);
      } catch (err) {
        await fs.promises.rm(tmpPath, { force: true });
        throw err;
      }
      return { key, sizeBytes: size, sha256: hash.digest('hex'), head };
    },
    open(key) {
      return fs.createReadStream(resolve(key));
    },
    async remove(key) {
      await fs.promises.rm(resolve(key), { force: true });
    },
  };
}
