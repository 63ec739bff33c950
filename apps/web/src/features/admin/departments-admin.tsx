import { Button, Group, Paper, Select, Stack, Switch, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../api/console.ts';
import { useDepartments } from '../../api/reference.ts';
import { pickText } from '../../ui/localized.ts';
import { useSave } from './use-save.ts';

export function DepartmentsAdmin() {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  const save = useSave(['departments']);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const list = departments.data ?? [];
  const nameOf = (id: string | null) => (id ? pickText(list.find((d) => d.id === id)?.name, i18n.language) : '—');
  return (
    <Stack>
      <Paper withBorder p="md" component="form" onSubmit={(e) => {
        e.preventDefault();
        void save.run(() => consoleApi.createDepartment({ code, name: { [i18n.language]: name }, parentId })).then((ok) => ok && (setCode(''), setName('')));
      }}>
        <Title order={2} size="h4" mb="xs">
          {t('admin.departments.new')}
        </Title>
        <Group align="flex-end">
          <TextInput label={t('admin.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={save.errors.code} required />
          <TextInput label={t('admin.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={save.errors.name} required w={280} />
          <Select label={t('admin.departments.parent')} data={list.map((d) => ({ value: d.id, label: pickText(d.name, i18n.language) }))} value={parentId} onChange={setParentId} clearable />
          <Button type="submit" loading={save.busy}>
            {t('admin.add')}
          </Button>
        </Group>
      </Paper>
      <Table striped aria-label={t('admin.tabs.departments')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.code')}</Table.Th>
            <Table.Th>{t('admin.name')}</Table.Th>
            <Table.Th>{t('admin.departments.parent')}</Table.Th>
            <Table.Th>{t('admin.email')}</Table.Th>
            <Table.Th>{t('admin.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{d.code}</Table.Td>
              <Table.Td>{pickText(d.name, i18n.language)}</Table.Td>
              <Table.Td>{nameOf(d.parentId)}</Table.Td>
              <Table.Td>{d.email ?? '—'}</Table.Td>
              <Table.Td>
                <Switch aria-label={t('admin.activeOf', { name: pickText(d.name, i18n.language) })} checked={d.active} onChange={(e) => void save.run(() => consoleApi.updateDepartment(d.id, { active: e.currentTarget.checked, version: d.version }))} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
