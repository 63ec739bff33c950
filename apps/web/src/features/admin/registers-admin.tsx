import { Button, Group, Paper, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../api/console.ts';
import { pickText } from '../../ui/localized.ts';
import { useSave } from './use-save.ts';

/** An example number of a format, as the server would issue it. */
export function previewNumber(format: string, code: string, seq = 42, year = new Date().getFullYear()): string {
  return format
    .replace(/\{year\}/g, String(year))
    .replace(/\{register\}/g, code)
    .replace(/\{seq(?::(\d{1,2}))?\}/g, (_m, pad: string | undefined) => String(seq).padStart(pad ? Number(pad) : 0, '0'));
}

export function RegistersAdmin() {
  const { t, i18n } = useTranslation();
  const registers = useQuery({ queryKey: ['registers'], queryFn: consoleApi.registers });
  const save = useSave(['registers']);
  const [form, setForm] = useState({ code: '', name: '', format: '{register}-{year}-{seq:6}' });
  const [formats, setFormats] = useState<Record<string, string>>({});
  return (
    <Stack>
      <Paper withBorder p="md" component="form" onSubmit={(e) => {
        e.preventDefault();
        void save.run(() => consoleApi.createRegister({ code: form.code, name: { [i18n.language]: form.name }, format: form.format }));
      }}>
        <Title order={2} size="h4" mb="xs">
          {t('admin.registers.new')}
        </Title>
        <Group align="flex-start">
          <TextInput label={t('admin.code')} value={form.code} onChange={(e) => setForm({ ...form, code: e.currentTarget.value })} error={save.errors.code} required />
          <TextInput label={t('admin.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={save.errors.name} required />
          <TextInput label={t('admin.registers.format')} description={t('admin.registers.formatHelp')} value={form.format} onChange={(e) => setForm({ ...form, format: e.currentTarget.value })} error={save.errors.format} required w={260} />
        </Group>
        <Text size="sm" mt="xs">
          {t('admin.registers.example')}: <b>{previewNumber(form.format, form.code.toUpperCase() || 'REG')}</b>
        </Text>
        <Button type="submit" mt="sm" loading={save.busy}>
          {t('admin.add')}
        </Button>
      </Paper>
      <Table striped aria-label={t('admin.tabs.registers')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.code')}</Table.Th>
            <Table.Th>{t('admin.name')}</Table.Th>
            <Table.Th>{t('admin.registers.format')}</Table.Th>
            <Table.Th>{t('admin.registers.example')}</Table.Th>
            <Table.Th>{t('admin.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(registers.data ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.code}</Table.Td>
              <Table.Td>{pickText(r.name, i18n.language)}</Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  aria-label={t('admin.registers.formatOf', { code: r.code })}
                  value={formats[r.id] ?? r.format}
                  onChange={(e) => setFormats({ ...formats, [r.id]: e.currentTarget.value })}
                  onBlur={() => formats[r.id] && formats[r.id] !== r.format && void save.run(() => consoleApi.updateRegister(r.id, { format: formats[r.id]!, version: r.version }))}
                />
              </Table.Td>
              <Table.Td>{previewNumber(formats[r.id] ?? r.format, r.code)}</Table.Td>
              <Table.Td>
                <Switch aria-label={t('admin.activeOf', { name: r.code })} checked={r.active} onChange={(e) => void save.run(() => consoleApi.updateRegister(r.id, { active: e.currentTarget.checked, version: r.version }))} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
