import { Checkbox, Group, NumberInput, PasswordInput, Stack, Table, Textarea, TextInput, Title } from '@mantine/core';
import type { Mailbox } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { channelsApi } from '../../api/channels.ts';
import { useCategories, useDepartments } from '../../api/reference.ts';
import { pickText } from '../../ui/localized.ts';
import { ActiveEditCells, ActiveEditHeaders, AdminForm } from './admin-form.tsx';
import { RoutingSelects } from './routing-selects.tsx';
import { useAdminEditor } from './use-admin-editor.ts';

interface Form {
  address: string;
  name: string;
  categoryId: string;
  departmentId: string;
  isFax: boolean;
  acknowledge: boolean;
  useImap: boolean;
  host: string;
  port: number | '';
  secure: boolean;
  user: string;
  password: string;
  folder: string;
  allow: string;
  deny: string;
}
const EMPTY: Form = { address: '', name: '', categoryId: '', departmentId: '', isFax: false, acknowledge: true, useImap: false, host: '', port: 993, secure: true, user: '', password: '', folder: 'INBOX', allow: '', deny: '' };
/** One sender rule a line (commas too), as the administrator pastes them. */
const rulesOf = (text: string) => text.split(/[\n,;]+/).map((x) => x.trim()).filter(Boolean);
const formOf = (m: Mailbox): Form => ({
  address: m.address,
  name: m.name,
  categoryId: m.categoryId ?? '',
  departmentId: m.departmentId ?? '',
  isFax: m.isFax,
  acknowledge: m.acknowledge,
  useImap: m.imap !== null,
  host: m.imap?.host ?? '',
  port: m.imap?.port ?? 993,
  secure: m.imap?.secure ?? true,
  user: m.imap?.user ?? '',
  password: '',
  folder: m.imap?.folder ?? 'INBOX',
  allow: m.senderAllow.join('\n'),
  deny: m.senderDeny.join('\n'),
});

/**
 * The mailbox map: each receiving address → the category and department its mail goes to, a fax
 * line or not, and, for institutions keeping their mail server, the IMAP mailbox to poll. The
 * IMAP password is written, never shown: left empty on an edit, the stored one is kept.
 */
