import crypto from 'node:crypto';

/**
 * Encryption and blind indexes for personal data (DESIGN §3): AES-256-GCM ciphertext to show a
 * value to the roles that need it, an HMAC blind index to find it without decrypting anything.
 */
export interface PersonalDataCipher {
  /** `v1.<iv>.<ciphertext>.<tag>`, base64url parts; a fresh IV each time, so equal values do not look equal. */
  encrypt(plain: string): string;
  decrypt(token: string): string;
  /** HMAC-SHA256 hex of an already normalised value, keyed per purpose (e.g. `national-id`). */
  blindIndex(purpose: string, normalizedValue: string): string;
}

/** The token is not one this code wrote, or was written under another key, or was altered. */
export class PersonalDataDecryptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PersonalDataDecryptError';
  }
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = Buffer.from('civicline/personal-data', 'utf8');
const ENCRYPTION_INFO = 'civicline personal-data aes-256-gcm v1';
const BLIND_INDEX_INFO = 'civicline personal-data blind-index v1 ';
// Binds the version into the tag, so a token cannot be relabelled as another format.
const AAD = Buffer.from(`civicline personal-data ${VERSION}`, 'utf8');
// Purposes become key labels; a closed alphabet keeps a stray space or case change from silently
// producing an index that never matches.
const PURPOSE = /^[a-z0-9][a-z0-9._:-]{0,127}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function createPersonalDataCipher(masterKey: Buffer): PersonalDataCipher {
  if (masterKey.length !== KEY_BYTES) {
    throw new Error(`The personal-data master key must be ${KEY_BYTES} bytes; got ${masterKey.length}.`);
  }
  const master = Buffer.from(masterKey);
  const encryptionKey = deriveKey(master, ENCRYPTION_INFO);
  const indexKeys = new Map<string, Buffer>();

  const indexKey = (purpose: string): Buffer => {
    let key = indexKeys.get(purpose);
    if (!key) {
      key = deriveKey(master, BLIND_INDEX_INFO + purpose);
      indexKeys.set(purpose, key);
    }
    return key;
  };

  return {
    encrypt: (plain) => encrypt(encryptionKey, plain),
    decrypt: (token) => decrypt(encryptionKey, token),
    blindIndex(purpose, normalizedValue) {
      if (!PURPOSE.test(purpose)) {
        throw new Error(`Blind index purpose must be lower-case letters, digits and . _ : - (got ${JSON.stringify(purpose)}).`);
      }
      return crypto.createHmac('sha256', indexKey(purpose)).update(normalizedValue, 'utf8').digest('hex');
    },
  };
}

function deriveKey(master: Buffer, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, HKDF_SALT, info, KEY_BYTES));
}

function encrypt(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${VERSION}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
}

function decrypt(key: Buffer, token: string): string {
  const { iv, ciphertext, tag } = parseToken(token);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(AAD);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new PersonalDataDecryptError(
      'Personal data could not be decrypted: it was altered, or it was encrypted with a different master key.',
      { cause },
    );
  }
}

function parseToken(token: string): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const parts = token.split('.');
  const [version, iv, ciphertext, tag] = parts;
  if (version !== VERSION) {
    // Only a short version label is worth echoing; anything else might be the data itself.
    const label = version !== undefined && /^v\d{1,3}$/.test(version) ? ` "${version}"` : '';
    throw new PersonalDataDecryptError(`Personal data token has an unsupported format${label}; expected ${VERSION}.`);
  }
  if (parts.length !== 4 || iv === undefined || ciphertext === undefined || tag === undefined) {
    throw new PersonalDataDecryptError(`Personal data token is malformed: expected ${VERSION}.<iv>.<ciphertext>.<tag>.`);
  }
  return { iv: decodePart(iv, 'iv', IV_BYTES), ciphertext: decodePart(ciphertext, 'ciphertext'), tag: decodePart(tag, 'tag', TAG_BYTES) };
}

function decodePart(text: string, name: string, expectedBytes?: number): Buffer {
  const bytes = BASE64URL.test(text) ? Buffer.from(text, 'base64url') : undefined;
  // Re-encoding catches the lenient decoder quietly dropping stray characters or trailing bits.
  if (!bytes || bytes.toString('base64url') !== text || (expectedBytes !== undefined && bytes.length !== expectedBytes)) {
    throw new PersonalDataDecryptError(`Personal data token is malformed: bad ${name}.`);
  }
  return bytes;
}
