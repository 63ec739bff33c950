import { z } from 'zod';
import type { FlatRow } from '../flat-record.ts';
import { externalRecord } from './external.ts';
import type { Lookup, RecordSource } from './source.ts';

const Template = z
  .string()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/, 'An http(s) URL')
  .refine((t) => t.includes('{value}'), 'The template needs a {value} placeholder');

/** An outside JSON API: one URL template per way of asking, a field map from its JSON to our columns. */
export const HttpConnectorSettings = z.object({
  urls: z.object({
    reference: Template.optional(),
    national_id: Template.optional(),
    client_code: Template.optional(),
    address: Template.optional(),
  }),
  /** The header the secret goes in, e.g. Authorization (secret "Bearer …") or X-Api-Key. */
  authHeader: z.string().regex(/^[A-Za-z0-9-]{1,60}$/).default('Authorization'),
  /** Dotted path to the list of records in the answer; absent: the answer is one record, or a list. */
  itemsPath: z.string().max(200).optional(),
  /** Our column (see flat-record.ts) → dotted path in one record of theirs; unmapped columns are read by their own name. */
  fieldMap: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,59}$/), z.string().min(1).max(200)).default({}),
});
export type HttpConnectorSettings = z.infer<typeof HttpConnectorSettings>;

function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function createHttpSource(settings: HttpConnectorSettings, secret: string | null): RecordSource {
  return {
    async find(_tenantId, kind, lookup: Lookup, signal) {
      const by = lookup.by === 'key' ? 'reference' : lookup.by;
      const template = settings.urls[by];
      if (!template) return [];
      const value = lookup.by === 'national_id' ? lookup.normalized : lookup.value;
      const url = template.replaceAll('{value}', encodeURIComponent(value));
      const headers: Record<string, string> = { accept: 'application/json' };
      if (secret) headers[settings.authHeader.toLowerCase()] = secret;
      const res = await fetch(url, { headers, signal, redirect: 'error' });
      if (res.status === 404) {
        await res.body?.cancel();
        return [];
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new Error(`The source answered HTTP ${res.status}`);
      }
      const body: unknown = await res.json();
      const items = settings.itemsPath ? at(body, settings.itemsPath) : body;
      const list = Array.isArray(items) ? items : items === null || items === undefined ? [] : [items];
      return list.slice(0, 5).map((item) => {
        const row: FlatRow = { ...(item as FlatRow) };
        for (const [column, path] of Object.entries(settings.fieldMap)) row[column] = at(item, path);
        return externalRecord(kind, row);
      });
    },
  };
}
