import { Loader, Stack, Text } from '@mantine/core';
import { LANGUAGES, type Language } from '@civicline/contracts';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useInstitution } from '../portal-context.ts';

const ChatPanel = lazy(() => import('./chat-panel.tsx'));

/**
 * `/portal/<slug>/chat`: the chat alone, for an institution to embed in its own website
 * (`<iframe src=".../portal/<slug>/chat?lang=ro">`). No portal frame around it; the language
 * comes from `?lang=` (else the reader's last portal language).
 */
export function ChatEmbedPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const asked = params.get('lang');
  const lang = (LANGUAGES.includes(asked as Language) ? asked : LANGUAGES.includes(i18n.language as Language) ? i18n.language : 'ro') as Language;
  const institution = useInstitution(slug, lang);
  const name = institution.data?.name;

  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
  }, [lang, i18n]);
  useEffect(() => {
    document.title = name ? t('chat.embedTitle', { name }) : t('chat.title');
  }, [name, t]);

  const entryPointId = institution.data?.chatEntryPointId;
  return (
    <main>
      {institution.isPending && <Loader aria-label={t('portal.loading')} m="md" />}
      {(institution.isError || (institution.data && !entryPointId)) && (
        <Stack role="alert" p="md">
          <h1>{t('chat.title')}</h1>
          <Text>{institution.isError ? t('portal.unavailable') : t('chat.unavailable')}</Text>
        </Stack>
      )}
      {entryPointId && (
        <Suspense fallback={<Loader aria-label={t('portal.loading')} m="md" />}>
          <ChatPanel slug={slug} lang={lang} entryPointId={entryPointId} mode="embedded" />
        </Suspense>
      )}
    </main>
  );
}
