import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { consoleApi } from '../../api/console.ts';
import { CitizenContact } from '../citizens/citizen-contact.tsx';

/** Who asked: identity masked as the server decides for this role, contacts, their other cases; the name opens the citizen's page. */
export function CitizenPanel({ citizenId, caseId, canRead, canReveal }: { citizenId: string | null; caseId: string; canRead: boolean; canReveal: boolean }) {
  const { t } = useTranslation();
  // Seeing the national identifier in full is a deliberate, audited act, one click per case page.
  const [reveal, setReveal] = useState(false);
  const citizen = useQuery({ queryKey: ['citizen', citizenId, reveal], queryFn: () => consoleApi.citizen(citizenId!, reveal), enabled: !!citizenId && canRead, staleTime: 60_000 });
  const others = useQuery({
    queryKey: ['cases', { citizenId }],
    queryFn: () => consoleApi.cases({ citizenId: citizenId!, limit: 20 }),
    enabled: !!citizenId,
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="citizen-title">
      <Stack gap={6}>
        <Title order={2} size="h4" id="citizen-title">
          {t('citizen.title')}
        </Title>
        {!citizenId && <Text size="sm">{t('citizen.anonymous')}</Text>}
        {citizenId && !canRead && <Text size="sm">{t('citizen.noAccess')}</Text>}
        {citizen.data && (
          <>
            <Anchor component={Link} to={`/citizens/${citizen.data.id}`} state={{ fromCaseId: caseId }} fw={600} data-testid="citizen-name">
              {citizen.data.displayName}
            </Anchor>
            <CitizenContact citizen={citizen.data} canReveal={canReveal} onReveal={() => setReveal(true)} />
          </>
        )}
        {others.data && others.data.items.filter((c) => c.id !== caseId).length > 0 && (
          <>
            <Text size="sm" fw={600} mt="xs">
              {t('citizen.otherCases')}
            </Text>
            {others.data.items
              .filter((c) => c.id !== caseId)
              .slice(0, 8)
              .map((c) => (
                <Anchor key={c.id} component={Link} to={`/cases/${c.id}`} size="sm">
                  {c.registrationNumber ?? t('inbox.draft')} — {t(`status.${c.status}`)}
                </Anchor>
              ))}
          </>
        )}
      </Stack>
    </Paper>
  );
}
