import type { CaseDetail, StaffUser } from '@civicline/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ActionPanel } from '../src/features/cases/action-panel.tsx';
import { ApiError } from '../src/api/http.ts';
import { renderWithApp } from './render.tsx';

const ME = { id: '11111111-1111-4111-8111-111111111111', roles: ['technician' as const] };
const SUPERVISOR = { id: '22222222-2222-4222-8222-222222222222', roles: ['supervisor' as const] };
const DEPT = '33333333-3333-4333-8333-333333333333';

function caseWith(status: CaseDetail['status'], allowedActions: string[]): CaseDetail {
  return {
    id: '44444444-4444-4444-8444-444444444444', registrationNumber: 'PET-2026-000001', categoryId: '55555555-5555-4555-8555-555555555555', status, channel: 'web',
    citizenId: null, subject: 'Cerere', priority: 'normal', departmentId: DEPT, assigneeId: ME.id, registeredAt: null, createdAt: '2026-06-01T08:00:00.000Z',
    deadline: { dueAt: null, remainingMs: null, state: 'on_time', overdue: false, clock: 'running', extensionDays: null, forwardDueAt: null },
    version: 7, description: '', customFields: {}, location: null, suspensionReason: null, resolution: null, redirect: null, links: [], allowedActions,
  };
}
const TECH: StaffUser = { id: ME.id, email: 't@x.ro', displayName: 'Tehnician Unu', roles: ['technician'], locale: 'ro', active: true, lockedUntil: null, departmentIds: [DEPT], lastLoginAt: null, version: 1 };
const REASONS = [{ code: 'awaiting_citizen_documents', name: { en: 'Awaiting documents from the citizen' } }];

function setup(me: { id: string; roles: ('technician' | 'supervisor')[] }, c: CaseDetail, onAct = vi.fn().mockResolvedValue(undefined)) {
  renderWithApp(<ActionPanel me={me} caseDetail={c} assignees={[TECH]} departments={[]} suspensionReasons={REASONS} onAct={onAct} />);
  return onAct;
}

describe('action panel', () => {
  it('offers exactly the actions the server allows, and nothing else', () => {
    setup(ME, caseWith('in_progress', ['suspend', 'propose_resolution', 'withdraw']));
    const panel = screen.getByTestId('action-panel');
    const buttons = within(panel).getAllByRole('button').map((b) => b.getAttribute('data-action'));
    expect(buttons).toEqual(['propose_resolution', 'suspend', 'withdraw']);
    expect(within(panel).queryByRole('button', { name: /Approve/ })).toBeNull();
  });

  it('says so when there is nothing the user may do', () => {
    setup(ME, caseWith('resolution_proposed', []));
    expect(screen.getByText('There is nothing you can do on this case now.')).toBeTruthy();
  });

  it('takes an action without inputs at once, with the case version', async () => {
    const onAct = setup(ME, caseWith('assigned', ['start']));
    await userEvent.setup().click(screen.getByRole('button', { name: /Start work/ }));
    expect(onAct).toHaveBeenCalledWith('start', { version: 7 });
  });

  it('lets a technician take an unassigned case for themself, and a supervisor choose the person', async () => {
    const user = userEvent.setup();
    const onAct = setup(ME, { ...caseWith('registered', ['assign']), assigneeId: null });
    await user.click(screen.getByRole('button', { name: /Take it/ }));
    expect(onAct).toHaveBeenCalledWith('assign', { version: 7, assigneeId: ME.id });
  });

  it('asks for the required inputs of an action and checks them with the server’s schema first', async () => {
    const user = userEvent.setup();
    const onAct = setup(ME, caseWith('in_progress', ['propose_resolution']));
    await user.click(screen.getByRole('button', { name: /Propose answer/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /Answer to the citizen/ }), 'ok');
    await user.click(within(dialog).getByRole('button', { name: 'Propose answer' }));
    expect(onAct).not.toHaveBeenCalled();
    expect(within(dialog).getByText('Enter at least 3 characters')).toBeTruthy();
    expect(within(dialog).getAllByText('This field is required').length).toBe(1); // how it is returned
    await user.type(within(dialog).getByRole('textbox', { name: /Answer to the citizen/ }), ' — approved as asked');
    await user.click(within(dialog).getAllByLabelText(/How the answer is returned/)[0]!);
    await user.click(await screen.findByRole('option', { name: 'Online' }));
    await user.click(within(dialog).getByRole('button', { name: 'Propose answer' }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith('propose_resolution', { version: 7, answer: 'ok — approved as asked', returnMethod: 'online' }));
  });

  it('requires a reason to stop the clock, chosen from the institution’s list', async () => {
    const user = userEvent.setup();
    const onAct = setup(SUPERVISOR, caseWith('in_progress', ['suspend']));
    await user.click(screen.getByRole('button', { name: /Stop the clock/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Stop the clock' }));
    expect(onAct).not.toHaveBeenCalled();
    await user.click(within(dialog).getAllByLabelText(/Why the clock stops/)[0]!);
    await user.click(await screen.findByRole('option', { name: 'Awaiting documents from the citizen' }));
    await user.click(within(dialog).getByRole('button', { name: 'Stop the clock' }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith('suspend', { version: 7, reason: 'awaiting_citizen_documents' }));
  });

  it('shows the server’s field errors in the dialog when it refuses', async () => {
    const user = userEvent.setup();
    const onAct = vi.fn().mockRejectedValue(new ApiError(422, { code: 'request.validation_failed', errors: [{ path: 'comment', message: 'Say why, please' }] }));
    setup(SUPERVISOR, caseWith('resolution_proposed', ['return']), onAct);
    await user.click(screen.getByRole('button', { name: /Return for changes/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /Comment/ }), 'Lipsește avizul');
    await user.click(within(dialog).getByRole('button', { name: 'Return for changes' }));
    expect(await within(dialog).findByText('Say why, please')).toBeTruthy();
  });
});
