import { LANGUAGES, type Language } from '@civicline/contracts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { portalResources } from '../i18n/portal/index.ts';
import './global.css';
import { createI18n } from './i18n.ts';
import { createPortalRouter } from './portal-router.tsx';
import { createQueryClient, Providers } from './providers.tsx';

const asked = new URLSearchParams(window.location.search).get('lang') ?? localStorage.getItem('civicline.portal.lang') ?? navigator.language.slice(0, 2);
const lang: Language = LANGUAGES.includes(asked as Language) ? (asked as Language) : 'ro';
const i18n = createI18n(portalResources, lang, 'en');
const client = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers i18n={i18n} client={client}>
      <RouterProvider router={createPortalRouter()} />
    </Providers>
  </StrictMode>,
);
