import { Button, Text } from '@mantine/core';
import type { Citizen } from '@civicline/contracts';
import { useTranslation } from 'react-i18next';

/**
 * A citizen's identity and contacts as the server shows them to this role: the national
 * identifier masked unless revealed (an audited act, offered only to roles that may), phones and
 * e-mails, the first address, the preferred channel.
 */
export function CitizenContact({ citizen, canReveal, onReveal }: { citizen: Citizen; canReveal: boolean; onReveal: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm">
        {t('citizen.nationalId')}: <span data-testid="citizen-national-id">{citizen.nationalId ?? '—'}</span>
        {citizen.nationalIdMasked && ` (${t('citizen.masked')})`}
      </Text>
      {canReveal && citizen.nationalIdMasked && citizen.nationalId && (
        <Button size="compact-xs" variant="default" w="fit-content" onClick={onReveal} data-testid="reveal-national-id">
          {t('citizen.reveal')}
        </Button>
      )}
      {citizen.phones.length > 0 && (
        <Text size="sm" data-testid="citizen-phones">
          {t('citizen.phones')}: {citizen.phones.join(', ')}
        </Text>
      )}
      {citizen.emails.length > 0 && (
        <Text size="sm" data-testid="citizen-emails">
          {t('citizen.emails')}: {citizen.emails.join(', ')}
        </Text>
      )}
      {citizen.addresses[0] && (
        <Text size="sm">
          {t('citizen.address')}: {citizen.addresses[0].line}
        </Text>
      )}
      <Text size="sm">
        {t('citizen.preferredChannel')}: {t(`contactChannel.${citizen.preferredChannel}`)}
      </Text>
    </>
  );
}
