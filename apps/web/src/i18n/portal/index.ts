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
import { statusCheckEn } from '../status-check/en.ts';
import { statusCheckIt } from '../status-check/it.ts';
import { statusCheckRo } from '../status-check/ro.ts';
import { statusCheckRu } from '../status-check/ru.ts';
import { statusCheckVi } from '../status-check/vi.ts';
import { inboxTexts } from './inbox-texts.ts';
import { chatTexts } from './chat-texts.ts';

/** Citizen portal languages: Romanian, Russian, Italian, Vietnamese, English. */
export const portalResources: Resource = {
  ro: { translation: { ...sharedRo, ...portalRo, ...statusCheckRo, inbox: inboxTexts.ro, chat: chatTexts.ro } },
  ru: { translation: { ...sharedRu, ...portalRu, ...statusCheckRu, inbox: inboxTexts.ru, chat: chatTexts.ru } },
  it: { translation: { ...sharedIt, ...portalIt, ...statusCheckIt, inbox: inboxTexts.it, chat: chatTexts.it } },
  vi: { translation: { ...sharedVi, ...portalVi, ...statusCheckVi, inbox: inboxTexts.vi, chat: chatTexts.vi } },
  en: { translation: { ...sharedEn, ...portalEn, ...statusCheckEn, inbox: inboxTexts.en, chat: chatTexts.en } },
};
