import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Switch, Table, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { LANGUAGES, type Language, type PhoneLine } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi } from '../../api/channels.ts';
import { useCategories, useDepartments } from '../../api/reference.ts';
import { pickText } from '../../ui/localized.ts';
import { useSave } from './use-save.ts';

interface Form {
  number: string;
  name: string;
  sms: boolean;
  voice: boolean;
  categoryId: string;
  departmentId: string;
  language: string;
  transferQueue: string;
}
const EMPTY: Form = { number: '', name: '', sms: true, voice: true, categoryId: '', departmentId: '', language: '', transferQueue: '' };
const formOf = (l: PhoneLine): Form => ({ number: l.number, name: l.name, sms: l.sms, voice: l.voice, categoryId: l.categoryId ?? '', departmentId: l.departmentId ?? '', language: l.language ?? '', transferQueue: l.transferQueue ?? '' });

/**
 * The institution's phone numbers: SMS and calls to each open cases of its category in its
 * department (a call's draft needs the category). Numbers are normalised to E.164 by the server.
 */
export function PhoneLinesAdmin() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const lines = useQuery({ queryKey: ['phone-lines'], queryFn: channelsApi.phoneLines });
  const categories = useCategories();
  const departments = useDepartments();
  const save = useSave(['phone-lines']);
  const [editing, setEditing] = useState<PhoneLine | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const err = save.errors;
  const categoryName = (id: string | null) => (id ? pickText(categories.data?.find((c) => c.id === id)?.name, lang) : '—');
  // Language names from the browser, in the reader's language.
  const languageName = (l: string | null) => (l ? (new Intl.DisplayNames([lang], { type: 'language' }).of(l) ?? l) : t('admin.lines.institutionLanguage'));
  const departmentName = (id: string | null) => (id ? pickText(departments.data?.find((d) => d.id === id)?.name, lang) : '—');

  const submit = async () => {
    const common = { name: form.name, sms: form.sms, voice: form.voice, categoryId: form.categoryId || null, departmentId: form.departmentId || null, language: (form.language || null) as Language | null, transferQueue: form.transferQueue.trim() || null };
    const done = editing
      ? await save.run(() => channelsApi.updatePhoneLine(editing.id, { ...common, version: editing.version }))
      : await save.run(() => channelsApi.createPhoneLine({ ...common, number: form.number }));
    if (done) {
      setEditing(null);
      setForm(EMPTY);
    }
  };

  return (
    <Stack>
      <Paper withBorder p="md" component="form" aria-labelledby="line-form-title" noValidate onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}>
        <Title order={2} size="h4" mb="xs" id="line-form-title">
          {editing ? t('admin.lines.edit', { number: editing.number }) : t('admin.lines.new')}
        </Title>
        <Stack gap="sm">
          <Group align="flex-start" grow>
            <TextInput id="line-number" type="tel" label={t('admin.lines.number')} description={t('admin.lines.numberHelp')} required value={form.number} disabled={!!editing} onChange={(e) => set({ number: e.currentTarget.value })} error={err.number} />
            <TextInput id="line-name" label={t('admin.name')} required value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} error={err.name} />
          </Group>
          <Group align="flex-start" grow>
            <NativeSelect
              id="line-category"
              label={t('case.category')}
              description={t('admin.lines.categoryHelp')}
              value={form.categoryId}
              onChange={(e) => set({ categoryId: e.currentTarget.value })}
              error={err.categoryId}
              data={[{ value: '', label: t('admin.lines.noCategory') }, ...(categories.data ?? []).map((c) => ({ value: c.id, label: pickText(c.name, lang) }))]}
            />
            <NativeSelect
              id="line-department"
              label={t('case.department')}
              description={t('admin.lines.departmentHelp')}
              value={form.departmentId}
              onChange={(e) => set({ departmentId: e.currentTarget.value })}
              error={err.departmentId}
              data={[{ value: '', label: t('admin.mailboxes.categoryDepartment') }, ...(departments.data ?? []).map((d) => ({ value: d.id, label: pickText(d.name, lang) }))]}
            />
          </Group>
          <NativeSelect
            id="line-language"
            label={t('admin.lines.language')}
            description={t('admin.lines.languageHelp')}
            value={form.language}
            onChange={(e) => set({ language: e.currentTarget.value })}
            error={err.language}
            data={[{ value: '', label: t('admin.lines.institutionLanguage') }, ...LANGUAGES.map((l) => ({ value: l, label: languageName(l) }))]}
            w={320}
          />
          <TextInput
            id="line-transfer-queue"
            label={t('admin.lines.transferQueue')}
            description={t('admin.lines.transferQueueHelp')}
            value={form.transferQueue}
            maxLength={64}
            onChange={(e) => set({ transferQueue: e.currentTarget.value })}
            error={err.transferQueue}
            w={420}
          />
          <Group>
            <Checkbox label={t('admin.lines.voice')} checked={form.voice} onChange={(e) => set({ voice: e.currentTarget.checked })} />
            <Checkbox label={t('admin.lines.sms')} checked={form.sms} onChange={(e) => set({ sms: e.currentTarget.checked })} />
          </Group>
          <Group>
            <Button type="submit" loading={save.busy} data-testid="save-line">
              {editing ? t('admin.save') : t('admin.add')}
            </Button>
            {editing && (
              <Button variant="default" onClick={() => (setEditing(null), setForm(EMPTY), save.setErrors({}))}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      <Table striped aria-label={t('admin.tabs.lines')} data-testid="phone-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.lines.number')}</Table.Th>
            <Table.Th>{t('admin.name')}</Table.Th>
            <Table.Th>{t('case.category')}</Table.Th>
            <Table.Th>{t('case.department')}</Table.Th>
            <Table.Th>{t('admin.lines.uses')}</Table.Th>
            <Table.Th>{t('admin.lines.language')}</Table.Th>
            <Table.Th>{t('admin.lines.transferQueue')}</Table.Th>
            <Table.Th>{t('admin.active')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('admin.edit')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(lines.data ?? []).map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{l.number}</Table.Td>
              <Table.Td>{l.name}</Table.Td>
              <Table.Td>{categoryName(l.categoryId)}</Table.Td>
              <Table.Td>{departmentName(l.departmentId)}</Table.Td>
              <Table.Td>{[l.voice ? t('admin.lines.voice') : null, l.sms ? t('admin.lines.sms') : null].filter(Boolean).join(', ') || '—'}</Table.Td>
              <Table.Td>{languageName(l.language)}</Table.Td>
              <Table.Td>{l.transferQueue ?? '—'}</Table.Td>
              <Table.Td>
                <Switch aria-label={t('admin.activeOf', { name: l.number })} checked={l.active} onChange={(e) => void save.run(() => channelsApi.updatePhoneLine(l.id, { active: e.currentTarget.checked, version: l.version }))} />
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="default" onClick={() => (setEditing(l), setForm(formOf(l)), save.setErrors({}))} aria-label={t('admin.editOf', { name: l.number })}>
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
