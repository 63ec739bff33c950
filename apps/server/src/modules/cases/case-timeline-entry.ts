import type { Tx } from '../../platform/db/client.ts';
import { caseRepository } from './case.repository.ts';

export interface SystemTimelineEntry {
  tenantId: string;
  caseId: string;
  type: string;
  data: Record<string, unknown>;
  at: Date;
  visibility?: 'internal' | 'citizen';
}

const row = (e: SystemTimelineEntry) => ({
  tenantId: e.tenantId,
  caseId: e.caseId,
  type: e.type,
  actorType: 'system' as const,
  actorId: null,
  fromStatus: null,
  toStatus: null,
  reason: null,
  comment: null,
  visibility: e.visibility ?? 'internal',
  data: e.data,
  occurredAt: e.at,
});

/**
 * For modules that add a system entry to a case's timeline (a notification sent) in their own
 * transaction; the repository stays the only writer of case tables.
 */
export function recordTimelineEntry(tx: Tx, e: SystemTimelineEntry): Promise<void> {
  return caseRepository.addEvents(tx, [row(e)]);
}

/** Many system entries (of one or many cases) in one insert. */
export function recordTimelineEntries(tx: Tx, entries: readonly SystemTimelineEntry[]): Promise<void> {
  return caseRepository.addEvents(tx, entries.map(row));
}
