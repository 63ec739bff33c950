import { Button, Group, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../api/console.ts';
import { formatDate } from '../../ui/format.ts';
import { useSave } from './use-save.ts';

/** Public holidays of the country, and the institution's own days off and working Saturdays. */
export function CalendarAdmin() {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const holidays = useQuery({ queryKey: ['holidays', year], queryFn: () => consoleApi.holidays(year) });
  const days = useQuery({ queryKey: ['calendar-days'], queryFn: consoleApi.calendarDays });
  const save = useSave(['calendar-days', 'holidays']);
  const [day, setDay] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [working, setWorking] = useState<'off' | 'working'>('off');
  return (
    <Stack>
      <Paper withBorder p="md" component="form" onSubmit={(e) => {
        e.preventDefault();
        if (!day) return save.setErrors({ day: t('validation.required') });
        void save.run(() => consoleApi.putCalendarDay(day, { working: working === 'working', name }));
      }}>
        <Title order={2} size="h4" mb="xs">
          {t('admin.calendar.add')}
        </Title>
        <Group align="flex-end">
          <DatePickerInput label={t('admin.calendar.day')} valueFormat="YYYY-MM-DD" value={day} onChange={(v) => setDay(v)} error={save.errors.day} required w={180} />
          <TextInput label={t('admin.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={save.errors.name} required />
          <SegmentedControl aria-label={t('admin.calendar.kind')} value={working} onChange={(v) => setWorking(v as 'off' | 'working')} data={[{ value: 'off', label: t('admin.calendar.dayOff') }, { value: 'working', label: t('admin.calendar.workingDay') }]} />
          <Button type="submit" loading={save.busy}>
            {t('admin.add')}
          </Button>
        </Group>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('admin.calendar.own')}
          </Title>
          <Table aria-label={t('admin.calendar.own')}>
            <Table.Tbody>
              {(days.data ?? []).map((d) => (
                <Table.Tr key={d.day}>
                  <Table.Td>{formatDate(`${d.day}T12:00:00Z`, i18n.language)}</Table.Td>
                  <Table.Td>{d.name}</Table.Td>
                  <Table.Td>{d.working ? t('admin.calendar.workingDay') : t('admin.calendar.dayOff')}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => void save.run(() => consoleApi.deleteCalendarDay(d.day))} aria-label={t('admin.calendar.removeDay', { day: d.day })}>
                      {t('admin.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {(days.data ?? []).length === 0 && <Text size="sm">{t('admin.calendar.noneOwn')}</Text>}
        </Paper>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('admin.calendar.public')}
            </Title>
            <NumberInput aria-label={t('admin.calendar.year')} value={year} onChange={(v) => typeof v === 'number' && setYear(v)} min={2000} max={2100} w={100} size="xs" />
          </Group>
          <Table aria-label={t('admin.calendar.public')}>
            <Table.Tbody>
              {(holidays.data ?? []).map((h) => (
                <Table.Tr key={`${h.day}-${h.name}`}>
                  <Table.Td>{formatDate(`${h.day}T12:00:00Z`, i18n.language)}</Table.Td>
                  <Table.Td>{h.name}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
