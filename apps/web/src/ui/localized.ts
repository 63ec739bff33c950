import type { LocalizedText } from '@civicline/contracts';

/** A localized text in the wanted language, else English, Romanian, or whatever there is. */
export function pickText(text: Partial<Record<string, string>> | null | undefined, lang: string): string {
  if (!text) return '';
  return text[lang] ?? text.en ?? text.ro ?? Object.values(text).find(Boolean) ?? '';
}

export type { LocalizedText };
