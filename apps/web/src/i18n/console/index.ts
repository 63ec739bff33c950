import type { Resource } from 'i18next';
import { sharedEn } from '../shared/en.ts';
import { sharedRo } from '../shared/ro.ts';
import { sharedRu } from '../shared/ru.ts';
import { consoleEn } from './en.ts';
import { consoleRo } from './ro.ts';
import { consoleRu } from './ru.ts';
import { notificationTexts } from './notifications-texts.ts';

/** Staff console languages: English, Romanian, Russian. */
export const consoleResources: Resource = {
  en: { translation: { ...sharedEn, ...consoleEn, notif: notificationTexts.en } },
  ro: { translation: { ...sharedRo, ...consoleRo, notif: notificationTexts.ro } },
  ru: { translation: { ...sharedRu, ...consoleRu, notif: notificationTexts.ru } },
};
