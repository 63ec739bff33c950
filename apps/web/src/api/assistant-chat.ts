import type { Language } from '@civicline/contracts';
import { api } from './http.ts';

/** One turn of the assistant's web chat (`POST /institutions/:slug/assistant/chat`, no login). */
export interface ChatTurn {
  sessionId: string;
  language: Language;
  messages: string[];
  /** listen: the assistant waits for the next message; end: the conversation is over; transfer: it needs a person. */
  next: 'listen' | 'end' | 'transfer';
}

export const chatApi = {
  send: (slug: string, body: { entryPointId: string; sessionId?: string; text: string; language: Language }) =>
    api<ChatTurn>('POST', `/api/public/v1/institutions/${encodeURIComponent(slug)}/assistant/chat`, { body, query: { lang: body.language } }),
};
