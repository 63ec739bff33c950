import { Alert, Anchor, Grid, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { Me } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useOutletContext, useParams } from 'react-router';
import { consoleApi } from '../../api/console.ts';
import { ApiError } from '../../api/http.ts';
import { CitizenCases } from './citizen-cases.tsx';
import { CitizenContact } from './citizen-contact.tsx';
import { MessageHistory } from './message-history.tsx';

/**
 * One citizen for staff who may read them: contacts (identity masked as the role requires), the
 * requests this user may read, and what the institution sent them. Every read is audited by the server.
 */
export function CitizenPage() {
  const me = useOutletContext<Me>();
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fromCaseId = (useLocation().state as { fromCaseId?: string } | null)?.fromCaseId;
  const [reveal, setReveal] = useState(false);
  const canRead = me.permissions.includes('citizens.read');
  const citizen = useQuery({ queryKey: ['citizen', id, reveal], queryFn: () => consoleApi.citizen(id, reveal), enabled: canRead, staleTime: 60_000, retry: false });
  const back = fromCaseId ? (
    <Anchor component={Link} to={`/cases/${fromCaseId}`} size="sm">
      ← {t('citizenPage.backToCase')}
    </Anchor>
  ) : (
    <Anchor component={Link} to="/inbox" size="sm">
      ← {t('nav.backToInbox')}
    </Anchor>
  );

  if (!canRead || citizen.isError) {
    const notFound = citizen.error instanceof ApiError && citizen.error.status === 404;
    return (
      <Paper p="md" role="alert" data-testid="citizen-page-error">
        <Title order={1} size="h3">
          {!canRead ? t('citizen.noAccess') : notFound ? t('citizenPage.notFound') : t('common.loadFailed')}
        </Title>
        {back}
      </Paper>
    );
  }
  if (!citizen.data) return <Loader aria-label={t('common.loading')} />;
  const c = citizen.data;
  return (
    <Stack gap="md">
      {back}
      <Title order={1} size="h2" data-testid="citizen-page-name">
        {c.displayName}
      </Title>
      {c.mergedIntoId && (
        <Alert color="yellow" title={t('citizenPage.merged')}>
          <Anchor component={Link} to={`/citizens/${c.mergedIntoId}`}>
            {t('citizenPage.openKept')}
          </Anchor>
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="citizen-contact-title">
            <Stack gap={6}>
              <Title order={2} size="h4" id="citizen-contact-title">
                {t('citizenPage.contact')}
              </Title>
              <Text size="sm">{t(`citizenPage.kind.${c.kind}`)}</Text>
              <CitizenContact citizen={c} canReveal={me.permissions.includes('citizens.reveal_national_id')} onReveal={() => setReveal(true)} />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <CitizenCases citizenId={c.id} />
        </Grid.Col>
      </Grid>
      {me.permissions.includes('messages.read') && <MessageHistory citizenId={c.id} />}
    </Stack>
  );
}
