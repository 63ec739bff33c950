import type { Db } from '../../../platform/db/client.ts';
import { queryRaw } from '../../../platform/db/client.ts';
import type { Level } from '../contract.ts';
import type { SourceRecord } from '../records.ts';
import type { Lookup, RecordSource } from './source.ts';

interface StoreRow {
  id: string;
  kind: string;
  reference: string;
  citizen_id: string | null;
  birth_date: string | Date | null;
  phone: string | null;
  level_needed: string;
  sensitive: boolean;
  voice_opt_out: boolean;
  citizen_opt_out: boolean | null;
  facts: Record<string, unknown>;
}

const COLUMN: Record<Exclude<Lookup['by'], 'national_id'>, string> = {
  reference: 'r.reference',
  client_code: 'r.client_code',
  address: 'r.address_key',
  key: 'r.id::text',
};

/** The built-in store: records imported from the institution's exports (status_records). */
export function createStoreSource(db: Db): RecordSource {
  return {
    async find(tenantId, kind, lookup) {
      const column = lookup.by === 'national_id' ? 'r.national_id_index' : COLUMN[lookup.by];
      const value = lookup.by === 'national_id' ? lookup.index : lookup.by === 'address' ? lookup.key : lookup.value;
      const { rows } = await queryRaw<StoreRow>(
        db,
        `SELECT r.id, r.kind, r.reference, r.citizen_id, r.birth_date::text AS birth_date, r.phone, r.level_needed, r.sensitive, r.voice_opt_out, z.voice_opt_out AS citizen_opt_out, r.facts
           FROM status_records r LEFT JOIN citizens z ON z.id = r.citizen_id
          WHERE r.tenant_id = $1 AND r.kind = $2 AND ${column} = $3
          ORDER BY r.updated_at DESC LIMIT 5`,
        [tenantId, kind, value],
      );
      return rows.map(
        (r): SourceRecord => ({
          kind,
          key: r.id,
          reference: r.reference,
          citizenId: r.citizen_id,
          birthDate: r.birth_date === null ? null : r.birth_date instanceof Date ? r.birth_date.toISOString().slice(0, 10) : String(r.birth_date),
          phone: r.phone,
          levelNeeded: r.level_needed as Level,
          sensitive: r.sensitive,
          voiceOptOut: r.voice_opt_out || r.citizen_opt_out === true,
          facts: r.facts,
        }),
      );
    },
  };
}
