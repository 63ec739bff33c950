// A worker thread of the durable file writer (durable-writer.ts). It writes one file at a time with
// synchronous calls: the temporary name, the bytes, fsync, the rename into place, and the SHA-256.
// The main thread hands a whole file over in one message instead of running six asynchronous file
// operations and the hash itself, each of which costs its event loop a wake-up.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, finalPath, data }) => {
  const tmpPath = `${finalPath}.part`;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // Only a temporary file this write created is removed on failure, never one it found there.
  let created = false;
  try {
    fs.mkdirSync(path.dirname(finalPath), { recursive: true });
    const fd = fs.openSync(tmpPath, 'wx');
    created = true;
    try {
      for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmpPath, finalPath);
    parentPort.postMessage({ id, sha256: createHash('sha256').update(bytes).digest('hex') });
  } catch (err) {
    try {
      if (created) fs.rmSync(tmpPath, { force: true });
    } catch {
      // The write's own error is the one to report.
    }
    parentPort.postMessage({ id, error: { message: String(err?.message ?? err), code: err?.code ?? null } });
  }
});
