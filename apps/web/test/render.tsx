import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createI18n } from '../src/app/i18n.ts';
import { createQueryClient, Providers } from '../src/app/providers.tsx';
import { consoleResources } from '../src/i18n/console/index.ts';

/** Renders with the app's real providers (theme, texts in English, data client); Mantine without transitions. */
export function renderWithApp(node: ReactNode, lang = 'en') {
  const i18n = createI18n(consoleResources, lang);
  return render(
    <Providers i18n={i18n} client={createQueryClient()} env="test">
      {node}
    </Providers>,
  );
}
