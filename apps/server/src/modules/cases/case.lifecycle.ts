import type { CaseAction, CaseStatus, Role } from '@civicline/contracts';

/**
 * The case lifecycle as a pure state machine: which action may move a case from which status,
 * to which status, and who may take it. No I/O here; the service asks `decide()` before every
 * change and the UI asks `allowedActions()` to show only what the user may do.
 */

export const OPEN_STATUSES: readonly CaseStatus[] = [
  'registered',
  'assigned',
  'in_progress',
  'suspended',
  'resolution_proposed',
  'reopened',
];
export const FINAL_STATUSES: readonly CaseStatus[] = ['resolved', 'closed', 'rejected', 'redirected', 'withdrawn'];

export interface ActorView {
  userId: string | null;
  roles: readonly Role[];
  departmentIds: readonly string[];
  system: boolean;
}

export interface CaseView {
  status: CaseStatus;
  departmentId: string;
  assigneeId: string | null;
  /** Supervisors named on the category, who approve besides the department's own. */
  categorySupervisorIds: readonly string[];
}

/** Who may take an action, relative to the case. */
type Party =
  | 'admin'
  | 'supervisor' // a supervisor of the case's department, or named on its category
  | 'assignee'
  | 'intake' // operators and registrars, who take requests in for every department
  | 'department_technician'; // a technician of the case's department (to take an unassigned case)

interface Transition {
  from: readonly CaseStatus[];
  /** Where the case goes; `redirect` depends on its target, `assign` on where the case is. */
  to: CaseStatus | ((current: CaseStatus, opts: { external?: boolean }) => CaseStatus);
  parties: readonly Party[];
}

export const TRANSITIONS: Record<CaseAction, Transition> = {
  register: { from: ['draft'], to: 'registered', parties: ['intake', 'supervisor', 'admin'] },
  assign: {
    from: ['registered', 'reopened', 'assigned', 'in_progress', 'suspended'],
    // A suspended case keeps its stopped clock when it changes hands.
    to: (current) => (current === 'suspended' ? 'suspended' : 'assigned'),
    parties: ['supervisor', 'admin', 'department_technician'],
  },
  start: { from: ['assigned'], to: 'in_progress', parties: ['assignee'] },
  suspend: { from: ['in_progress'], to: 'suspended', parties: ['assignee', 'supervisor'] },
  resume: { from: ['suspended'], to: 'in_progress', parties: ['assignee', 'supervisor'] },
  propose_resolution: { from: ['in_progress'], to: 'resolution_proposed', parties: ['assignee'] },
  approve: { from: ['resolution_proposed'], to: 'resolved', parties: ['supervisor'] },
  return: { from: ['resolution_proposed'], to: 'in_progress', parties: ['supervisor'] },
  reject: { from: ['registered', 'assigned', 'in_progress', 'reopened'], to: 'rejected', parties: ['supervisor', 'admin'] },
  redirect: {
    from: ['registered', 'assigned', 'in_progress', 'reopened'],
    // Inside the institution the case starts over in the new department; outside, it leaves us.
    to: (_current, opts) => (opts.external ? 'redirected' : 'registered'),
    parties: ['supervisor', 'admin', 'intake'],
  },
  extend: { from: ['assigned', 'in_progress', 'suspended', 'resolution_proposed'], to: (c) => c, parties: ['supervisor', 'admin'] },
  close: { from: ['resolved'], to: 'closed', parties: ['supervisor', 'assignee', 'admin'] },
  withdraw: {
    from: ['draft', 'registered', 'assigned', 'in_progress', 'suspended', 'resolution_proposed', 'reopened'],
    to: 'withdrawn',
    parties: ['intake', 'assignee', 'supervisor', 'admin'],
  },
  reopen: { from: ['resolved', 'closed', 'rejected'], to: 'reopened', parties: ['supervisor', 'admin'] },
};

function isParty(party: Party, c: CaseView, a: ActorView): boolean {
  if (a.system) return true;
  const inDepartment = a.departmentIds.includes(c.departmentId);
  switch (party) {
    case 'admin':
      return a.roles.includes('admin');
    case 'supervisor':
      return a.roles.includes('supervisor') && (inDepartment || (a.userId !== null && c.categorySupervisorIds.includes(a.userId)));
    case 'assignee':
      return a.userId !== null && c.assigneeId === a.userId;
    case 'intake':
      return a.roles.includes('operator') || a.roles.includes('registrar');
    case 'department_technician':
      return a.roles.includes('technician') && inDepartment;
  }
}

export type Decision =
  | { ok: true; to: CaseStatus }
  | { ok: false; code: 'case.invalid_transition' | 'auth.forbidden'; message: string };

export function decide(
  action: CaseAction,
  c: CaseView,
  a: ActorView,
  opts: { external?: boolean; assigneeId?: string } = {},
): Decision {
  const t = TRANSITIONS[action];
  if (!t.from.includes(c.status)) {
    return { ok: false, code: 'case.invalid_transition', message: `A case that is ${c.status.replace(/_/g, ' ')} cannot be given "${action.replace(/_/g, ' ')}"` };
  }
  let allowed = t.parties.some((p) => isParty(p, c, a));
  // A technician may only take an unassigned case for themself.
  if (allowed && action === 'assign' && !a.system && !isParty('supervisor', c, a) && !isParty('admin', c, a)) {
    allowed = c.assigneeId === null && opts.assigneeId !== undefined && opts.assigneeId === a.userId;
  }
  if (!allowed) return { ok: false, code: 'auth.forbidden', message: `You may not ${action.replace(/_/g, ' ')} this case` };
  const to = typeof t.to === 'function' ? t.to(c.status, opts) : t.to;
  return { ok: true, to };
}

/** The actions this actor may take on this case now (self-assignment counts for technicians). */
export function allowedActions(c: CaseView, a: ActorView): CaseAction[] {
  return (Object.keys(TRANSITIONS) as CaseAction[]).filter((action) => {
    const opts = action === 'assign' ? { assigneeId: a.userId ?? undefined } : {};
    return decide(action, c, a, opts).ok;
  });
}

/** Whether a user may read every case of the institution: intake (operators, registrars), administrators, auditors. */
export function readsAllCases(a: ActorView): boolean {
  return a.system || (['admin', 'auditor', 'operator', 'registrar'] as const).some((r) => a.roles.includes(r));
}

/** Whether a user may read a case: intake and admins see all; others their departments' and their own. */
export function canRead(c: CaseView, a: ActorView): boolean {
  if (readsAllCases(a)) return true;
  if (a.userId !== null && (c.assigneeId === a.userId || c.categorySupervisorIds.includes(a.userId))) return true;
  return a.departmentIds.includes(c.departmentId);
}

/** Whether a user may edit a case's content (subject, fields): the people working on it, and intake while it is a draft. */
export function canEdit(c: CaseView, a: ActorView): boolean {
  if (FINAL_STATUSES.includes(c.status)) return false;
  if (a.system || a.roles.includes('admin')) return true;
  if (c.status === 'draft') return a.roles.includes('operator') || a.roles.includes('registrar') || isParty('supervisor', c, a);
  return isParty('assignee', c, a) || isParty('supervisor', c, a);
}
