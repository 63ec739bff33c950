import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { consoleApi } from '../../api/console.ts';
import { ApiError } from '../../api/http.ts';
import { meKey, rememberMe } from './use-me.ts';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('login.emailInvalid')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      const { user } = await consoleApi.login({ email: values.email.trim(), password: values.password });
      await i18n.changeLanguage(user.locale);
      rememberMe(user);
      client.setQueryData(meKey, user);
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from !== '/login' ? from : '/inbox', { replace: true });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'server.unavailable';
      setFailure(t(`login.errors.${code}`, { defaultValue: t('login.errors.generic') }));
    }
  });

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} noValidate aria-labelledby="login-title">
          <Stack>
            <Title order={1} size="h2" id="login-title">
              {t('login.title')}
            </Title>
            {failure && (
              <Alert color="red" role="alert" title={t('login.failed')}>
                {failure}
              </Alert>
            )}
            <TextInput label={t('login.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <PasswordInput label={t('login.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={form.submitting}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
