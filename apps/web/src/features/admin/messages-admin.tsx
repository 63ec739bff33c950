import type { OUTBOUND_CHANNELS, MESSAGE_STATUSES } from '@civicline/contracts';
import { Anchor, Badge, Button, Drawer, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { consoleApi, type Message, type MessageFilters } from '../../api/console.ts';
import { formatDateTime } from '../../ui/format.ts';
import { MessageStatusBadge } from '../../ui/message-status-badge.tsx';
import { useSave } from './use-save.ts';

const CHANNELS: readonly (typeof OUTBOUND_CHANNELS)[number][] = ['email', 'sms', 'webhook', 'portal'];
const STATUSES: readonly (typeof MESSAGE_STATUSES)[number][] = ['queued', 'sending', 'sent', 'delivered', 'failed'];
const PAGE = 50;

/**
 * The outbox: every message that left (or is leaving) the institution, with its delivery state.
 * With no provider configured this is the development sink, where messages are read instead of sent.
 */
export function MessagesAdmin() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<MessageFilters>({});
  const [to, setTo] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const query = useInfiniteQuery({
    queryKey: ['messages', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => consoleApi.messages({ ...filters, limit: PAGE, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 15_000,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const open = rows.find((m) => m.id === openId) ?? null;
  const set = (k: keyof MessageFilters, v: string | null) => setFilters((f) => ({ ...f, [k]: v ?? undefined }));
  return (
    <Stack>
      <Text size="sm">{t('admin.messages.intro')}</Text>
      <Group align="flex-end" component="form" onSubmit={(e) => {
        e.preventDefault();
        set('to', to.trim() || null);
      }}>
        <Select label={t('admin.messages.channel')} data={CHANNELS.map((c) => ({ value: c, label: t(`admin.messages.channels.${c}`) }))} value={filters.channel ?? null} onChange={(v) => set('channel', v)} clearable w={160} />
        <Select label={t('admin.messages.status')} data={STATUSES.map((s) => ({ value: s, label: t(`admin.messages.statuses.${s}`) }))} value={filters.status ?? null} onChange={(v) => set('status', v)} clearable w={160} />
        <TextInput label={t('admin.messages.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={240} />
        <Button type="submit" variant="light">
          {t('admin.messages.search')}
        </Button>
      </Group>
      <Table striped highlightOnHover aria-label={t('admin.tabs.messages')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.messages.when')}</Table.Th>
            <Table.Th>{t('admin.messages.channel')}</Table.Th>
            <Table.Th>{t('admin.messages.purpose')}</Table.Th>
            <Table.Th>{t('admin.messages.to')}</Table.Th>
            <Table.Th>{t('admin.messages.text')}</Table.Th>
            <Table.Th>{t('admin.messages.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{formatDateTime(m.createdAt, i18n.language)}</Table.Td>
              <Table.Td>{t(`admin.messages.channels.${m.channel}`, { defaultValue: m.channel })}</Table.Td>
              <Table.Td>{t(`admin.messages.purposes.${m.purpose}`, { defaultValue: m.purpose })}</Table.Td>
              <Table.Td>{m.toAddress}</Table.Td>
              <Table.Td maw={360}>
                <Anchor component="button" type="button" onClick={() => setOpenId(m.id)} lineClamp={1} ta="left">
                  {m.subject ?? m.body}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <MessageStatusBadge status={m.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!query.isPending && rows.length === 0 && <Text c="dimmed">{t('admin.messages.none')}</Text>}
      {query.hasNextPage && (
        <Button variant="subtle" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} w="fit-content">
          {t('admin.messages.more')}
        </Button>
      )}
      <Drawer opened={open !== null} onClose={() => setOpenId(null)} position="right" size="lg" title={t('admin.messages.detail')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {open && <MessageDetail message={open} />}
      </Drawer>
    </Stack>
  );
}

function MessageDetail({ message: m }: { message: Message }) {
  const { t, i18n } = useTranslation();
  const save = useSave(['messages']);
  const line = (label: string, value: string | null) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" fw={600} miw={140}>
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </Group>
  );
  return (
    <Stack>
      <Group>
        <MessageStatusBadge status={m.status} />
        {m.provider === 'dev-sink' && <Badge variant="outline">{t('admin.messages.devSink')}</Badge>}
      </Group>
      {line(t('admin.messages.to'), m.toAddress)}
      {line(t('admin.messages.channel'), t(`admin.messages.channels.${m.channel}`, { defaultValue: m.channel }))}
      {line(t('admin.messages.purpose'), t(`admin.messages.purposes.${m.purpose}`, { defaultValue: m.purpose }))}
      {line(t('admin.messages.when'), formatDateTime(m.createdAt, i18n.language))}
      {line(t('admin.messages.sentAt'), m.sentAt ? formatDateTime(m.sentAt, i18n.language) : null)}
      {line(t('admin.messages.deliveredAt'), m.deliveredAt ? formatDateTime(m.deliveredAt, i18n.language) : null)}
      {line(t('admin.messages.attempts'), String(m.attempts))}
      {line(t('admin.messages.provider'), m.provider)}
      {m.lastError && line(t('admin.messages.error'), m.lastError)}
      {m.caseId && (
        <Anchor component={Link} to={`/cases/${m.caseId}`}>
          {t('admin.messages.openCase')}
        </Anchor>
      )}
      {m.subject && (
        <Text fw={600} size="sm">
          {m.subject}
        </Text>
      )}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} component="div" data-testid="message-body">
        {m.body}
      </Text>
      {m.status === 'failed' && (
        <Button onClick={() => void save.run(() => consoleApi.resendMessage(m.id))} loading={save.busy} w="fit-content">
          {t('admin.messages.resend')}
        </Button>
      )}
    </Stack>
  );
}
