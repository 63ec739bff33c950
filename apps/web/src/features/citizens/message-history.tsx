import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { MESSAGE_STATUSES, OUTBOUND_CHANNELS } from '@civicline/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { citizensApi, type CitizenMessage, type CitizenMessageFilters } from '../../api/citizens.ts';
import { formatDateTimeShort } from '../../ui/format.ts';
import { MessageStatusBadge } from '../../ui/message-status-badge.tsx';

const PAGE = 20;

/**
 * What the institution sent the citizen and about their requests (those this user may read),
 * newest first, filtered by channel and state, one page at a time; a message's text opens in its row.
 */
export function MessageHistory({ citizenId }: { citizenId: string }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<CitizenMessageFilters>({});
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const query = useInfiniteQuery({
    queryKey: ['citizen', citizenId, 'messages', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => citizensApi.messages(citizenId, { ...filters, limit: PAGE, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const set = (k: keyof CitizenMessageFilters, v: string | null) => setFilters((f) => ({ ...f, [k]: v ?? undefined }));
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const when = (iso: string | null) => formatDateTimeShort(iso, i18n.language);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="citizen-messages-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="citizen-messages-title">
          {t('citizenPage.messages.title')}
        </Title>
        <Text size="sm">{t('citizenPage.messages.intro')}</Text>
        <Group align="flex-end">
          <Select
            label={t('admin.messages.channel')}
            data={OUTBOUND_CHANNELS.map((c) => ({ value: c, label: t(`admin.messages.channels.${c}`) }))}
            value={filters.channel ?? null}
            onChange={(v) => set('channel', v)}
            clearable
            w={180}
            data-testid="history-channel"
          />
          <Select
            label={t('admin.messages.status')}
            data={MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`admin.messages.statuses.${s}`) }))}
            value={filters.status ?? null}
            onChange={(v) => set('status', v)}
            clearable
            w={180}
            data-testid="history-status"
          />
        </Group>
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-labelledby="citizen-messages-title" data-testid="citizen-messages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.messages.when')}</Table.Th>
                <Table.Th>{t('admin.messages.channel')}</Table.Th>
                <Table.Th>{t('admin.messages.purpose')}</Table.Th>
                <Table.Th>{t('citizenPage.messages.case')}</Table.Th>
                <Table.Th>{t('admin.messages.to')}</Table.Th>
                <Table.Th>{t('admin.messages.status')}</Table.Th>
                <Table.Th>{t('admin.messages.sentAt')}</Table.Th>
                <Table.Th>{t('admin.messages.deliveredAt')}</Table.Th>
                <Table.Th>{t('admin.messages.text')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((m) => (
                <Fragment key={m.id}>
                  <Table.Tr data-testid="history-row" data-message-id={m.id} data-channel={m.channel} data-purpose={m.purpose}>
                    <Table.Td>{when(m.createdAt)}</Table.Td>
                    <Table.Td>{t(`admin.messages.channels.${m.channel}`, { defaultValue: m.channel })}</Table.Td>
                    <Table.Td>{t(`admin.messages.purposes.${m.purpose}`, { defaultValue: m.purpose })}</Table.Td>
                    <Table.Td>
                      {m.caseId ? (
                        <Anchor component={Link} to={`/cases/${m.caseId}`} size="sm">
                          {m.registrationNumber ?? t('inbox.draft')}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{m.toAddress.startsWith('portal:') ? t('admin.messages.channels.portal') : m.toAddress}</Table.Td>
                    <Table.Td>
                      <MessageStatusBadge status={m.status} />
                    </Table.Td>
                    <Table.Td>{when(m.sentAt)}</Table.Td>
                    <Table.Td>{when(m.deliveredAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() => toggle(m.id)}
                        aria-expanded={open.has(m.id)}
                        aria-controls={`message-text-${m.id}`}
                        aria-label={t(open.has(m.id) ? 'citizenPage.messages.hideTextOf' : 'citizenPage.messages.showTextOf', { when: when(m.createdAt) })}
                        data-testid="history-toggle"
                      >
                        {open.has(m.id) ? t('citizenPage.messages.hideText') : t('citizenPage.messages.showText')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {open.has(m.id) && <MessageText message={m} />}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {query.isError && (
          <Text c="red" role="alert">
            {t('common.loadFailed')}
          </Text>
        )}
        {query.isSuccess && rows.length === 0 && <Text c="dimmed">{t('admin.messages.none')}</Text>}
        {query.hasNextPage && (
          <Button variant="subtle" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} w="fit-content" data-testid="history-more">
            {t('admin.messages.more')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function MessageText({ message: m }: { message: CitizenMessage }) {
  const { t } = useTranslation();
  return (
    <Table.Tr id={`message-text-${m.id}`}>
      <Table.Td colSpan={9}>
        {m.bodyWithheld ? (
          <Text size="sm" fs="italic" data-testid="history-withheld">
            {t('citizenPage.messages.withheld')}
          </Text>
        ) : (
          <Stack gap={4}>
            {m.subject && (
              <Text size="sm" fw={600}>
                {m.subject}
              </Text>
            )}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} component="div" data-testid="history-body">
              {m.body}
            </Text>
            {m.lastError && (
              <Text size="sm" c="red.8">
                {t('admin.messages.error')}: {m.lastError}
              </Text>
            )}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
