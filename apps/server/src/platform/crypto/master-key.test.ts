import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMasterKey, MASTER_KEY_FILE } from './master-key.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-master-key-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const configured = crypto.randomBytes(32);

describe('loadMasterKey', () => {
  it('uses the configured key, and then never touches the data directory', () => {
    const key = loadMasterKey({ configuredKey: configured.toString('base64'), embeddedDataDir: dir });
    expect(key.equals(configured)).toBe(true);
    expect(fs.existsSync(path.join(dir, MASTER_KEY_FILE))).toBe(false);
  });

  it('tolerates whitespace around the configured key', () => {
    expect(loadMasterKey({ configuredKey: ` ${configured.toString('base64')}\n` }).equals(configured)).toBe(true);
  });

  it('rejects a configured key that is not 32 bytes of base64, without echoing it', () => {
    const bad = [
      '', 'not-a-key', crypto.randomBytes(16).toString('base64'), crypto.randomBytes(33).toString('base64'),
      configured.toString('base64url'), configured.toString('hex'), `${configured.toString('base64').slice(0, 42)}B=`,
    ];
    for (const configuredKey of bad) {
      let message = '';
      try {
        loadMasterKey({ configuredKey, embeddedDataDir: dir });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, configuredKey).toMatch(/CIVICLINE_MASTER_KEY must be 32 bytes.*openssl rand -base64 32/);
      if (configuredKey.length > 0) expect(message).not.toContain(configuredKey);
    }
  });

  it('creates a private key file on the embedded database and reuses it on the next start', () => {
    const first = loadMasterKey({ embeddedDataDir: dir });
    const file = path.join(dir, MASTER_KEY_FILE);
    expect(first).toHaveLength(32);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.toString('base64'));
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadMasterKey({ embeddedDataDir: dir }).equals(first)).toBe(true);
  });

  it('creates a data directory that does not exist yet', () => {
    const nested = path.join(dir, 'a', 'b');
    expect(loadMasterKey({ embeddedDataDir: nested })).toHaveLength(32);
    expect(fs.existsSync(path.join(nested, MASTER_KEY_FILE))).toBe(true);
  });

  it('reads a key file written by an operator', () => {
    fs.writeFileSync(path.join(dir, MASTER_KEY_FILE), `${configured.toString('base64')}\r\n`);
    expect(loadMasterKey({ embeddedDataDir: dir }).equals(configured)).toBe(true);
  });

  it.each([
    ['garbage', 'not base64 at all'],
    ['a short key', crypto.randomBytes(16).toString('base64')],
    ['an empty file', ''],
  ])('refuses %s as the key file, naming the file and leaving it alone', (_label, content) => {
    const file = path.join(dir, MASTER_KEY_FILE);
    fs.writeFileSync(file, content);
    expect(() => loadMasterKey({ embeddedDataDir: dir })).toThrow(`The master key file ${file} is corrupt`);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });

  it('tells the operator of a PostgreSQL deployment how to make a key', () => {
    expect(() => loadMasterKey({})).toThrow(/CIVICLINE_MASTER_KEY.*openssl rand -base64 32/);
  });

  // Root reads any file, and Windows ignores the mode.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('reports an unreadable key file instead of replacing it', () => {
    const file = path.join(dir, MASTER_KEY_FILE);
    fs.writeFileSync(file, configured.toString('base64'), { mode: 0o000 });
    expect(() => loadMasterKey({ embeddedDataDir: dir })).toThrow(`Cannot read the master key file ${file}`);
  });
});
