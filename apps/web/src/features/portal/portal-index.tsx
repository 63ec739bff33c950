import { Button, Container, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** /portal without an institution: ask for its short name (each institution links to its own portal). */
export function PortalIndex() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [slug, setSlug] = useState('');
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <Title order={1}>CivicLine</Title>
        <Text>{t('portal.pickInstitution')}</Text>
        <form onSubmit={(e) => {
          e.preventDefault();
          if (slug.trim()) void navigate(`/${slug.trim().toLowerCase()}`);
        }}>
          <Group align="flex-end">
            <TextInput label={t('portal.institutionSlug')} value={slug} onChange={(e) => setSlug(e.currentTarget.value)} required />
            <Button type="submit">{t('portal.go')}</Button>
          </Group>
        </form>
      </Stack>
    </Container>
  );
}
