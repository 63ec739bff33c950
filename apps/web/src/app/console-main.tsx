import '@mantine/notifications/styles.css';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { consoleResources } from '../i18n/console/index.ts';
import './global.css';
import { createI18n } from './i18n.ts';
import { listenForChanges } from './live-updates.ts';
import { CONSOLE_BASE, createConsoleRouter } from './console-router.tsx';
import { createQueryClient, Providers } from './providers.tsx';

performance.mark('civicline:script-start');

// The console lives under /console; "/" leads there.
if (!window.location.pathname.startsWith(CONSOLE_BASE)) window.history.replaceState(null, '', `${CONSOLE_BASE}/inbox`);

const saved = sessionStorage.getItem('civicline.lang');
const guess = saved ?? (navigator.language.slice(0, 2) === 'ro' ? 'ro' : navigator.language.slice(0, 2) === 'ru' ? 'ru' : 'en');
const i18n = createI18n(consoleResources, guess);
const client = createQueryClient();
listenForChanges(client);
const router = createConsoleRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers i18n={i18n} client={client} extras={<Notifications position="top-right" />}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
