import { Button, Group, NativeSelect, Paper, PasswordInput, Stack, Switch, Table, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { PROVIDERS, type ProviderAccount } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi } from '../../api/channels.ts';
import { useSave } from './use-save.ts';

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

/**
 * The accounts CivicLine talks to providers with (Twilio, SMS gateways, SMPP, SMTP, a PBX's
 * webhook). The secret (auth token, password, signing key) is stored encrypted and never shown.
 */
export function ProvidersAdmin() {
  const { t } = useTranslation();
  const accounts = useQuery({ queryKey: ['provider-accounts'], queryFn: channelsApi.providerAccounts });
  const save = useSave(['provider-accounts']);
  const [editing, setEditing] = useState<ProviderAccount | null>(null);
  const [provider, setProvider] = useState<Provider>('twilio');
  const [name, setName] = useState('');
  const [settings, setSettings] = useState('');
  const [secret, setSecret] = useState('');
  const reset = () => (setEditing(null), setProvider('twilio'), setName(''), setSettings(''), setSecret(''), save.setErrors({}));

  const submit = async () => {
    const parsed = parseSettings(settings);
    if (parsed.bad.length > 0) return save.setErrors({ settings: t('admin.providers.badLines', { lines: parsed.bad.join(', ') }) });
    const done = editing
      ? await save.run(() => channelsApi.updateProviderAccount(editing.id, { name, settings: parsed.settings, ...(secret ? { secret } : {}), version: editing.version }))
      : await save.run(() => channelsApi.createProviderAccount({ provider, name, settings: parsed.settings, ...(secret ? { secret } : {}) }));
    if (done) reset();
  };
  const err = save.errors;
  const settingsError = err.settings ?? Object.entries(err).find(([k]) => k.startsWith('settings.'))?.[1];

  return (
    <Stack>
      <Paper withBorder p="md" component="form" aria-labelledby="provider-form-title" noValidate onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}>
        <Title order={2} size="h4" mb="xs" id="provider-form-title">
          {editing ? t('admin.providers.edit', { name: editing.name }) : t('admin.providers.new')}
        </Title>
        <Stack gap="sm">
          <Group align="flex-start" grow>
            <NativeSelect id="provider-kind" label={t('admin.providers.provider')} value={provider} disabled={!!editing} onChange={(e) => setProvider(e.currentTarget.value as Provider)} data={PROVIDERS.map((p) => ({ value: p, label: t(`admin.providers.kind.${p}`) }))} error={err.provider} />
            <TextInput id="provider-name" label={t('admin.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err.name} />
          </Group>
          <Textarea id="provider-settings" label={t('admin.providers.settings')} description={t(`admin.providers.settingsHelp.${provider}`)} autosize minRows={3} value={settings} onChange={(e) => setSettings(e.currentTarget.value)} error={settingsError} styles={{ input: { fontFamily: 'monospace' } }} />
          <PasswordInput
            id="provider-secret"
            label={t('admin.providers.secret')}
            description={editing?.hasSecret ? t('admin.mailboxes.passwordKept') : t('admin.mailboxes.passwordWriteOnly')}
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            error={err.secret}
            autoComplete="new-password"
          />
          <Group>
            <Button type="submit" loading={save.busy} data-testid="save-provider">
              {editing ? t('admin.save') : t('admin.add')}
            </Button>
            {editing && (
              <Button variant="default" onClick={reset}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      <Table striped aria-label={t('admin.tabs.providers')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.providers.provider')}</Table.Th>
            <Table.Th>{t('admin.name')}</Table.Th>
            <Table.Th>{t('admin.providers.settings')}</Table.Th>
            <Table.Th>{t('admin.providers.secret')}</Table.Th>
            <Table.Th>{t('admin.active')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('admin.edit')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(accounts.data ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{t(`admin.providers.kind.${a.provider}`)}</Table.Td>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>{settingsText(a.settings) || '—'}</Table.Td>
              <Table.Td>{a.hasSecret ? t('admin.providers.secretStored') : t('admin.providers.noSecret')}</Table.Td>
              <Table.Td>
                <Switch aria-label={t('admin.activeOf', { name: a.name })} checked={a.active} onChange={(e) => void save.run(() => channelsApi.updateProviderAccount(a.id, { active: e.currentTarget.checked, version: a.version }))} />
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="default"
                  aria-label={t('admin.editOf', { name: a.name })}
                  onClick={() => (setEditing(a), setProvider(a.provider), setName(a.name), setSettings(settingsText(a.settings)), setSecret(''), save.setErrors({}))}
                >
                  {t('admin.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
