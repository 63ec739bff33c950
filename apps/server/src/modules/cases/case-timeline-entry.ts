import type { Tx } from '../../platform/db/client.ts';
import { caseRepository } from './case.repository.ts';

/**
 * For modules that add a system entry to a case's timeline (a notification sent) in their own
 * transaction; the repository stays the only writer of case tables.
 */
export function recordTimelineEntry(tx: Tx, e: { tenantId: string; caseId: string; type: string; data: Record<string, unknown>; at: Date; visibility?: 'internal' | 'citizen' }): Promise<void> {
  return caseRepository.addEvent(tx, {
    tenantId: e.tenantId,
    caseId: e.caseId,
    type: e.type,
    actorType: 'system',
    actorId: null,
    fromStatus: null,
    toStatus: null,
    reason: null,
    comment: null,
    visibility: e.visibility ?? 'internal',
    data: e.data,
    occurredAt: e.at,
  });
}
