import type { CaseDetail, CaseStatus, CaseSummary } from '@civicline/contracts';
import type { CategoryRecord } from '../categories/index.ts';
import type { SlaService } from '../sla/index.ts';
import { FINAL_STATUSES } from './case.lifecycle.ts';
import type { CaseRow } from './case.repository.ts';

export function clockOf(status: CaseStatus): CaseSummary['deadline']['clock'] {
  if (status === 'draft') return 'not_started';
  if (status === 'suspended') return 'stopped';
  if (FINAL_STATUSES.includes(status)) return 'finished';
  return 'running';
}

export function presentSummary(row: CaseRow, category: CategoryRecord | undefined, sla: SlaService, now: Date): CaseSummary {
  const status = row.status as CaseStatus;
  const clock = clockOf(status);
  const view = row.dueAt && category && (clock === 'running' || clock === 'stopped') ? sla.view(row.dueAt, category.deadline, clock === 'stopped', now) : null;
  return {
    id: row.id,
    registrationNumber: row.registrationNumber,
    categoryId: row.categoryId,
    status,
    channel: row.channel as CaseSummary['channel'],
    citizenId: row.citizenId,
    subject: row.subject,
    priority: row.priority as CaseSummary['priority'],
    departmentId: row.departmentId,
    assigneeId: row.assigneeId,
    registeredAt: row.registeredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    deadline: {
      dueAt: row.dueAt?.toISOString() ?? null,
      remainingMs: view?.remainingMs ?? null,
      state: view?.state ?? 'none',
      overdue: view?.overdue ?? false,
      clock,
      extensionDays: row.extensionDays,
      forwardDueAt: row.forwardDueAt?.toISOString() ?? null,
    },
    version: row.version,
  };
}

export function presentDetail(
  row: CaseRow,
  category: CategoryRecord,
  sla: SlaService,
  now: Date,
  extra: { links: CaseDetail['links']; allowedActions: string[] },
): CaseDetail {
  const resolution = row.resolution as CaseDetail['resolution'];
  return {
    ...presentSummary(row, category, sla, now),
    description: row.description,
    customFields: row.customFields,
    location:
      row.latitude !== null || row.longitude !== null || row.address !== null
        ? { ...(row.latitude !== null ? { latitude: row.latitude } : {}), ...(row.longitude !== null ? { longitude: row.longitude } : {}), ...(row.address !== null ? { address: row.address } : {}) }
        : null,
    suspensionReason: row.suspensionReason,
    resolution: resolution ?? null,
    redirect: row.redirect ?? null,
    links: extra.links,
    allowedActions: extra.allowedActions,
  };
}
