import type { CaseCounts, CaseStatus, Me } from '@civicline/contracts';
import type { CaseListFilters } from '../../api/console.ts';

export const OPEN: CaseStatus[] = ['registered', 'assigned', 'in_progress', 'suspended', 'resolution_proposed', 'reopened'];
export const RUNNING: CaseStatus[] = OPEN.filter((s) => s !== 'suspended');
export const DUE_SOON_HOURS = 72;

export type QueueId = 'mine' | 'department' | 'unassigned' | 'dueSoon' | 'overdue' | 'approvals' | 'open' | 'all';

/**
 * The queues this user has, the one they work from first: approvals for supervisors, their own
 * cases for technicians, everything open for intake and administrators.
 */
export function queuesFor(me: Me): QueueId[] {
  const has = (r: Me['roles'][number]) => me.roles.includes(r);
  const order: QueueId[] = has('supervisor')
    ? ['approvals', 'department', 'overdue', 'dueSoon', 'unassigned', 'mine', 'open', 'all']
    : has('technician')
      ? ['mine', 'department', 'unassigned', 'dueSoon', 'overdue', 'open', 'all']
      : ['open', 'unassigned', 'dueSoon', 'overdue', 'mine', 'department', 'all'];
  return order.filter((q) => {
    if (q === 'approvals') return has('supervisor') || has('admin');
    if (q === 'department') return me.departmentIds.length > 0;
    if (q === 'mine') return has('technician') || has('supervisor') || has('admin');
    return true;
  });
}

/**
 * A queue as case-list filters: exactly the conditions GET /cases/counts counts with, so the
 * number on a queue is the number of rows it shows.
 */
export function queueFilters(queue: QueueId, opts: { departmentId?: string | undefined; now: number }): CaseListFilters {
  const open = OPEN.join(',');
  switch (queue) {
    case 'mine':
      return { status: open, assigneeId: 'me' };
    case 'department':
      return { status: open, ...(opts.departmentId ? { departmentId: opts.departmentId } : {}) };
    case 'unassigned':
      return { status: open, assigneeId: 'none' };
    case 'dueSoon':
      return { status: RUNNING.join(','), overdue: 'false', dueBefore: new Date(opts.now + DUE_SOON_HOURS * 3_600_000).toISOString() };
    case 'overdue':
      return { overdue: 'true' };
    case 'approvals':
      return { status: 'resolution_proposed' };
    case 'open':
      return { status: open };
    case 'all':
      return {};
  }
}

export function queueCount(queue: QueueId, counts: CaseCounts | undefined, departmentId: string | undefined): number | undefined {
  if (!counts) return undefined;
  switch (queue) {
    case 'mine':
      return counts.mine;
    case 'department':
      return departmentId ? counts.departments[departmentId] : undefined;
    case 'unassigned':
      return counts.unassigned;
    case 'dueSoon':
      return counts.dueSoon;
    case 'overdue':
      return counts.overdue;
    case 'approvals':
      return counts.awaitingApproval;
    case 'open':
      return counts.open;
    case 'all':
      return undefined;
  }
}

/** The statuses a queue may show (all of them for "all"). */
export function queueStatuses(filters: CaseListFilters): string[] | null {
  return filters.status ? filters.status.split(',') : null;
}

/** A user's extra filters narrow the queue: statuses intersect, the rest are added. */
export function combineFilters(queue: CaseListFilters, extra: { statuses: string[]; categoryId?: string | null; channel?: string | null; q?: string }): CaseListFilters {
  const out: CaseListFilters = { ...queue };
  // The status choices offered are the queue's own, so the intersection is what was chosen.
  if (extra.statuses.length > 0) {
    const allowed = queue.status ? queue.status.split(',') : null;
    const chosen = allowed ? extra.statuses.filter((s) => allowed.includes(s)) : extra.statuses;
    if (chosen.length > 0) out.status = chosen.join(',');
  }
  if (extra.categoryId) out.categoryId = extra.categoryId;
  if (extra.channel) out.channel = extra.channel;
  const q = extra.q?.trim();
  if (q && q.length >= 2) out.q = q;
  return out;
}
