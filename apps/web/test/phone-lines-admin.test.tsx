import type { PhoneLine } from '@civicline/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PhoneLinesAdmin } from '../src/features/admin/phone-lines-admin.tsx';
import { renderWithApp } from './render.tsx';

const LINE: PhoneLine = {
  id: '11111111-1111-4111-8111-111111111111', number: '+40264000111', name: 'Linia cetățeanului', sms: true, voice: true, categoryId: null, departmentId: null,
  disclosableKinds: ['case'], language: null, transferQueue: 'front-desk', active: true, version: 3,
};

/** The admin API: the list, and what the page writes (a 422 naming transferQueue for a bad name). */
function serve() {
  const writes: { method: string; url: string; body: Record<string, unknown> }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (method === 'GET') return json(200, url.startsWith('/api/v1/phone-lines') ? [LINE] : []);
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    writes.push({ method, url, body });
    if (typeof body.transferQueue === 'string' && body.transferQueue.includes('<')) {
      return json(422, { code: 'request.validation_failed', title: 'Invalid', errors: [{ path: 'transferQueue', message: 'Letters, digits, spaces only' }] });
    }
    return json(200, { ...LINE, ...body, version: LINE.version + 1 });
  });
  return writes;
}

describe('phone lines admin: the transfer queue', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each line’s queue, edits it, clears it to null, and shows the server’s refusal at the field', async () => {
    const writes = serve();
    renderWithApp(<PhoneLinesAdmin />);
    const table = await screen.findByTestId('phone-lines');
    await within(table).findByText('front-desk');
    const user = userEvent.setup();
    await user.click(within(table).getByRole('button', { name: /\+40264000111/ }));
    const field = screen.getByLabelText('Transfer queue') as HTMLInputElement;
    expect(field.value).toBe('front-desk');

    await user.clear(field);
    await user.type(field, '<Queue>');
    await user.click(screen.getByTestId('save-line'));
    await screen.findByText('Letters, digits, spaces only');

    await user.clear(field);
    await user.click(screen.getByTestId('save-line'));
    await waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]).toMatchObject({ method: 'PATCH', url: `/api/v1/phone-lines/${LINE.id}`, body: { transferQueue: null, version: 3 } });
  });
});
