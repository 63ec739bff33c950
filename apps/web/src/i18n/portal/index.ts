import type { Resource } from 'i18next';
import { sharedEn } from '../shared/en.ts';
import { sharedIt } from '../shared/it.ts';
import { sharedRo } from '../shared/ro.ts';
import { sharedRu } from '../shared/ru.ts';
import { sharedVi } from '../shared/vi.ts';
import { portalEn } from './en.ts';
import { portalIt } from './it.ts';
import { portalRo } from './ro.ts';
import { portalRu } from './ru.ts';
import { portalVi } from './vi.ts';

/** Citizen portal languages: Romanian, Russian, Italian, Vietnamese, English. */
export const portalResources: Resource = {
  ro: { translation: { ...sharedRo, ...portalRo } },
  ru: { translation: { ...sharedRu, ...portalRu } },
  it: { translation: { ...sharedIt, ...portalIt } },
  vi: { translation: { ...sharedVi, ...portalVi } },
  en: { translation: { ...sharedEn, ...portalEn } },
};
