import { Paper, Stack, Text, Title } from '@mantine/core';
import type { CallAssistantHandover } from '@civicline/contracts';
import { useTranslation } from 'react-i18next';

/**
 * What the voice assistant collected before it put the caller through, so the operator does not
 * ask again: language, what they wanted, the number they gave, how far they were verified and
 * what they were already told.
 */
export function AssistantHandover({ handover: h, headingLevel = 4 }: { handover: CallAssistantHandover; headingLevel?: 3 | 4 }) {
  const { t, i18n } = useTranslation();
  const languageName = new Intl.DisplayNames([i18n.language], { type: 'language' }).of(h.language) ?? h.language;
  const row = (label: string, value: string) => (
    <Text size="sm">
      <Text span fw={600}>
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
  return (
    <Paper withBorder p="xs" data-testid="assistant-handover">
      <Stack gap={4}>
        <Title order={headingLevel} size="h5">
          {t('calls.assistant.title')}
        </Title>
        {row(t('calls.assistant.language'), languageName)}
        {h.intent && row(t('calls.assistant.intent'), t(`calls.assistant.intents.${h.intent}`, { defaultValue: h.intent }))}
        {h.reference && row(t('calls.assistant.reference'), h.kind ? `${h.reference} (${t(`calls.assistant.kinds.${h.kind}`, { defaultValue: h.kind })})` : h.reference)}
        {row(t('calls.assistant.level'), h.level ? t('calls.assistant.verified', { level: h.level }) : t('calls.assistant.notVerified'))}
        {h.answer && row(t('calls.assistant.told'), `“${h.answer}”`)}
        {h.log.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('calls.assistant.steps')}: {h.log.join(' → ')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
