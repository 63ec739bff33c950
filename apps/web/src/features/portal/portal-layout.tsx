import { Anchor, Container, Group, Loader, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { LANGUAGES, type Language } from '@civicline/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http.ts';
import { ChatLauncher } from './chat/chat-launcher.tsx';
import { useInstitution } from './portal-context.ts';

export const LANGUAGE_NAMES: Record<Language, string> = { ro: 'Română', ru: 'Русский', it: 'Italiano', vi: 'Tiếng Việt', en: 'English' };

/** The public frame: institution name, language chooser, the page, a footer. */
export function PortalLayout() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('lang');
  const lang = (LANGUAGES.includes(asked as Language) ? asked : LANGUAGES.includes(i18n.language as Language) ? i18n.language : 'ro') as Language;
  const institution = useInstitution(slug, lang);
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    localStorage.setItem('civicline.portal.lang', lang);
  }, [lang, i18n]);

  const chooseLanguage = (l: string | null) => {
    if (!l) return;
    const p = new URLSearchParams(params);
    p.set('lang', l);
    setParams(p, { replace: true });
  };

  return (
    <>
      <a href="#main" className="skip-link">
        {t('portal.skip')}
      </a>
      <Paper component="header" radius={0} bg="civic.8" c="white" py="sm">
        <Container size="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/${slug}?lang=${lang}`} c="white" fw={700} size="lg" underline="never">
              {institution.data?.name ?? 'CivicLine'}
            </Anchor>
            <NativeSelect
              aria-label={t('portal.language')}
              data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              value={lang}
              onChange={(e) => chooseLanguage(e.currentTarget.value)}
              w={160}
              size="sm"
              data-testid="language"
            />
          </Group>
        </Container>
      </Paper>
      <Container size="md" py="lg" component="main" id="main" tabIndex={-1}>
        {institution.isPending && <Loader aria-label={t('portal.loading')} />}
        {institution.isError && (
          <Stack role="alert">
            <Title order={1} size="h2">
              {institution.error instanceof ApiError && institution.error.status === 404 ? t('portal.unknownInstitution') : t('portal.unavailable')}
            </Title>
          </Stack>
        )}
        {institution.data && <Outlet context={{ slug, lang, institution: institution.data }} />}
      </Container>
      {/* Room below the footer for the chat's floating button, so it never covers the text. */}
      <Container size="md" component="footer" pb={institution.data?.chatEntryPointId ? 80 : 'lg'}>
        <Text size="sm">{t('portal.footer')}</Text>
      </Container>
      {institution.data?.chatEntryPointId && <ChatLauncher slug={slug} lang={lang} entryPointId={institution.data.chatEntryPointId} />}
    </>
  );
}
