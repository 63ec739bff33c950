import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';

// The callback forms: a plain descriptor costs less per call than a FileHandle, which matters
// when intake stores two files for every e-mail.
const openFd = promisify(fs.open);
const writeFd = promisify(fs.write);
const syncFd = promisify(fs.fsync);
const closeFd = promisify(fs.close);

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

/** A buffer in one write on its own descriptor, flushed to disk before it is closed. */
async function writeBuffer(tmpPath: string, data: Buffer, maxBytes: number): Promise<Written> {
  if (data.length > maxBytes) throw new FileTooLargeError(maxBytes);
  const fd = await openFd(tmpPath, 'wx');
  try {
    for (let offset = 0; offset < data.length; ) offset += (await writeFd(fd, data, offset, data.length - offset)).bytesWritten;
    await syncFd(fd);
  } finally {
    await closeFd(fd);
  }
  return { sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), head: Buffer.from(data.subarray(0, HEAD_BYTES)) };
}

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
      await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
      const tmpPath = `${finalPath}.part`;
      try {
        const stored = Buffer.isBuffer(source) ? await writeBuffer(tmpPath, source, maxBytes) : await writeStream(tmpPath, source, maxBytes);
        await fs.promises.rename(tmpPath, finalPath);
        return { key, ...stored };
      } catch (err) {
        await fs.promises.rm(tmpPath, { force: true });
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
