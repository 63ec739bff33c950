import { Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Me } from '@civicline/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useOutletContext } from 'react-router';
import { broadcastChange } from '../../app/live-updates.ts';
import { pickText } from '../../ui/localized.ts';
import { assignMany, BulkAssignBar } from '../inbox/bulk-assign.tsx';
import { CaseTable } from '../inbox/case-table.tsx';
import { OPEN } from '../inbox/queues.ts';
import { sortRows, type SortKey, type SortState } from '../inbox/sort.ts';
import { useCaseCounts, useCaseRows } from '../inbox/use-inbox.ts';
import { useNames } from '../inbox/use-names.ts';
import { LoadBoard } from './load-board.tsx';

type View = 'approvals' | 'overdue' | 'open';

/** The head of department's view: load per person, approvals waiting, overdue, reassignment. */
export function SupervisorPage() {
  const me = useOutletContext<Me>();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { names, departments, users } = useNames(me);
  const mine = me.roles.includes('admin') ? departments.filter((d) => d.active).map((d) => d.id) : me.departmentIds;
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const dept = departmentId ?? mine[0] ?? null;
  const [view, setView] = useState<View>('approvals');
  const [sort, setSort] = useState<SortState>({ key: 'deadline', dir: 'asc' });
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const counts = useCaseCounts(dept ?? undefined);
  const filters = useMemo(() => {
    const d = dept ? { departmentId: dept } : {};
    if (view === 'approvals') return { ...d, status: 'resolution_proposed' };
    if (view === 'overdue') return { ...d, overdue: 'true' as const };
    return { ...d, status: OPEN.join(',') };
  }, [dept, view]);
  const data = useCaseRows(filters);
  const rows = useMemo(() => sortRows(data.rows, sort, names, i18n.language), [data.rows, sort, names, i18n.language]);
  const people = users.filter((u) => u.active && dept && u.departmentIds.includes(dept) && (u.roles.includes('technician') || u.roles.includes('supervisor')));

  const reassign = async (userId: string, ids: string[]) => {
    const cases = data.rows.filter((r) => ids.includes(r.id));
    const r = await assignMany(cases, userId);
    notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: r.failed.length ? 'orange' : 'green', title: t('bulk.done', { count: r.ok }), message: r.failed.length ? t('bulk.failed', { list: r.failed.join(', ') }) : t('bulk.allDone') });
    setSelected(new Set());
    await client.invalidateQueries();
    broadcastChange();
  };
  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('supervisor.title')}
        </Title>
        <Select
          label={t('inbox.department')}
          data={mine.map((d) => ({ value: d, label: pickText(departments.find((x) => x.id === d)?.name, i18n.language) || '…' }))}
          value={dept}
          onChange={setDepartmentId}
          allowDeselect={false}
          w={280}
        />
      </Group>
      <Title order={2} size="h4">
        {t('supervisor.load')}
      </Title>
      <Text size="sm">{t('supervisor.dragHint')}</Text>
      <LoadBoard people={people} openByUser={counts.data?.byAssignee ?? {}} onDropCases={(u, ids) => void reassign(u, ids)} />
      <Tabs value={view} onChange={(v) => v && setView(v as View)}>
        <Tabs.List>
          <Tabs.Tab value="approvals">{t('supervisor.approvals')}</Tabs.Tab>
          <Tabs.Tab value="overdue">{t('supervisor.overdue')}</Tabs.Tab>
          <Tabs.Tab value="open">{t('supervisor.open')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <BulkAssignBar selected={data.rows.filter((r) => selected.has(r.id))} users={people} onDone={() => setSelected(new Set())} />
      <CaseTable
        label={t(`supervisor.${view}`)}
        rows={rows}
        sort={sort}
        onSort={onSort}
        names={names}
        activeIndex={active}
        onActivate={(i) => {
          if (i === active && rows[i]) void navigate(`/cases/${rows[i].id}`);
          setActive(i);
        }}
        selected={selected}
        onToggle={(id) => setSelected((s) => {
          const n = new Set(s);
          if (n.has(id)) n.delete(id);
          else n.add(id);
          return n;
        })}
        onToggleAll={(c) => setSelected(c ? new Set(rows.map((r) => r.id)) : new Set())}
        draggable
        height="calc(100vh - 420px)"
      />
    </Stack>
  );
}
