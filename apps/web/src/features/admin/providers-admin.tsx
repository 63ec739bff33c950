import { Group, NativeSelect, PasswordInput, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { PROVIDERS, type ProviderAccount } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { channelsApi } from '../../api/channels.ts';
import { ActiveEditCells, ActiveEditHeaders, AdminForm } from './admin-form.tsx';
import { useAdminEditor } from './use-admin-editor.ts';

type Provider = (typeof PROVIDERS)[number];

/** Settings as the admin types them, one `name = value` a line; numbers and true/false keep their type. */
export function parseSettings(text: string): { settings: Record<string, string | number | boolean>; bad: number[] } {
  const settings: Record<string, string | number | boolean> = {};
  const bad: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!key) return bad.push(i + 1);
    const raw = line.slice(eq + 1).trim();
    settings[key] = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(\.\d+)?$/.test(raw) && raw.length < 16 ? Number(raw) : raw;
  });
  return { settings, bad };
}
const settingsText = (s: Record<string, unknown>) => Object.entries(s).map(([k, v]) => `${k} = ${String(v)}`).join('\n');

interface Form {
  provider: Provider;
  name: string;
  settings: string;
  /** Written, never shown: empty on an edit keeps the stored one. */
  secret: string;
}
const EMPTY: Form = { provider: 'twilio', name: '', settings: '', secret: '' };
const formOf = (a: ProviderAccount): Form => ({ provider: a.provider, name: a.name, settings: settingsText(a.settings), secret: '' });

/**
 * The accounts CivicLine talks to providers with (Twilio, SMS gateways, SMPP, SMTP, a PBX's
 * webhook). The secret (auth token, password, signing key) is stored encrypted and never shown.
 */
export function ProvidersAdmin() {
  const { t } = useTranslation();
  const accounts = useQuery({ queryKey: ['provider-accounts'], queryFn: channelsApi.providerAccounts });
  const editor = useAdminEditor<ProviderAccount, Form>(EMPTY, formOf, ['provider-accounts']);
  const { save, editing, form, set, edit, submit: write } = editor;
  const { provider, name, secret } = form;

  const submit = async () => {
    const parsed = parseSettings(form.settings);
    if (parsed.bad.length > 0) return save.setErrors({ settings: t('admin.providers.badLines', { lines: parsed.bad.join(', ') }) });
    await write(() =>
      editing
        ? channelsApi.updateProviderAccount(editing.id, { name, settings: parsed.settings, ...(secret ? { secret } : {}), version: editing.version })
        : channelsApi.createProviderAccount({ provider, name, settings: parsed.settings, ...(secret ? { secret } : {}) }),
    );
  };
  const err = save.errors;
  const settingsError = err.settings ?? Object.entries(err).find(([k]) => k.startsWith('settings.'))?.[1];

  return (
    <Stack>
      <AdminForm
        titleId="provider-form-title"
        title={editing ? t('admin.providers.edit', { name: editing.name }) : t('admin.providers.new')}
        editor={editor}
        onSubmit={submit}
        submitTestId="save-provider"
      >
        <Group align="flex-start" grow>
          <NativeSelect id="provider-kind" label={t('admin.providers.provider')} value={provider} disabled={!!editing} onChange={(e) => set({ provider: e.currentTarget.value as Provider })} data={PROVIDERS.map((p) => ({ value: p, label: t(`admin.providers.kind.${p}`) }))} error={err.provider} />
          <TextInput id="provider-name" label={t('admin.name')} required value={name} onChange={(e) => set({ name: e.currentTarget.value })} error={err.name} />
        </Group>
        <Textarea id="provider-settings" label={t('admin.providers.settings')} description={t(`admin.providers.settingsHelp.${provider}`)} autosize minRows={3} value={form.settings} onChange={(e) => set({ settings: e.currentTarget.value })} error={settingsError} styles={{ input: { fontFamily: 'monospace' } }} />
        <PasswordInput
          id="provider-secret"
          label={t('admin.providers.secret')}
          description={editing?.hasSecret ? t('admin.mailboxes.passwordKept') : t('admin.mailboxes.passwordWriteOnly')}
          value={secret}
          onChange={(e) => set({ secret: e.currentTarget.value })}
          error={err.secret}
          autoComplete="new-password"
        />
      </AdminForm>
      <Table striped aria-label={t('admin.tabs.providers')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.providers.provider')}</Table.Th>
            <Table.Th>{t('admin.name')}</Table.Th>
            <Table.Th>{t('admin.providers.settings')}</Table.Th>
            <Table.Th>{t('admin.providers.secret')}</Table.Th>
            <ActiveEditHeaders />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(accounts.data ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{t(`admin.providers.kind.${a.provider}`)}</Table.Td>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>{settingsText(a.settings) || '—'}</Table.Td>
              <Table.Td>{a.hasSecret ? t('admin.providers.secretStored') : t('admin.providers.noSecret')}</Table.Td>
              <ActiveEditCells name={a.name} active={a.active} onActive={(active) => void save.run(() => channelsApi.updateProviderAccount(a.id, { active, version: a.version }))} onEdit={() => edit(a)} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
