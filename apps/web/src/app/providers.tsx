import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import { cssVariablesResolver, theme } from './theme.ts';

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A session that ended (401 anywhere) signs the console out: the shell then shows the sign-in page.
    queryCache: new QueryCache({
      onError: (err) => {
        if (err instanceof ApiError && err.status === 401 && client.getQueryData(['me'])) client.setQueryData(['me'], null);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: true,
        // 4xx answers will not change by asking again.
        retry: (n, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && n < 2,
      },
    },
  });
  return client;
}

/** Theme, data, texts; `extras` (the console's notifications) come from the entry that needs them. */
export function Providers({ i18n, client, children, extras, env }: { i18n: I18n; client: QueryClient; children: ReactNode; extras?: ReactNode; env?: 'test' }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" {...(env ? { env } : {})}>
          {extras}
          {children}
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
