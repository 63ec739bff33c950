import type { Language } from '@civicline/contracts';
import { api } from './http.ts';

/** The portal's status check (packages/contracts/src/status-check.ts; outcomes as in the server module's contract). */
const base = (slug: string) => `/api/public/v1/institutions/${encodeURIComponent(slug)}/status-check`;

export type Level = 'L1' | 'L2' | 'L3';
export interface Money { amount: string; currency: string }
export interface Facts {
  kind: 'case' | 'invoice' | 'local_tax' | 'benefit' | 'appointment' | 'document';
  reference: string;
  status?: string;
  state?: string;
  categoryName?: string;
  serviceName?: string;
  programmeName?: string;
  documentName?: string;
  purpose?: string;
  registeredAt?: string;
  dueAt?: string | null;
  dueDate?: string | null;
  decidedOn?: string | null;
  readyFrom?: string | null;
  expectedOn?: string | null;
  startsAt?: string;
  place?: string;
  pickupPlace?: string | null;
  details?: {
    subject?: string | null;
    resolutionSummary?: string | null;
    departmentName?: string | null;
    balance?: Money;
    penalties?: Money | null;
    amount?: Money | null;
    rejectionReason?: string | null;
    bring?: string[];
  };
}
export interface AnswerT { outcome: 'answer'; level: Level; levelNeeded: Level; facts: Facts; moreWithLevel?: Level }
export interface FoundT {
  outcome: 'found';
  ref: string;
  kind: Facts['kind'];
  levelNeeded: Level;
  level: Level | null;
  sensitive: boolean;
  consentNeeded: boolean;
  l2Methods: ('birth_date' | 'phone_last4')[];
  maskedPhone: string | null;
  reference: string;
  answer?: AnswerT | { outcome: string };
}
/** Every other outcome: refusals and failures, with what each carries. */
export interface OtherT { outcome: string; until?: string; attemptsLeft?: number; level?: Level; consentNeeded?: boolean; levelNeeded?: Level; maskedPhone?: string }
export interface HistoryEntry { at: string; action: string; channel: string | null; actorType: string; kind: string | null; reference: string | null; outcome: string }

const post = <T>(slug: string, lang: Language, step: string, body: object) => api<T>('POST', `${base(slug)}/${step}`, { body, query: { lang } });

export const statusCheckApi = {
  check: (slug: string, lang: Language, value: string) => post<FoundT | OtherT>(slug, lang, 'check', { by: 'registration_number', value }),
  verify: (slug: string, lang: Language, ref: string, proof: { birthDate: string } | { phoneLast4: string }) => post<OtherT>(slug, lang, 'verify', { ref, ...proof }),
  sendCode: (slug: string, lang: Language, ref: string) => post<OtherT>(slug, lang, 'send-code', { ref }),
  verifyCode: (slug: string, lang: Language, ref: string, code: string) => post<OtherT>(slug, lang, 'verify-code', { ref, code }),
  consent: (slug: string, lang: Language, ref: string) => post<OtherT>(slug, lang, 'consent', { ref }),
  answer: (slug: string, lang: Language, ref: string) => post<AnswerT | OtherT>(slug, lang, 'answer', { ref }),
  history: (slug: string, lang: Language, ref: string) => post<{ outcome: 'history'; entries: HistoryEntry[] } | OtherT>(slug, lang, 'access-history', { ref }),
};
