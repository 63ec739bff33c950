import { Badge, Group, Loader, MultiSelect, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { CHANNELS, type Me } from '@civicline/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useOutletContext, useSearchParams } from 'react-router';
import { pickText } from '../../ui/localized.ts';
import { BulkAssignBar } from './bulk-assign.tsx';
import { CaseTable } from './case-table.tsx';
import { combineFilters, queueCount, queueFilters, queuesFor, queueStatuses, type QueueId } from './queues.ts';
import { sortRows, type SortKey, type SortState } from './sort.ts';
import { useCaseCounts, useCaseRows } from './use-inbox.ts';
import { useNames } from './use-names.ts';

let firstRowsMarked = false;
let mountedMarked = false;

export function InboxPage() {
  const me = useOutletContext<Me>();
  if (!mountedMarked) {
    mountedMarked = true;
    performance.mark('civicline:inbox-render');
  }
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const queues = queuesFor(me);
  const queue = (queues.includes(params.get('queue') as QueueId) ? params.get('queue') : queues[0]) as QueueId;
  const departmentId = params.get('department') ?? me.departmentIds[0];
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search, 300);
  const [statuses, setStatuses] = useState<string[]>([]);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [sort, setSort] = useState<SortState>({ key: 'registered', dir: 'desc' });
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);
  // The queue's time window is fixed when the queue is chosen, so the query key stays stable.
  const [now] = useState(() => Date.now());

  const base = useMemo(() => queueFilters(queue, { departmentId, now }), [queue, departmentId, now]);
  const filters = useMemo(() => combineFilters(base, { statuses, categoryId, channel, q }), [base, statuses, categoryId, channel, q]);
  const data = useCaseRows(filters);
  // The first rows are asked for first; counters and names follow (the database answers in turn).
  const firstRowsIn = !data.isPending;
  const counts = useCaseCounts(undefined, firstRowsIn);
  const { names, categories, department, users } = useNames(me, firstRowsIn);
  const sorted = useMemo(() => sortRows(data.rows, sort, names, i18n.language), [data.rows, sort, names, i18n.language]);
  const canBulk = me.permissions.includes('users.read') && me.permissions.includes('cases.act');

  useEffect(() => {
    if (!firstRowsMarked && sorted.length > 0) {
      firstRowsMarked = true;
      performance.mark('civicline:inbox-first-rows');
    }
  }, [sorted.length]);
  useEffect(() => {
    setActive(-1);
    setSelected(new Set());
  }, [filters]);

  const setQueue = (next: QueueId) => {
    const p = new URLSearchParams(params);
    p.set('queue', next);
    setParams(p, { replace: true });
    setStatuses([]);
  };
  const open = (i: number) => {
    const r = sorted[i];
    if (r) void navigate(`/cases/${r.id}`);
  };
  useHotkeys([
    ['/', () => searchRef.current?.focus()],
    ['j', () => setActive((i) => Math.min(sorted.length - 1, i + 1))],
    ['k', () => setActive((i) => Math.max(0, i - 1))],
    // Enter on a focused link or button (the screen-pop's, a row's) is that control's, not the list's.
    ['Enter', (e) => {
      if ((e.target as HTMLElement | null)?.closest?.('a,button')) return;
      if (active < 0) return;
      e.preventDefault();
      open(active);
    }, { preventDefault: false }],
    ...queues.slice(0, 8).map((qid, i) => [`${i + 1}`, () => setQueue(qid)] as [string, () => void]),
  ]);
  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'registered' ? 'desc' : 'asc' }));
  const allowedStatuses = queueStatuses(base);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('inbox.title')}
        </Title>
        <Text size="sm" role="status" aria-live="polite" data-testid="inbox-progress" data-loaded={data.rows.length} data-complete={data.complete}>
          {data.isPending ? t('inbox.loading') : data.complete ? t('inbox.loaded', { count: data.rows.length }) : t('inbox.loadingMore', { count: data.rows.length })}
          {data.isFetching && !data.isPending && <Loader size={12} ml={6} aria-hidden />}
        </Text>
      </Group>
      <Tabs value={queue} onChange={(v) => v && setQueue(v as QueueId)} keepMounted={false} aria-label={t('inbox.queues')}>
        <Tabs.List>
          {queues.map((qid, i) => {
            const n = queueCount(qid, counts.data, departmentId);
            return (
              <Tabs.Tab key={qid} value={qid} data-queue={qid} rightSection={n !== undefined ? <Badge size="sm" variant={qid === 'overdue' && n > 0 ? 'filled' : 'light'} color={qid === 'overdue' && n > 0 ? 'red' : 'gray'} data-count={n}>{n}</Badge> : undefined} title={`${i + 1}`}>
                {t(`queue.${qid}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          ref={searchRef}
          label={t('inbox.search')}
          placeholder={t('inbox.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
          type="search"
        />
        {queue === 'department' && me.departmentIds.length > 1 && (
          <Select
            label={t('inbox.department')}
            data={me.departmentIds.map((d) => ({ value: d, label: department(d) }))}
            value={departmentId ?? null}
            onChange={(v) => {
              const p = new URLSearchParams(params);
              if (v) p.set('department', v);
              setParams(p, { replace: true });
            }}
            allowDeselect={false}
            w={220}
          />
        )}
        <MultiSelect
          label={t('inbox.status')}
          data={(allowedStatuses ?? ['draft', 'registered', 'assigned', 'in_progress', 'suspended', 'resolution_proposed', 'resolved', 'closed', 'rejected', 'redirected', 'withdrawn', 'reopened']).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={statuses}
          onChange={setStatuses}
          clearable
          w={260}
          placeholder={statuses.length ? undefined : t('inbox.any')}
        />
        <Select
          label={t('inbox.category')}
          data={categories.map((c) => ({ value: c.id, label: pickText(c.name, i18n.language) }))}
          value={categoryId}
          onChange={setCategoryId}
          clearable
          searchable
          w={240}
          placeholder={t('inbox.any')}
        />
        <Select
          label={t('inbox.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          value={channel}
          onChange={setChannel}
          clearable
          w={160}
          placeholder={t('inbox.any')}
        />
      </Group>
      {canBulk && <BulkAssignBar selected={data.rows.filter((r) => selected.has(r.id))} users={users} onDone={() => setSelected(new Set())} />}
      {data.isError && (
        <Text c="red.9" role="alert">
          {t('common.loadFailed')}
        </Text>
      )}
      <CaseTable
        label={t(`queue.${queue}`)}
        rows={sorted}
        sort={sort}
        onSort={onSort}
        names={names}
        activeIndex={active}
        onActivate={(i) => setActive(i)}
        {...(canBulk
          ? {
              selected,
              onToggle: (id: string) => setSelected((s) => {
                const n = new Set(s);
                if (n.has(id)) n.delete(id);
                else n.add(id);
                return n;
              }),
              onToggleAll: (checked: boolean) => setSelected(checked ? new Set(sorted.map((r) => r.id)) : new Set()),
            }
          : {})}
      />
    </Stack>
  );
}
