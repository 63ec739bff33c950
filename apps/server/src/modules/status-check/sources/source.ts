import type { RecordKind } from '../contract.ts';
import type { SourceRecord } from '../records.ts';

/** How a record is asked for, already validated and normalised by identifiers.ts. */
export type Lookup =
  | { by: 'reference'; value: string }
  /** `index`: the blind index CivicLine stores; `normalized`: for outside systems, which hold the plain number. */
  | { by: 'national_id'; normalized: string; index: string }
  | { by: 'client_code'; value: string }
  | { by: 'address'; value: string; key: string }
  /** Fetching again a record found before (its SourceRecord.key). */
  | { by: 'key'; value: string };

/**
 * A place records of one kind come from. Answers the records matching, most relevant first;
 * throws when it cannot answer (the guard turns that into `unavailable`, never into "not found").
 */
export interface RecordSource {
  find(tenantId: string, kind: RecordKind, lookup: Lookup, signal: AbortSignal): Promise<SourceRecord[]>;
  close?(): Promise<void>;
}
