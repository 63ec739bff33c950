import { Anchor, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { consoleApi } from '../../api/console.ts';
import { formatDate } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/status-badge.tsx';

const PAGE = 10;

/** The citizen's requests this user may read (the server's case list decides), newest first. */
export function CitizenCases({ citizenId }: { citizenId: string }) {
  const { t, i18n } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: ['cases', { citizenId, paged: true }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => consoleApi.cases({ citizenId, limit: PAGE, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="citizen-cases-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="citizen-cases-title">
          {t('citizenPage.cases')}
        </Title>
        {rows.length > 0 && (
          <Table aria-labelledby="citizen-cases-title" data-testid="citizen-cases">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('citizenPage.number')}</Table.Th>
                <Table.Th>{t('citizenPage.subject')}</Table.Th>
                <Table.Th>{t('citizenPage.status')}</Table.Th>
                <Table.Th>{t('citizenPage.registered')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.id}`} size="sm">
                      {c.registrationNumber ?? t('inbox.draft')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.subject}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>{formatDate(c.registeredAt ?? c.createdAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {query.isSuccess && rows.length === 0 && <Text c="dimmed">{t('citizenPage.noCases')}</Text>}
        {query.isError && (
          <Text c="red" role="alert">
            {t('common.loadFailed')}
          </Text>
        )}
        {query.hasNextPage && (
          <Button variant="subtle" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} w="fit-content">
            {t('citizenPage.moreCases')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
