import type { Language } from '@civicline/contracts';
import type { Money, RecordFacts } from '../status-check/contract.ts';
import { LOCALE, say } from './assistant.texts.ts';

/** The status-check service's facts in plain words, in the caller's language and the tenant's time zone. */

function day(language: Language, timeZone: string, at: string | null): string {
  if (!at) return 'none';
  // A date without a time is a calendar day: shown as is, not moved by a time zone.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(at) ? new Date(`${at}T12:00:00Z`) : new Date(at);
  return new Intl.DateTimeFormat(LOCALE[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: /^\d{4}-\d{2}-\d{2}$/.test(at) ? 'UTC' : timeZone }).format(date);
}

function time(language: Language, timeZone: string, at: string): string {
  return new Intl.DateTimeFormat(LOCALE[language], { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(at));
}

function money(language: Language, m: Money): string {
  return new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: m.currency }).format(Number(m.amount));
}

export function renderFacts(language: Language, timeZone: string, facts: RecordFacts): string {
  switch (facts.kind) {
    case 'case':
      return say(language, 'caseAnswer', { number: facts.reference, category: facts.categoryName, stage: facts.stage, due: facts.stage === 'decided' || facts.stage === 'closed' ? 'none' : day(language, timeZone, facts.dueAt) });
    case 'invoice':
    case 'local_tax': {
      const head = say(language, 'invoiceAnswer', { service: facts.serviceName, number: facts.reference, state: facts.state, dueDate: day(language, timeZone, facts.dueDate) });
      if (!facts.details) return head;
      return `${head} ${say(language, 'invoiceDetails', { balance: money(language, facts.details.balance), penalties: facts.details.penalties ? money(language, facts.details.penalties) : 'none' })}`;
    }
    case 'benefit':
      return say(language, 'benefitAnswer', { number: facts.reference, programme: facts.programmeName, state: facts.state, reason: facts.details?.rejectionReason ?? 'none' });
    case 'appointment':
      return say(language, 'appointmentAnswer', { purpose: facts.purpose, date: day(language, timeZone, facts.startsAt), time: time(language, timeZone, facts.startsAt), place: facts.place });
    case 'document':
      return say(language, 'documentAnswer', {
        document: facts.documentName,
        state: facts.state,
        place: facts.pickupPlace ?? '',
        from: day(language, timeZone, facts.readyFrom),
        expected: day(language, timeZone, facts.expectedOn),
        bring: facts.details?.bring.length ? facts.details.bring.join(', ') : 'none',
      });
  }
}

export function renderSlot(language: Language, timeZone: string, s: { startsAt: string; place: string }): string {
  return `${day(language, timeZone, s.startsAt)}, ${time(language, timeZone, s.startsAt)}, ${s.place}`;
}

export function renderUntil(language: Language, timeZone: string, until: string): string {
  return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(until));
}

export { day as renderDay, time as renderTime };

/** A registration number read back character by character, so the voice says "P E T, 2 0 2 6, …". */
export function spellForReadBack(number: string, voice: boolean): string {
  if (!voice) return number;
  return number
    .split(/[-/\s]+/)
    .map((part) => [...part].join(' '))
    .join(', ');
}
