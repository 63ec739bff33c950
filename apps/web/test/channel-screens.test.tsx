import type { CallScreenPop } from '@civicline/contracts';
import { screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { parseSettings } from '../src/features/admin/providers-admin.tsx';
import { CallerCard } from '../src/features/calls/caller-card.tsx';
import { consoleResources } from '../src/i18n/console/index.ts';
import { renderWithApp } from './render.tsx';

const CALL: CallScreenPop = {
  id: '11111111-1111-4111-8111-111111111111',
  status: 'ringing',
  providerStatus: 'ringing',
  callerNumber: '+40722123456',
  line: { number: '+40232999111', name: 'Linia cetățeanului' },
  startedAt: '2026-06-01T08:00:00.000Z',
  endedAt: null,
  draftCaseId: '22222222-2222-4222-8222-222222222222',
  caller: {
    known: true,
    citizen: {
      id: '33333333-3333-4333-8333-333333333333', displayName: 'Ion Popescu', kind: 'person', nationalIdMasked: '1********0042',
      phones: ['+40722123456'], emails: [], preferredLanguage: 'ro', preferredChannel: 'sms',
    },
  },
  openCases: [
    { id: '44444444-4444-4444-8444-444444444444', registrationNumber: 'PET-2026-000042', subject: 'Branșament apă', status: 'in_progress', channel: 'web', createdAt: '2026-05-01T08:00:00.000Z', dueAt: '2026-06-10T20:59:59.000Z', overdue: false },
  ],
  recentContacts: [{ at: '2026-05-20T08:00:00.000Z', direction: 'out', channel: 'sms', summary: 'Dosarul PET-2026-000042 a fost înregistrat', caseId: null, registrationNumber: 'PET-2026-000042' }],
};

describe('the operator’s screen-pop card', () => {
  it('a known caller: their name, the masked identifier, their open cases as links and their recent contacts', () => {
    renderWithApp(<MemoryRouter><CallerCard call={CALL} /></MemoryRouter>);
    expect(screen.getByTestId('caller-name').textContent).toBe('Ion Popescu');
    expect(screen.getByText('Known caller')).toBeTruthy();
    expect(screen.getByText(/1\*{8}0042/)).toBeTruthy();
    const cases = screen.getByTestId('caller-open-cases');
    expect(within(cases).getByRole('link', { name: 'PET-2026-000042' }).getAttribute('href')).toBe('/cases/44444444-4444-4444-8444-444444444444');
    expect(screen.getByText('Recent contacts')).toBeTruthy();
  });

  it('an unknown caller: just the number, no record shown; in Romanian too', () => {
    const unknown: CallScreenPop = { ...CALL, caller: { known: false, citizen: { ...CALL.caller.citizen!, displayName: '+40722123456', nationalIdMasked: null } }, openCases: [], recentContacts: [] };
    renderWithApp(<MemoryRouter><CallerCard call={unknown} /></MemoryRouter>, 'ro');
    expect(screen.getByTestId('caller-name').textContent).toBe('+40722123456');
    expect(screen.getByText('Nu este în evidență')).toBeTruthy();
    expect(screen.queryByTestId('caller-open-cases')).toBeNull();
    expect(screen.queryByText(/CNP/)).toBeNull();
  });
});

describe('a call the voice assistant put through', () => {
  it('shows what the assistant collected, so the operator does not ask again; nothing of it for a direct call', () => {
    const handed: CallScreenPop = {
      ...CALL,
      assistant: {
        conversationId: '55555555-5555-4555-8555-555555555555', language: 'ro', intent: 'status', reference: 'PET-2026-000042', kind: 'case', level: 'L2',
        answer: 'Cererea nr. PET-2026-000042 este în lucru.', log: ['identify:found', 'verify:ok', 'transfer'],
      },
    };
    renderWithApp(<MemoryRouter><CallerCard call={handed} /></MemoryRouter>, 'ro');
    const box = screen.getByTestId('assistant-handover');
    expect(box.textContent).toContain('să afle stadiul unei cereri');
    expect(box.textContent).toContain('PET-2026-000042 (cerere)');
    expect(box.textContent).toContain('verificată la nivelul L2');
    expect(box.textContent).toContain('Cererea nr. PET-2026-000042 este în lucru.');
    expect(box.textContent).toMatch(/română/i);
    expect(box.textContent).toContain('identify:found → verify:ok → transfer');
  });

  it('a call that did not come through the assistant has no such box', () => {
    renderWithApp(<MemoryRouter><CallerCard call={CALL} /></MemoryRouter>);
    expect(screen.queryByTestId('assistant-handover')).toBeNull();
  });
});

describe('provider settings as typed by the administrator', () => {
  it('one name = value a line; numbers and booleans keep their type; a line without a name is reported', () => {
    expect(parseSettings('accountSid = AC123\nport = 2775\nsecure = false\n\ndialNumber = +40232000100')).toEqual({
      settings: { accountSid: 'AC123', port: 2775, secure: false, dialNumber: '+40232000100' },
      bad: [],
    });
    expect(parseSettings('url = https://x.example/?a=b\n= nameless\njust text').bad).toEqual([2, 3]);
    expect(parseSettings('url = https://x.example/?a=b').settings.url).toBe('https://x.example/?a=b');
  });
});

describe('console texts', () => {
  it('the channel screens add to the console’s sections instead of replacing them', () => {
    for (const lang of ['en', 'ro', 'ru']) {
      const admin = (consoleResources[lang]!.translation as { admin: { tabs: Record<string, string>; title: string } }).admin;
      expect(Object.keys(admin.tabs).sort()).toEqual(['calendar', 'categories', 'departments', 'lines', 'mailboxes', 'messages', 'providers', 'registers', 'users']);
      expect(admin.title).toBeTruthy();
    }
  });
});

describe('the registry desk form', () => {
  it('names every missing piece at its field before anything is sent', async () => {
    const { RecordForm } = await import('../src/features/registry/record-form.tsx');
    const { channelsApi } = await import('../src/api/channels.ts');
    const send = vi.spyOn(channelsApi, 'recordDocument');
    renderWithApp(<MemoryRouter><RecordForm categories={[]} onRecorded={() => undefined} /></MemoryRouter>);
    await userEvent.click(screen.getByTestId('record-document'));
    expect(screen.getByTestId('record-failure').textContent).toBe('Fix the fields marked above.');
    for (const id of ['sender-lastName', 'sender-address', 'doc-category', 'doc-subject']) {
      expect(document.getElementById(id)?.getAttribute('aria-invalid'), id).toBe('true');
    }
    expect(screen.getByText('Attach the scan of the document')).toBeTruthy();
    expect(send).not.toHaveBeenCalled();
  });
});
