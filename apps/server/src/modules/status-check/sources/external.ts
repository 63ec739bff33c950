import { flatToRecord, type FlatRow } from '../flat-record.ts';
import { isExternalKind, type SourceRecord } from '../records.ts';
import type { RecordKind } from '../contract.ts';

/**
 * A row from an outside system → a SourceRecord. A row that does not validate is a fault of the
 * source, not an answer: it throws, and the caller hears "I cannot check this right now".
 */
export function externalRecord(kind: RecordKind, row: FlatRow): SourceRecord {
  if (!isExternalKind(kind)) throw new Error(`Records of kind ${kind} do not come from outside systems`);
  const r = flatToRecord(kind, row);
  if (!r.ok) throw new Error(`The source answered a record that does not validate: ${r.message}`);
  const x = r.record;
  return {
    kind,
    // Outside systems are asked again by the record's own reference.
    key: x.reference,
    reference: x.reference,
    citizenId: null,
    birthDate: x.birthDate,
    phone: x.phone,
    levelNeeded: x.levelNeeded,
    sensitive: x.sensitive,
    voiceOptOut: ['1', 'true', 'yes'].includes(String(row.voice_opt_out ?? '').toLowerCase()),
    facts: x.facts,
  };
}
