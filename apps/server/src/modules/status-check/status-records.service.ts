import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import { queryRaw, type Db } from '../../platform/db/client.ts';
import type { AuditService } from '../audit/index.ts';
import { normalizePhone, validateNationalId, type NationalIdScheme } from '../citizens/index.ts';
import type { TenantService } from '../tenants/index.ts';
import type { Level } from './contract.ts';
import { flatToRecord, type FlatRow } from './flat-record.ts';
import { normalizeReference } from './identifiers.ts';
import { addressKey, ImportedRecord, parseFacts, type ExternalKind } from './records.ts';

/** Financial and personal files need L2 unless the import says otherwise (seed: level 2 for financial data). */
export const DEFAULT_LEVEL: Record<ExternalKind, Level> = { invoice: 'L2', local_tax: 'L2', benefit: 'L2', appointment: 'L1', document: 'L1' };

export interface ImportError {
  /** 1-based position in the input (the CSV line number minus the header). */
  row: number;
  message: string;
}

export interface ImportResult {
  kind: ExternalKind;
  received: number;
  imported: number;
  errors: ImportError[];
}

const BATCH = 500;

/**
 * The built-in store's writer: records from an institution's exports (CSV through the CLI, JSON
 * through the API), upserted by their reference. National IDs are checked, blind-indexed and
 * encrypted like citizens' and tie the record to the citizen who has the same ID.
 */
export function createStatusRecordService(deps: { db: Db; clock: Clock; audit: AuditService; cipher: PersonalDataCipher; tenants: TenantService }) {
  const { db, cipher, audit, clock } = deps;

  function prepare(kind: ExternalKind, input: unknown, scheme: NationalIdScheme, country: string, row: number): { ok: true; values: unknown[] } | { ok: false; error: ImportError } {
    const base = input && typeof input === 'object' && 'facts' in (input as object) ? ImportedRecord.safeParse(input) : null;
    let rec: ImportedRecord;
    if (base) {
      if (!base.success) return { ok: false, error: { row, message: base.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
      const facts = parseFacts(kind, base.data.facts);
      if (!facts.ok) return { ok: false, error: { row, message: facts.message } };
      const explicitLevel = (input as { levelNeeded?: unknown }).levelNeeded !== undefined;
      rec = { ...base.data, facts: facts.facts, levelNeeded: explicitLevel ? base.data.levelNeeded : DEFAULT_LEVEL[kind] };
    } else {
      const flat = flatToRecord(kind, (input ?? {}) as FlatRow);
      if (!flat.ok) return { ok: false, error: { row, message: flat.message } };
      const explicitLevel = String((input as FlatRow).level_needed ?? '').trim() !== '';
      rec = { ...flat.record, levelNeeded: explicitLevel ? flat.record.levelNeeded : DEFAULT_LEVEL[kind] };
    }
    let nationalIdIndex: string | null = null;
    let nationalIdCipher: string | null = null;
    if (rec.nationalId) {
      const v = validateNationalId(scheme, rec.nationalId, { today: clock.now() });
      if (!v.ok) return { ok: false, error: { row, message: `national_id: ${v.message}` } };
      nationalIdIndex = cipher.blindIndex('national-id', `${scheme}:${v.normalized}`);
      nationalIdCipher = cipher.encrypt(v.normalized);
    }
    let phone: string | null = null;
    if (rec.phone) {
      const p = normalizePhone(rec.phone, country);
      if (!p.ok) return { ok: false, error: { row, message: `phone: ${p.message}` } };
      phone = p.e164;
    }
    return {
      ok: true,
      values: [
        normalizeReference(rec.reference),
        rec.clientCode ? normalizeReference(rec.clientCode) : null,
        rec.address ? addressKey(rec.address) : null,
        nationalIdIndex,
        nationalIdCipher,
        rec.birthDate,
        phone,
        rec.levelNeeded,
        rec.sensitive,
        JSON.stringify(rec.facts),
      ],
    };
  }

  /**
   * Imports records of one kind. Invalid rows are reported and skipped; the valid ones are
   * written in batches, each batch one transaction with its audit entry. `onProgress` is told
   * how many rows are done after each batch.
   */
  async function importRecords(ctx: RequestContext, kind: ExternalKind, rows: AsyncIterable<unknown> | Iterable<unknown>, onProgress?: (done: number) => void): Promise<ImportResult> {
    const t = await deps.tenants.byId(ctx.tenantId);
    if (!t) throw new Error('Unknown tenant');
    const result: ImportResult = { kind, received: 0, imported: 0, errors: [] };
    let batch: unknown[][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      // A reference listed twice in one batch: the later row wins, as in a sequential import.
      const chunk = [...new Map(batch.map((values) => [values[0], values])).values()];
      const rowsInBatch = batch.length;
      batch = [];
      await db.transaction(async (tx) => {
        const params: unknown[] = [ctx.tenantId, kind, clock.now().toISOString()];
        const tuples = chunk.map((values) => {
          const at = params.length;
          params.push(...values);
          const p = (i: number) => `$${at + i + 1}`;
          return `($1, $2, ${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, (SELECT id FROM citizens WHERE tenant_id = $1 AND national_id_index = ${p(3)} AND merged_into_id IS NULL LIMIT 1), ${p(5)}::date, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}::jsonb, 'import', $3, $3)`;
        });
        await queryRaw(
          tx,
          `INSERT INTO status_records (tenant_id, kind, reference, client_code, address_key, national_id_index, national_id_cipher, citizen_id, birth_date, phone, level_needed, sensitive, facts, source, created_at, updated_at)
           VALUES ${tuples.join(', ')}
           ON CONFLICT (tenant_id, kind, reference) DO UPDATE SET client_code = excluded.client_code, address_key = excluded.address_key,
             national_id_index = excluded.national_id_index, national_id_cipher = excluded.national_id_cipher, citizen_id = excluded.citizen_id,
             birth_date = excluded.birth_date, phone = excluded.phone, level_needed = excluded.level_needed, sensitive = excluded.sensitive,
             facts = excluded.facts, version = status_records.version + 1, updated_at = excluded.updated_at`,
          params,
        );
        await audit.record(tx, ctx, { action: 'status_records.imported', subjectType: 'status_records', subjectId: kind, purpose: 'status_check', details: { kind, rows: rowsInBatch } });
      });
      result.imported += rowsInBatch;
      onProgress?.(result.received);
    };
    for await (const input of rows as AsyncIterable<unknown>) {
      result.received++;
      const p = prepare(kind, input, t.nationalIdScheme as NationalIdScheme, t.country, result.received);
      if (p.ok) batch.push(p.values);
      else if (result.errors.length < 1000) result.errors.push(p.error);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    onProgress?.(result.received);
    return result;
  }

  return { importRecords };
}

export type StatusRecordService = ReturnType<typeof createStatusRecordService>;
