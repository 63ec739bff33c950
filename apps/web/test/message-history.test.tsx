import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { citizensApi, type CitizenMessage } from '../src/api/citizens.ts';
import { MessageHistory } from '../src/features/citizens/message-history.tsx';
import { renderWithApp } from './render.tsx';

const CITIZEN = '33333333-3333-4333-8333-333333333333';
const message = (n: number, over: Partial<CitizenMessage> = {}): CitizenMessage => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  caseId: '44444444-4444-4444-8444-444444444444',
  registrationNumber: 'PET-2026-000042',
  channel: 'sms',
  purpose: 'notification',
  toAddress: '+40722123456',
  subject: null,
  body: `Mesajul ${n}`,
  language: 'ro',
  status: 'delivered',
  attempts: 1,
  lastError: null,
  provider: 'dev-sink',
  createdAt: '2026-06-01T08:00:00.000Z',
  sentAt: '2026-06-01T08:00:01.000Z',
  deliveredAt: '2026-06-01T08:00:02.000Z',
  bodyWithheld: false,
  ...over,
});

describe('a citizen’s message history in the console', () => {
  afterEach(() => vi.restoreAllMocks());

  it('pages on with the server’s cursor, opens a text in its row, and never shows a withheld code', async () => {
    const otp = message(2, { caseId: null, registrationNumber: null, purpose: 'otp', channel: 'email', toAddress: 'ion@example.ro', body: '', bodyWithheld: true });
    const read = vi
      .spyOn(citizensApi, 'messages')
      .mockResolvedValueOnce({ items: [message(1), otp], nextCursor: 'next-page' })
      .mockResolvedValueOnce({ items: [message(3, { toAddress: `portal:${CITIZEN}`, channel: 'portal' })], nextCursor: null });
    renderWithApp(<MemoryRouter><MessageHistory citizenId={CITIZEN} /></MemoryRouter>);
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(2));
    expect(read).toHaveBeenLastCalledWith(CITIZEN, { limit: 20, cursor: undefined });
    const [first, code] = screen.getAllByTestId('history-row');
    expect(within(first!).getByRole('link', { name: 'PET-2026-000042' }).getAttribute('href')).toBe('/cases/44444444-4444-4444-8444-444444444444');
    expect(within(first!).getByText('delivered')).toBeTruthy();
    const toggle = within(first!).getByRole('button', { name: /Show the text/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)?.textContent).toContain('Mesajul 1');
    await userEvent.click(within(code!).getByRole('button', { name: /Show the text/ }));
    expect(screen.getByTestId('history-withheld').textContent).toMatch(/never shown to staff/);
    await userEvent.click(screen.getByTestId('history-more'));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(3));
    expect(read).toHaveBeenLastCalledWith(CITIZEN, { limit: 20, cursor: 'next-page' });
    // The portal inbox is named as such, not by its internal address.
    expect(within(screen.getAllByTestId('history-row')[2]!).getAllByText('Portal inbox')).toHaveLength(2);
    expect(screen.queryByTestId('history-more')).toBeNull();
  });

  it('says so when there is nothing, in Romanian too', async () => {
    vi.spyOn(citizensApi, 'messages').mockResolvedValue({ items: [], nextCursor: null });
    renderWithApp(<MemoryRouter><MessageHistory citizenId={CITIZEN} /></MemoryRouter>, 'ro');
    expect(await screen.findByText('Niciun mesaj.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Mesaje trimise' })).toBeTruthy();
  });
});