export function MailboxesAdmin() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: channelsApi.mailboxes });
  const categories = useCategories();
  const departments = useDepartments();
  const editor = useAdminEditor<Mailbox, Form>(EMPTY, formOf, ['mailboxes']);
  const { save, editing, form, set, edit, submit: write } = editor;
  const err = save.errors;
  /** A problem with one rule (`senderDeny.2`) is shown on its list, naming the rule. */
  const listError = (key: 'senderAllow' | 'senderDeny', text: string) => {
    const hit = Object.entries(err).find(([k]) => k === key || k.startsWith(`${key}.`));
    if (!hit) return undefined;
    const index = Number(hit[0].split('.')[1]);
    const rule = Number.isInteger(index) ? rulesOf(text)[index] : undefined;
    return rule ? `${rule}: ${hit[1]}` : hit[1];
  };
  const categoryName = (id: string | null) => (id ? pickText(categories.data?.find((c) => c.id === id)?.name, lang) : '—');
  const departmentName = (id: string | null) => (id ? pickText(departments.data?.find((d) => d.id === id)?.name, lang) : t('admin.mailboxes.categoryDepartment'));

  const imap = () => (form.useImap ? { host: form.host, port: form.port === '' ? 993 : form.port, secure: form.secure, user: form.user, folder: form.folder, ...(form.password ? { password: form.password } : {}) } : null);
  const submit = async () => {
    const common = { name: form.name, categoryId: form.categoryId, departmentId: form.departmentId || null, isFax: form.isFax, acknowledge: form.acknowledge, senderAllow: rulesOf(form.allow), senderDeny: rulesOf(form.deny) };
    await write(() => (editing ? channelsApi.updateMailbox(editing.id, { ...common, imap: imap(), version: editing.version }) : channelsApi.createMailbox({ ...common, address: form.address, imap: imap() as never })));
  };

  return (
    <Stack>
      <AdminForm
        titleId="mailbox-form-title"
        title={editing ? t('admin.mailboxes.edit', { address: editing.address }) : t('admin.mailboxes.new')}
        editor={editor}
        onSubmit={submit}
        submitTestId="save-mailbox"
      >
        <Group align="flex-start" grow>
          <TextInput id="mailbox-address" type="email" label={t('admin.mailboxes.address')} required value={form.address} disabled={!!editing} onChange={(e) => set({ address: e.currentTarget.value })} error={err.address} />
          <TextInput id="mailbox-name" label={t('admin.name')} required value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} error={err.name} />
        </Group>
        <RoutingSelects idPrefix="mailbox" value={form} onChange={set} errors={err} category={{ required: true, emptyLabel: t('fields.choose') }} />
        <Group>
          <Checkbox label={t('admin.mailboxes.isFax')} description={t('admin.mailboxes.isFaxHelp')} checked={form.isFax} onChange={(e) => set({ isFax: e.currentTarget.checked })} />
          <Checkbox label={t('admin.mailboxes.acknowledge')} checked={form.acknowledge} onChange={(e) => set({ acknowledge: e.currentTarget.checked })} />
          <Checkbox label={t('admin.mailboxes.useImap')} description={t('admin.mailboxes.useImapHelp')} checked={form.useImap} onChange={(e) => set({ useImap: e.currentTarget.checked })} data-testid="mailbox-imap" />
        </Group>
        <Group align="flex-start" grow>
          <Textarea id="mailbox-allow" label={t('admin.mailboxes.allow')} description={t('admin.mailboxes.allowHelp')} autosize minRows={2} value={form.allow} onChange={(e) => set({ allow: e.currentTarget.value })} error={listError('senderAllow', form.allow)} />
          <Textarea id="mailbox-deny" label={t('admin.mailboxes.deny')} description={t('admin.mailboxes.denyHelp')} autosize minRows={2} value={form.deny} onChange={(e) => set({ deny: e.currentTarget.value })} error={listError('senderDeny', form.deny)} />
        </Group>
        {form.useImap && (
          <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend>
              <Title order={3} size="h5">
                {t('admin.mailboxes.imap')}
              </Title>
            </legend>
            <Group align="flex-start" grow>
              <TextInput id="imap-host" label={t('admin.mailboxes.host')} required value={form.host} onChange={(e) => set({ host: e.currentTarget.value })} error={err['imap.host']} />
              <NumberInput id="imap-port" label={t('admin.mailboxes.port')} min={1} max={65535} value={form.port} onChange={(n) => set({ port: typeof n === 'number' ? n : '' })} error={err['imap.port']} />
              <TextInput id="imap-folder" label={t('admin.mailboxes.folder')} value={form.folder} onChange={(e) => set({ folder: e.currentTarget.value })} error={err['imap.folder']} />
            </Group>
            <Group align="flex-start" grow>
              <TextInput id="imap-user" label={t('admin.mailboxes.user')} required value={form.user} onChange={(e) => set({ user: e.currentTarget.value })} error={err['imap.user']} autoComplete="off" />
              <PasswordInput
                id="imap-password"
                label={t('admin.mailboxes.password')}
                description={editing?.imap ? t('admin.mailboxes.passwordKept') : t('admin.mailboxes.passwordWriteOnly')}
                required={!editing?.imap}
                value={form.password}
                onChange={(e) => set({ password: e.currentTarget.value })}
                error={err['imap.password']}
                autoComplete="new-password"
              />
            </Group>
            <Checkbox label={t('admin.mailboxes.secure')} checked={form.secure} onChange={(e) => set({ secure: e.currentTarget.checked })} />
          </Stack>
        )}
      </AdminForm>
      <Table striped aria-label={t('admin.tabs.mailboxes')} data-testid="mailboxes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.mailboxes.address')}</Table.Th>
            <Table.Th>{t('admin.name')}</Table.Th>
            <Table.Th>{t('case.category')}</Table.Th>
            <Table.Th>{t('case.department')}</Table.Th>
            <Table.Th>{t('admin.mailboxes.receiving')}</Table.Th>
            <ActiveEditHeaders />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(mailboxes.data ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.address}</Table.Td>
              <Table.Td>{m.name}</Table.Td>
              <Table.Td>{categoryName(m.categoryId)}</Table.Td>
              <Table.Td>{departmentName(m.departmentId)}</Table.Td>
              <Table.Td>
                {[
                  m.isFax ? t('admin.mailboxes.fax') : null,
                  m.imap ? `IMAP ${m.imap.user}@${m.imap.host}` : 'SMTP',
                  m.senderAllow.length > 0 ? t('admin.mailboxes.allowCount', { count: m.senderAllow.length }) : null,
                  m.senderDeny.length > 0 ? t('admin.mailboxes.denyCount', { count: m.senderDeny.length }) : null,
                ].filter(Boolean).join(' · ')}
              </Table.Td>
              <ActiveEditCells name={m.address} active={m.active} onActive={(active) => void save.run(() => channelsApi.updateMailbox(m.id, { active, version: m.version }))} onEdit={() => edit(m)} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
