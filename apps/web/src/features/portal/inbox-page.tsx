import { Alert, Badge, Button, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.ts';
import { inboxApi } from '../../api/portal.ts';
import { formatDateTime } from '../../ui/format.ts';
import { usePortal } from './portal-context.ts';

// The portal token lives for this tab only (sessionStorage), never in a cookie a form could ride on.
const tokenKey = (slug: string) => `civicline.portal.token.${slug}`;

/** The citizen's inbox: sign in by a one-time code, then the notices about their requests and their channel consents. */
export function InboxPage() {
  const { t } = useTranslation();
  const { slug } = usePortal();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(tokenKey(slug)));
  const signOut = () => {
    sessionStorage.removeItem(tokenKey(slug));
    setToken(null);
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('inbox.title')}
      </Title>
      {token ? (
        <SignedIn token={token} onSignOut={signOut} />
      ) : (
        <SignIn
          onSignedIn={(tk) => {
            sessionStorage.setItem(tokenKey(slug), tk);
            setToken(tk);
          }}
        />
      )}
    </Stack>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const { t } = useTranslation();
  const { slug, lang } = usePortal();
  const [contact, setContact] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (e: React.FormEvent, step: () => Promise<void>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('portal.unavailable'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="lg">
      <Text mb="sm">{t('inbox.intro')}</Text>
      {sent === null ? (
        <form noValidate onSubmit={(e) => void run(e, async () => setSent((await inboxApi.requestCode(slug, lang, contact.trim())).expiresInMinutes))}>
          <Group align="flex-start">
            <TextInput id="f-contact" label={t('inbox.contact')} description={t('inbox.contactHelp')} value={contact} onChange={(e) => setContact(e.currentTarget.value)} error={error} required withAsterisk autoComplete="tel" w={320} data-testid="inbox-contact" />
            <Button type="submit" loading={busy} mt={46} data-testid="inbox-send-code">
              {t('inbox.sendCode')}
            </Button>
          </Group>
        </form>
      ) : (
        <form noValidate onSubmit={(e) => void run(e, async () => onSignedIn((await inboxApi.verify(slug, lang, contact.trim(), code.trim())).token))}>
          <Alert color="blue" mb="sm" role="status">
            {t('inbox.codeSent', { minutes: sent })}
          </Alert>
          <Group align="flex-start">
            <TextInput id="f-code" label={t('inbox.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={error} required withAsterisk inputMode="numeric" autoComplete="one-time-code" maxLength={6} w={220} data-testid="inbox-code" />
            <Button type="submit" loading={busy} mt={25} data-testid="inbox-sign-in">
              {t('inbox.signIn')}
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}

function SignedIn({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const { t } = useTranslation();
  const { slug, lang } = usePortal();
  const client = useQueryClient();
  const inbox = useQuery({ queryKey: ['inbox', slug, token], queryFn: () => inboxApi.list(slug, lang, token), retry: false });
  const consents = useQuery({ queryKey: ['consents', slug, token], queryFn: () => inboxApi.consents(slug, lang, token), retry: false });
  if (inbox.error instanceof ApiError && inbox.error.status === 401) {
    onSignOut();
    return null;
  }
  const refresh = () => void client.invalidateQueries({ queryKey: ['inbox', slug, token] });
  return (
    <Stack>
      <Group justify="space-between">
        <Text data-testid="inbox-unread">{t('inbox.unread', { count: inbox.data?.unread ?? 0 })}</Text>
        <Button variant="default" onClick={onSignOut}>
          {t('inbox.signOut')}
        </Button>
      </Group>
      {inbox.data && inbox.data.items.length === 0 && <Text>{t('inbox.empty')}</Text>}
      <Stack component="ul" aria-label={t('inbox.list')} gap="sm" p={0} style={{ listStyle: 'none' }}>
        {(inbox.data?.items ?? []).map((m) => (
          <Paper component="li" key={m.id} withBorder p="md" data-testid="inbox-item" data-read={m.readAt ? 'yes' : 'no'}>
            <Group justify="space-between" align="flex-start">
              <Title order={2} size="h4">
                {m.subject}
              </Title>
              {m.readAt ? <Text size="sm">{t('inbox.read')}</Text> : <Badge color="blue.9">{t('inbox.newBadge')}</Badge>}
            </Group>
            <Text size="sm" c="dimmed">
              {formatDateTime(m.createdAt, lang)}
            </Text>
            <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {m.body}
            </Text>
            {!m.readAt && (
              <Button size="xs" variant="light" mt="xs" onClick={() => void inboxApi.markRead(slug, lang, token, m.id).then(refresh)}>
                {t('inbox.markRead')}
              </Button>
            )}
          </Paper>
        ))}
      </Stack>
      <Paper withBorder p="md" component="fieldset">
        <Title order={2} size="h4" component="legend">
          {t('inbox.consents')}
        </Title>
        {(consents.data ?? []).map((c) => (
          <Switch
            key={c.channel}
            mt="xs"
            label={c.channel === 'sms' ? t('inbox.consentSms') : t('inbox.consentEmail')}
            checked={c.granted}
            onChange={(e) => void inboxApi.setConsent(slug, lang, token, c.channel, e.currentTarget.checked).then(() => client.invalidateQueries({ queryKey: ['consents', slug, token] }))}
          />
        ))}
      </Paper>
    </Stack>
  );
}
