import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key every piece of encrypted personal data depends on. Losing it loses that data, so the
 * messages below say so plainly and nothing here ever overwrites an existing key.
 */
export const MASTER_KEY_FILE = 'master.key';

const KEY_BYTES = 32;
// 32 bytes in standard base64 are always 43 characters and one '=' of padding.
const KEY_BASE64 = /^[A-Za-z0-9+/]{43}=$/;
const GENERATE_HINT = 'generate one with `openssl rand -base64 32`';

export interface LoadMasterKeyOptions {
  /** CIVICLINE_MASTER_KEY: base64 of 32 bytes. */
  configuredKey?: string;
  /** Set when running on the embedded database, which keeps its own key beside its data. */
  embeddedDataDir?: string;
}

export function loadMasterKey(opts: LoadMasterKeyOptions): Buffer {
  if (opts.configuredKey !== undefined) {
    const key = decodeKey(opts.configuredKey);
    if (!key) throw new Error(`CIVICLINE_MASTER_KEY must be ${KEY_BYTES} bytes in base64 (44 characters ending in "="); ${GENERATE_HINT}.`);
    return key;
  }
  if (opts.embeddedDataDir !== undefined) return readOrCreateKeyFile(path.join(opts.embeddedDataDir, MASTER_KEY_FILE));
  throw new Error(
    'No master key for personal data. Set CIVICLINE_MASTER_KEY to 32 random bytes in base64 ' +
      `(${GENERATE_HINT}) and keep a copy somewhere safe: personal data encrypted with it cannot be read without it.`,
  );
}

function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!KEY_BASE64.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  // A non-zero last character's unused bits would decode "successfully" to a different text.
  return key.length === KEY_BYTES && key.toString('base64') === trimmed ? key : undefined;
}

function readOrCreateKeyFile(file: string): Buffer {
  const existing = readKeyFile(file);
  if (existing) return existing;
  const created = createKeyFile(file);
  if (created) return created;
  // Another process created the file between our read and our create: use its key.
  const raced = readKeyFile(file);
  if (!raced) throw corruptKeyFile(file);
  return raced;
}

/** The key in the file, or undefined when there is no file yet. */
function readKeyFile(file: string): Buffer | undefined {
  const text = readWhenWritten(file);
  if (text === undefined) return undefined;
  const key = decodeKey(text);
  if (!key) throw corruptKeyFile(file);
  return key;
}

/**
 * A file found empty may be one another starter has just created with 'wx' and not yet written;
 * give it a moment before calling it corrupt.
 */
function readWhenWritten(file: string): string | undefined {
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Cannot read the master key file ${file}: ${(err as Error).message}`, { cause: err });
    }
    if (text.length > 0 || attempt >= 10) return text;
    sleepSync(50);
  }
}

/** Writes a new key with 'wx', so two starters cannot both write one; undefined if the file already exists. */
function createKeyFile(file: string): Buffer | undefined {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new Error(`Cannot create the master key file ${file}: ${(err as Error).message}`, { cause: err });
  }
  const key = crypto.randomBytes(KEY_BYTES);
  try {
    fs.writeSync(fd, `${key.toString('base64')}\n`);
    fs.fsyncSync(fd);
  } catch (err) {
    // A half-written file would be taken for a corrupt key on the next start.
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw new Error(`Cannot write the master key file ${file}: ${(err as Error).message}`, { cause: err });
  }
  fs.closeSync(fd);
  return key;
}

function corruptKeyFile(file: string): Error {
  return new Error(
    `The master key file ${file} is corrupt: it must hold ${KEY_BYTES} bytes in base64. Restore it from a backup; ` +
      'do not replace it with a new key, or the personal data encrypted with the old one becomes unreadable.',
  );
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
