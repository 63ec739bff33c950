import { Button, Group, MultiSelect, NumberInput, Paper, PasswordInput, Select, Stack, Switch, Table, TextInput, Title } from '@mantine/core';
import { ROLES, STAFF_LANGUAGES, type StaffUser } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../api/console.ts';
import { useDepartments, useUsers } from '../../api/reference.ts';
import { pickText } from '../../ui/localized.ts';
import { useSave } from './use-save.ts';

function CapacityInput({ user }: { user: StaffUser }) {
  const { t } = useTranslation();
  const w = useQuery({ queryKey: ['workload', user.id], queryFn: () => consoleApi.workload(user.id) });
  const save = useSave(['workload']);
  const [value, setValue] = useState<number | string | null>(null);
  const shown = value ?? w.data?.capacity ?? '';
  return (
    <NumberInput
      size="xs"
      w={110}
      min={0}
      aria-label={t('admin.users.capacityOf', { name: user.displayName })}
      placeholder={t('admin.users.noLimit')}
      value={shown}
      onChange={setValue}
      onBlur={() => value !== null && void save.run(() => consoleApi.setCapacity(user.id, value === '' ? null : Number(value)))}
    />
  );
}

export function UsersAdmin() {
  const { t, i18n } = useTranslation();
  const users = useUsers(true);
  const departments = useDepartments();
  const save = useSave(['users']);
  const [form, setForm] = useState({ email: '', displayName: '', roles: [] as string[], locale: 'ro', password: '', departmentIds: [] as string[] });
  const deptOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: pickText(d.name, i18n.language) }));
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  return (
    <Stack>
      <Paper withBorder p="md" component="form" onSubmit={(e) => {
        e.preventDefault();
        void save.run(() => consoleApi.createUser({ ...form, roles: form.roles as StaffUser['roles'], locale: form.locale as StaffUser['locale'] })).then((ok) => ok && setForm({ ...form, email: '', displayName: '', password: '' }));
      }}>
        <Title order={2} size="h4" mb="xs">
          {t('admin.users.new')}
        </Title>
        <Group align="flex-start" wrap="wrap">
          <TextInput label={t('admin.email')} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} error={save.errors.email} required />
          <TextInput label={t('admin.users.name')} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })} error={save.errors.displayName} required />
          <MultiSelect label={t('admin.users.roles')} data={roleOptions} value={form.roles} onChange={(roles) => setForm({ ...form, roles })} error={save.errors.roles} required w={240} />
          <MultiSelect label={t('admin.users.departments')} data={deptOptions} value={form.departmentIds} onChange={(departmentIds) => setForm({ ...form, departmentIds })} w={260} />
          <Select label={t('admin.users.language')} data={STAFF_LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))} value={form.locale} onChange={(v) => v && setForm({ ...form, locale: v })} allowDeselect={false} w={100} />
          <PasswordInput label={t('admin.users.password')} value={form.password} onChange={(e) => setForm({ ...form, password: e.currentTarget.value })} error={save.errors.password} required w={220} />
        </Group>
        <Button type="submit" mt="sm" loading={save.busy}>
          {t('admin.add')}
        </Button>
      </Paper>
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label={t('admin.tabs.users')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.users.name')}</Table.Th>
              <Table.Th>{t('admin.email')}</Table.Th>
              <Table.Th>{t('admin.users.roles')}</Table.Th>
              <Table.Th>{t('admin.users.departments')}</Table.Th>
              <Table.Th>{t('admin.users.capacity')}</Table.Th>
              <Table.Th>{t('admin.active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data ?? []).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.displayName}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>
                  <MultiSelect size="xs" aria-label={t('admin.users.rolesOf', { name: u.displayName })} data={roleOptions} value={u.roles} onChange={(roles) => roles.length && void save.run(() => consoleApi.updateUser(u.id, { roles: roles as StaffUser['roles'], version: u.version }))} w={220} />
                </Table.Td>
                <Table.Td>
                  <MultiSelect size="xs" aria-label={t('admin.users.departmentsOf', { name: u.displayName })} data={deptOptions} value={u.departmentIds} onChange={(departmentIds) => void save.run(() => consoleApi.updateUser(u.id, { departmentIds, version: u.version }))} w={260} />
                </Table.Td>
                <Table.Td>
                  <CapacityInput user={u} />
                </Table.Td>
                <Table.Td>
                  <Switch aria-label={t('admin.activeOf', { name: u.displayName })} checked={u.active} onChange={(e) => void save.run(() => consoleApi.updateUser(u.id, { active: e.currentTarget.checked, version: u.version }))} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
