import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDurableWriter, type DurableWriter } from './durable-writer.ts';

export interface StoredFile {
  key: string;
  sizeBytes: number;
  sha256: string;
  /** The first bytes, for recognising the type by content rather than by the sender's word. */
  head: Buffer;
}

/** Where uploaded documents live. The local directory is the default; an S3-style store can replace it. */
export interface FileStorage {
  /**
   * Stores `source` (streamed in, or a buffer already in memory), refusing more than `maxBytes`
   * (throws FileTooLargeError and keeps nothing).
   */
  put(prefix: string, source: Readable | Buffer, maxBytes: number): Promise<StoredFile>;
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

type Written = Omit<StoredFile, 'key'>;

// One writer for the process: every storage root shares its threads.
let sharedWriter: DurableWriter | null = null;
const durableWriter = () => (sharedWriter ??= createDurableWriter());

/** A stream, metered and hashed on its way to disk; `flush` fsyncs it before its descriptor closes. */
async function writeStream(tmpPath: string, source: Readable, maxBytes: number): Promise<Written> {
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
  await pipeline(source, meter, fs.createWriteStream(tmpPath, { flags: 'wx', flush: true }));
  return { sizeBytes: size, sha256: hash.digest('hex'), head };
}

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
      if (Buffer.isBuffer(source)) {
        // Already in memory (a parsed e-mail's parts): written, fsynced, renamed and hashed off the event loop.
        if (source.length > maxBytes) throw new FileTooLargeError(maxBytes);
        const { sha256 } = await durableWriter().write(finalPath, source);
        return { key, sizeBytes: source.length, sha256, head: Buffer.from(source.subarray(0, HEAD_BYTES)) };
      }
      await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
      const tmpPath = `${finalPath}.part`;
      try {
        const stored = await writeStream(tmpPath, source, maxBytes);
        await fs.promises.rename(tmpPath, finalPath);
        return { key, ...stored };
      } catch (err) {
        // A temporary name that already existed is not ours to remove.
        if ((err as { code?: unknown }).code !== 'EEXIST') await fs.promises.rm(tmpPath, { force: true });
        throw err;
      }
    },
    open(key) {
      return fs.createReadStream(resolve(key));
    },
    async remove(key) {
      await fs.promises.rm(resolve(key), { force: true });
    },
  };
}
