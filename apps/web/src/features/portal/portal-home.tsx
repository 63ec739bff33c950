import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePortal } from './portal-context.ts';

export function PortalHome() {
  const { t } = useTranslation();
  const { slug, lang, institution } = usePortal();
  return (
    <Stack>
      <Title order={1}>{t('portal.welcome', { name: institution.name })}</Title>
      <Text>{t('portal.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="lg">
          <Title order={2} size="h3">
            {t('portal.submitTitle')}
          </Title>
          <Text my="sm">{t('portal.submitIntro')}</Text>
          <Button component={Link} to={`/${slug}/new?lang=${lang}`} data-testid="go-submit">
            {t('portal.submitButton')}
          </Button>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h3">
            {t('portal.statusTitle')}
          </Title>
          <Text my="sm">{t('portal.statusIntro')}</Text>
          <Button component={Link} to={`/${slug}/status?lang=${lang}`} variant="default" data-testid="go-status">
            {t('portal.statusButton')}
          </Button>
        </Card>
      </SimpleGrid>
      <Button component={Link} to={`/${slug}/inbox?lang=${lang}`} variant="subtle" data-testid="go-inbox" w="fit-content">
        {t('inbox.link')}
      </Button>
    </Stack>
  );
}
