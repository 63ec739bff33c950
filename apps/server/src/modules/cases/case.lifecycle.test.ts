import type { CaseAction, CaseStatus, Role } from '@civicline/contracts';
import { describe, expect, it } from 'vitest';
import { allowedActions, canRead, decide, type ActorView, type CaseView } from './case.lifecycle.ts';

const DEPT = 'dept-urb';
const OTHER = 'dept-tax';
const actor = (roles: Role[], userId: string, departmentIds = [DEPT]): ActorView => ({ userId, roles, departmentIds, system: false });
const kase = (status: CaseStatus, assigneeId: string | null = 'tech-1'): CaseView => ({ status, departmentId: DEPT, assigneeId, categorySupervisorIds: [] });

const tech = actor(['technician'], 'tech-1');
const otherTech = actor(['technician'], 'tech-2');
const foreignTech = actor(['technician'], 'tech-9', [OTHER]);
const sup = actor(['supervisor'], 'sup-1');
const foreignSup = actor(['supervisor'], 'sup-9', [OTHER]);
const operator = actor(['operator'], 'op-1', ['dept-cc']);
const admin = actor(['admin'], 'adm-1', []);
const auditor = actor(['auditor'], 'aud-1', []);

describe('case lifecycle', () => {
  it('walks the happy path: draft → registered → assigned → in progress ⇄ suspended → proposed → resolved → closed', () => {
    const steps: [CaseAction, CaseStatus, ActorView, CaseStatus][] = [
      ['register', 'draft', operator, 'registered'],
      ['assign', 'registered', sup, 'assigned'],
      ['start', 'assigned', tech, 'in_progress'],
      ['suspend', 'in_progress', tech, 'suspended'],
      ['resume', 'suspended', tech, 'in_progress'],
      ['propose_resolution', 'in_progress', tech, 'resolution_proposed'],
      ['return', 'resolution_proposed', sup, 'in_progress'],
      ['approve', 'resolution_proposed', sup, 'resolved'],
      ['close', 'resolved', sup, 'closed'],
      ['reopen', 'closed', sup, 'reopened'],
    ];
    for (const [action, from, who, to] of steps) {
      expect(decide(action, kase(from), who), `${action} from ${from}`).toEqual({ ok: true, to });
    }
  });

  it('refuses transitions that do not exist', () => {
    expect(decide('approve', kase('in_progress'), sup)).toMatchObject({ ok: false, code: 'case.invalid_transition' });
    expect(decide('start', kase('closed'), tech)).toMatchObject({ ok: false, code: 'case.invalid_transition' });
    expect(decide('resume', kase('in_progress'), tech)).toMatchObject({ ok: false, code: 'case.invalid_transition' });
    expect(decide('reopen', kase('withdrawn'), admin)).toMatchObject({ ok: false, code: 'case.invalid_transition' });
  });

  it('gives the final resolution to supervisors only, and only of their department', () => {
    expect(decide('approve', kase('resolution_proposed'), tech)).toMatchObject({ ok: false, code: 'auth.forbidden' });
    expect(decide('approve', kase('resolution_proposed'), foreignSup)).toMatchObject({ ok: false, code: 'auth.forbidden' });
    expect(decide('approve', kase('resolution_proposed'), admin)).toMatchObject({ ok: false, code: 'auth.forbidden' });
    const named = { ...kase('resolution_proposed'), categorySupervisorIds: ['sup-9'] };
    expect(decide('approve', named, foreignSup)).toEqual({ ok: true, to: 'resolved' });
  });

  it('lets only the assignee work the case', () => {
    expect(decide('start', kase('assigned'), otherTech)).toMatchObject({ ok: false, code: 'auth.forbidden' });
    expect(decide('propose_resolution', kase('in_progress'), foreignTech)).toMatchObject({ ok: false, code: 'auth.forbidden' });
    expect(decide('propose_resolution', kase('in_progress'), sup)).toMatchObject({ ok: false, code: 'auth.forbidden' });
  });

  it('lets a technician take an unassigned case of their department for themself only', () => {
    expect(decide('assign', kase('registered', null), otherTech, { assigneeId: 'tech-2' })).toEqual({ ok: true, to: 'assigned' });
    expect(decide('assign', kase('registered', null), otherTech, { assigneeId: 'tech-1' }).ok).toBe(false);
    expect(decide('assign', kase('assigned', 'tech-1'), otherTech, { assigneeId: 'tech-2' }).ok).toBe(false);
    expect(decide('assign', kase('registered', null), foreignTech, { assigneeId: 'tech-9' }).ok).toBe(false);
  });

  it('keeps a suspended case suspended when it is reassigned, and redirects by target', () => {
    expect(decide('assign', kase('suspended'), sup, { assigneeId: 'tech-2' })).toEqual({ ok: true, to: 'suspended' });
    expect(decide('redirect', kase('in_progress'), sup, { external: true })).toEqual({ ok: true, to: 'redirected' });
    expect(decide('redirect', kase('in_progress'), sup, { external: false })).toEqual({ ok: true, to: 'registered' });
  });

  it('lists the allowed actions per person', () => {
    expect(allowedActions(kase('in_progress'), tech).sort()).toEqual(['propose_resolution', 'suspend', 'withdraw']);
    expect(allowedActions(kase('in_progress'), sup).sort()).toEqual(['assign', 'extend', 'redirect', 'reject', 'suspend', 'withdraw']);
    expect(allowedActions(kase('in_progress'), auditor)).toEqual([]);
    expect(allowedActions(kase('draft'), operator).sort()).toEqual(['register', 'withdraw']);
  });

  it('lets people read their departments’ cases; intake, admins and auditors read all', () => {
    expect(canRead(kase('in_progress', 'tech-1'), foreignTech)).toBe(false);
    expect(canRead(kase('in_progress', 'tech-1'), otherTech)).toBe(true);
    expect(canRead(kase('in_progress'), operator)).toBe(true);
    expect(canRead(kase('in_progress'), auditor)).toBe(true);
  });
});
