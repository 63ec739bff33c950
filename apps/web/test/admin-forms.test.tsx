import type { ProviderAccount } from '@civicline/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelsApi } from '../src/api/channels.ts';
import { ApiError } from '../src/api/http.ts';
import { ProvidersAdmin } from '../src/features/admin/providers-admin.tsx';
import { renderWithApp } from './render.tsx';

const ACCOUNT: ProviderAccount = { id: '66666666-6666-4666-8666-666666666666', provider: 'smpp', name: 'SMPP Orange', settings: { host: 'smpp.example.ro', port: 2775 }, hasSecret: true, active: true, version: 3 };

/** The channel admin pages share one form frame (AdminForm, useAdminEditor) and one row's switch and edit button. */
describe('an admin form built on the shared pieces (provider accounts)', () => {
  afterEach(() => vi.restoreAllMocks());

  const setup = () => {
    vi.spyOn(channelsApi, 'providerAccounts').mockResolvedValue([ACCOUNT]);
    renderWithApp(<ProvidersAdmin />);
  };
  const form = () => screen.getByRole('form', { name: /New provider account|Edit SMPP Orange/ });

  it('Edit fills the form and offers Save and Cancel; Cancel empties it and clears its errors', async () => {
    setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit SMPP Orange' }));
    expect(within(form()).getByRole('heading').textContent).toBe('Edit SMPP Orange');
    expect((document.getElementById('provider-name') as HTMLInputElement).value).toBe('SMPP Orange');
    expect((document.getElementById('provider-settings') as HTMLTextAreaElement).value).toBe('host = smpp.example.ro\nport = 2775');
    expect((document.getElementById('provider-kind') as HTMLSelectElement).disabled).toBe(true);
    await userEvent.type(document.getElementById('provider-settings')!, '\nnot a setting');
    await userEvent.click(within(form()).getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Write each setting as name = value (lines 3)')).toBeTruthy();
    await userEvent.click(within(form()).getByRole('button', { name: 'Cancel' }));
    expect(within(form()).getByRole('heading').textContent).toBe('New provider account');
    expect((document.getElementById('provider-name') as HTMLInputElement).value).toBe('');
    expect(screen.queryByText(/Write each setting/)).toBeNull();
    expect(within(form()).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(within(form()).getByRole('button', { name: 'Add' })).toBeTruthy();
  });

  it('Add sends the parsed settings and empties the form once saved; a refused save keeps it, with the error at its field', async () => {
    setup();
    const create = vi.spyOn(channelsApi, 'createProviderAccount').mockRejectedValueOnce(new ApiError(422, { code: 'request.validation_failed', errors: [{ path: 'name', message: 'Already used' }] }));
    await userEvent.selectOptions(document.getElementById('provider-kind')!, 'sms_webhook');
    await userEvent.type(document.getElementById('provider-name')!, 'Gateway');
    await userEvent.type(document.getElementById('provider-settings')!, 'url = https://sms.example.ro/send');
    await userEvent.click(within(form()).getByTestId('save-provider'));
    await screen.findByText('Already used');
    expect((document.getElementById('provider-name') as HTMLInputElement).value).toBe('Gateway');
    create.mockResolvedValueOnce({ ...ACCOUNT, id: '77777777-7777-4777-8777-777777777777', provider: 'sms_webhook', name: 'Gateway' });
    await userEvent.click(within(form()).getByTestId('save-provider'));
    await waitFor(() => expect((document.getElementById('provider-name') as HTMLInputElement).value).toBe(''));
    expect(create).toHaveBeenLastCalledWith({ provider: 'sms_webhook', name: 'Gateway', settings: { url: 'https://sms.example.ro/send' } });
    expect((document.getElementById('provider-kind') as HTMLSelectElement).value).toBe('twilio');
    expect(screen.queryByText('Already used')).toBeNull();
  });

  it('a row’s switch turns the account off with its version', async () => {
    setup();
    const update = vi.spyOn(channelsApi, 'updateProviderAccount').mockResolvedValue({ ...ACCOUNT, active: false, version: 4 });
    await userEvent.click(await screen.findByRole('switch', { name: 'SMPP Orange active' }));
    expect(update).toHaveBeenCalledWith(ACCOUNT.id, { active: false, version: 3 });
  });
});
