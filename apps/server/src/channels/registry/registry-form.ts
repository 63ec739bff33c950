import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RecordDocumentForm } from '@civicline/contracts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, validationFailed, type FieldError } from '../../platform/errors.ts';

/** A scan as received, kept in a temporary file until intake stores it. */
export interface ScannedFile {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  tmpPath: string;
}

export interface RegistryUpload {
  form: z.infer<typeof RecordDocumentForm>;
  files: ScannedFile[];
  /** Removes the temporary files; always called, whatever happened. */
  cleanup(): Promise<void>;
}

export const MAX_SCANS = 20;
const FIELD_NAMES = new Set(['categoryId', 'delivery', 'receivedOn', 'pages', 'subject', 'description', 'senderReference', 'sender', 'customFields']);
const SENDER_FIELDS = new Set(['citizenId', 'kind', 'firstName', 'lastName', 'organisationName', 'address', 'phone', 'email', 'preferredLanguage']);
const ADDRESS_FIELDS = new Set(['line', 'locality', 'county', 'postalCode', 'country', 'label']);
const FILE_FIELDS = new Set(['files', 'file']);

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** Scans are PDFs or images (JPEG, PNG, TIFF), recognised by their first bytes, not their names. */
export function scanType(head: Buffer): string | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  return null;
}

/** Maps a form field name (`sender.address.line`) into the nested object the schema checks. */
function place(target: Record<string, unknown>, name: string, value: string, errors: FieldError[]): void {
  const parts = name.split('.');
  const [top, second, third] = parts;
  const unknown = () => {
    errors.push({ path: name, message: 'Unknown field' });
  };
  if (!top || !FIELD_NAMES.has(top) || parts.length > 3) return unknown();
  if (parts.length === 1) {
    if (top === 'sender' || top === 'customFields') {
      try {
        target[top] = JSON.parse(value);
      } catch {
        errors.push({ path: top, message: 'Not valid JSON' });
      }
      return;
    }
    target[top] = value;
    return;
  }
  if (top !== 'sender' || !second || !SENDER_FIELDS.has(second)) return unknown();
  const sender = (target.sender ??= {}) as Record<string, unknown>;
  if (typeof sender !== 'object' || sender === null) return unknown();
  if (third === undefined) {
    sender[second] = value;
    return;
  }
  if (second !== 'address' || !ADDRESS_FIELDS.has(third)) return unknown();
  const address = (sender.address ??= {}) as Record<string, unknown>;
  if (typeof address !== 'object' || address === null) return unknown();
  address[third] = value;
}

/** Drops empty text fields, as a browser sends every input of a form, filled in or not. */
function withoutEmpty(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const cleaned = withoutEmpty(v);
    if (cleaned === '' || (typeof cleaned === 'object' && cleaned !== null && !Array.isArray(cleaned) && Object.keys(cleaned).length === 0)) continue;
    out[k] = cleaned;
  }
  return out;
}

const MULTIPART_LIMITS: Record<string, [number, string, string, string]> = {
  FST_FILES_LIMIT: [422, 'request.validation_failed', 'files', `At most ${MAX_SCANS} scanned files per document`],
  FST_PARTS_LIMIT: [422, 'request.validation_failed', '(root)', 'Too many parts in this form'],
  FST_FIELDS_LIMIT: [422, 'request.validation_failed', '(root)', 'Too many fields in this form'],
};

/**
 * Reads the registrar's multipart form: the fields into the checked form, each scan into a
 * temporary file (checked for type and size while it streams). Any problem is a 4xx with the
 * paths of the fields at fault; nothing is kept.
 */
export async function readRegistryUpload(request: FastifyRequest, opts: { maxFileBytes: number }): Promise<RegistryUpload> {
  if (!request.isMultipart()) throw new AppError('request.unsupported_media_type', 'Send the document as multipart/form-data');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'civicline-registry-'));
  const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
  const raw: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  const files: ScannedFile[] = [];
  try {
    const parts = request.parts({
      limits: { files: MAX_SCANS, fields: 40, parts: MAX_SCANS + 40, fieldSize: 100_000, fileSize: opts.maxFileBytes + 1 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') errors.push({ path: part.fieldname, message: 'Must be text' });
        else place(raw, part.fieldname, part.value, errors);
        continue;
      }
      const index = files.length;
      if (!FILE_FIELDS.has(part.fieldname)) {
        part.file.resume();
        errors.push({ path: part.fieldname, message: 'Unknown file field; send scans as "files"' });
        continue;
      }
      const tmpPath = path.join(dir, String(index));
      let size = 0;
      let head = Buffer.alloc(0);
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
          if (size > opts.maxFileBytes) return done(new AppError('attachment.too_large', `Scans may be at most ${Math.floor(opts.maxFileBytes / 1024 / 1024)} MB each`, { errors: [{ path: `files.${index}`, message: 'Too large' }] }));
          done(null, chunk);
        },
      });
      await pipeline(part.file, meter, fs.createWriteStream(tmpPath));
      const fileName = part.filename || `scan-${index + 1}`;
      const contentType = size > 0 ? scanType(head) : null;
      if (!contentType) {
        throw new AppError('attachment.forbidden_type', 'Scans must be PDF, JPEG, PNG or TIFF files', {
          errors: [{ path: `files.${index}`, message: size === 0 ? `${fileName} is empty` : `${fileName} is not a PDF, JPEG, PNG or TIFF file` }],
        });
      }
      files.push({ fileName, contentType, sizeBytes: size, tmpPath });
    }
  } catch (err) {
    await cleanup();
    const code = (err as { code?: string }).code;
    const limit = code ? MULTIPART_LIMITS[code] : undefined;
    if (limit) throw new AppError(limit[1] as 'request.validation_failed', limit[3], { errors: [{ path: limit[2], message: limit[3] }] });
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('attachment.too_large', `Scans may be at most ${Math.floor(opts.maxFileBytes / 1024 / 1024)} MB each`, { errors: [{ path: `files.${files.length}`, message: 'Too large' }] });
    }
    throw err;
  }
  if (files.length === 0) errors.push({ path: 'files', message: 'Attach the scan of the document (PDF, JPEG, PNG or TIFF)' });
  const parsed = RecordDocumentForm.safeParse(withoutEmpty(raw));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const p of keys) errors.push({ path: p.map(String).join('.') || '(root)', message: issue.message, code: issue.code });
    }
  }
  if (errors.length > 0 || !parsed.success) {
    await cleanup();
    throw validationFailed(errors, 'Some fields of the document are not valid');
  }
  return { form: parsed.data, files, cleanup };
}
