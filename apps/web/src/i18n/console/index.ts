import type { Resource } from 'i18next';
import { sharedEn } from '../shared/en.ts';
import { sharedRo } from '../shared/ro.ts';
import { sharedRu } from '../shared/ru.ts';
import { channelsEn } from './channels/en.ts';
import { channelsRo } from './channels/ro.ts';
import { channelsRu } from './channels/ru.ts';
import { citizensEn } from './citizens/en.ts';
import { citizensRo } from './citizens/ro.ts';
import { citizensRu } from './citizens/ru.ts';
import { consoleEn } from './en.ts';
import { consoleRo } from './ro.ts';
import { consoleRu } from './ru.ts';
import { notificationTexts } from './notifications-texts.ts';

type Texts = { [key: string]: string | Texts };

/** Later bundles add to the sections of earlier ones (`admin.tabs` gains the channel tabs). */
function deepMerge(...bundles: object[]): Texts {
  const out: Texts = {};
  for (const b of bundles as Texts[]) {
    for (const [k, v] of Object.entries(b)) {
      const have = out[k];
      out[k] = typeof v === 'object' && typeof have === 'object' ? deepMerge(have, v) : v;
    }
  }
  return out;
}

/** Staff console languages: English, Romanian, Russian. */
export const consoleResources: Resource = {
  en: { translation: { ...deepMerge(sharedEn, consoleEn, channelsEn, citizensEn), notif: notificationTexts.en } },
  ro: { translation: { ...deepMerge(sharedRo, consoleRo, channelsRo, citizensRo), notif: notificationTexts.ro } },
  ru: { translation: { ...deepMerge(sharedRu, consoleRu, channelsRu, citizensRu), notif: notificationTexts.ru } },
};
