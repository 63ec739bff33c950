import type { Language } from '@civicline/contracts';
import type { IdentifyOutcome, Level, RecordKind, RefusalOutcome, Slot, StatusCheckApi, StatusContext, SubjectRef, VerifyOutcome } from '../status-check/contract.ts';
import { say, type TextKey } from './assistant.texts.ts';
import { renderDay, renderFacts, renderSlot, renderTime, renderUntil, spellForReadBack } from './dialog.render.ts';
import { matchRegistrationNumber, type RegisterFormat } from './speech/registration-match.ts';
import { spokenAlphanumeric, spokenDigits } from './speech/spoken-numbers.ts';
import { birthDateOf, intentOf, languageAsked, offerOf, yesNo, type Intent } from './speech/understand.ts';

/**
 * The dialog as a state machine: one step per caller turn. greeting → intent → identifier (with
 * read-back on voice) → the verification the status-check service asks for → the answer → offers
 * (SMS, appointment, details) → goodbye or transfer. Every decision about what may be disclosed
 * comes from the service's outcomes; this file only chooses what to say next.
 */

export type DialogState =
  | 'start' | 'intent' | 'number' | 'confirm' | 'national_id' | 'birth_date' | 'phone_last4' | 'code' | 'consent' | 'offers' | 'slot' | 'anything_else' | 'offer_transfer' | 'ended';

export interface DialogData {
  kinds?: RecordKind[];
  intent?: Intent;
  candidates?: string[];
  candidate?: number;
  retries?: number;
  ref?: SubjectRef;
  kind?: RecordKind;
  reference?: string;
  level?: Level | null;
  levelNeeded?: Level;
  consentNeeded?: boolean;
  l2Methods?: ('birth_date' | 'phone_last4')[];
  answer?: string;
  canBook?: boolean;
  moreWithLevel?: Level;
  slots?: Slot[];
  after?: 'answer' | 'appointment';
  /** What happened, step by step, for the operator on transfer. */
  log?: string[];
}

export interface Handover {
  conversationId: string;
  language: Language;
  intent: Intent | null;
  reference: string | null;
  kind: RecordKind | null;
  level: Level | null;
  answer: string | null;
  log: string[];
}

export interface DialogEnv {
  statusCheck: StatusCheckApi;
  ctx(language: Language): StatusContext;
  formats(): Promise<RegisterFormat[]>;
  institution: string;
  timeZone: string;
  voice: boolean;
  channel: 'voice' | 'sms' | 'chat' | 'web';
  languageMenu: string;
}

interface Snapshot {
  state: DialogState;
  language: Language;
  data: DialogData;
}

export interface StepResult extends Snapshot {
  messages: string[];
  next: 'listen' | 'end' | 'transfer';
  handover?: Omit<Handover, 'conversationId'>;
}

const RANK: Record<Level, number> = { L1: 1, L2: 2, L3: 3 };
const MAX_RETRIES = 3;

export async function step(env: DialogEnv, at: Snapshot, text: string): Promise<StepResult> {
  let language = at.language;
  const data: DialogData = { ...at.data, log: [...(at.data.log ?? [])] };
  const messages: string[] = [];
  const t = (key: TextKey, values?: Record<string, string | number>) => messages.push(say(language, key, values));
  const ctx = () => env.ctx(language);
  const log = (what: string) => data.log!.push(what);

  const listen = (state: DialogState): StepResult => ({ state, language, data, messages, next: 'listen' });
  const end = (): StepResult => ({ state: 'ended', language, data, messages, next: 'end' });
  const transfer = (): StepResult => {
    // By voice the call is put through; an SMS becomes the operators' draft to call back (the
    // SMS adapter says so, or says it could not); a chat has no way back to the citizen.
    t(env.voice ? 'transfer' : env.channel === 'sms' ? 'transferText' : 'transferChat');
    log('transfer');
    return {
      state: 'ended',
      language,
      data,
      messages,
      next: 'transfer',
      handover: { language, intent: data.intent ?? null, reference: data.reference ?? null, kind: data.kind ?? null, level: data.level ?? null, answer: data.answer ?? null, log: data.log! },
    };
  };
  const retry = (state: DialogState, key: TextKey): StepResult => {
    data.retries = (data.retries ?? 0) + 1;
    if (data.retries >= MAX_RETRIES) return transfer();
    t('notUnderstood');
    t(key);
    return listen(state);
  };
  const goodbye = (): StepResult => {
    t('goodbye');
    return end();
  };

  async function refusal(o: RefusalOutcome): Promise<StepResult> {
    log(o.outcome);
    switch (o.outcome) {
      case 'locked':
        t('locked', { until: renderUntil(language, env.timeZone, o.until) });
        return listen('offer_transfer');
      case 'blocked':
        t('blocked');
        return end();
      case 'not_disclosed_here':
        t('notHere', { kind: say(language, 'kind', { kind: o.kind }) });
        return listen('offer_transfer');
      case 'voice_opted_out':
        t('optedOut');
        return end();
      case 'unavailable':
        t('unavailable');
        return listen('offer_transfer');
      case 'invalid_ref':
        t('askNumber');
        return listen('number');
    }
  }

  /** After identification or a verification: the next check the record needs, or the answer. */
  async function proceed(): Promise<StepResult> {
    const needed = data.levelNeeded ?? 'L1';
    if (RANK[data.level ?? 'L1'] < RANK[needed] || (needed !== 'L1' && !data.level)) {
      if (needed === 'L2' && data.l2Methods?.includes('birth_date')) {
        t('askBirthDate');
        return listen('birth_date');
      }
      if (needed === 'L2' && data.l2Methods?.includes('phone_last4')) {
        t('askPhoneLast4');
        return listen('phone_last4');
      }
      const sent = await env.statusCheck.sendCode(ctx(), data.ref!);
      log(`code:${sent.outcome}`);
      if (sent.outcome === 'sent') {
        t('codeSent', { phone: sent.maskedPhone });
        return listen('code');
      }
      if (sent.outcome === 'not_possible') return transfer();
      return refusal(sent);
    }
    if (data.consentNeeded) {
      t('askConsent');
      return listen('consent');
    }
    if (data.after === 'appointment') return slots();
    return answer();
  }

  async function answer(): Promise<StepResult> {
    const a = await env.statusCheck.answer(ctx(), data.ref!);
    log(`answer:${a.outcome}`);
    if (a.outcome === 'verification_required') {
      data.levelNeeded = a.levelNeeded;
      data.consentNeeded = a.consentNeeded;
      return proceed();
    }
    if (a.outcome !== 'answer') return refusal(a);
    data.answer = renderFacts(language, env.timeZone, a.facts);
    data.canBook = a.canBookAppointment;
    data.moreWithLevel = a.moreWithLevel;
    messages.push(data.answer);
    if (a.moreWithLevel) t('moreWithLevel');
    t('offers', { appointment: a.canBookAppointment || a.facts.kind === 'document' ? 'yes' : 'no' });
    return listen('offers');
  }

  async function slots(): Promise<StepResult> {
    data.after = undefined;
    const s = await env.statusCheck.listSlots(ctx(), data.ref!);
    log(`slots:${s.outcome}`);
    if (s.outcome === 'verification_required') {
      data.levelNeeded = 'L3';
      data.after = 'appointment';
      return proceed();
    }
    if (s.outcome !== 'slots') return refusal(s);
    if (s.slots.length === 0) {
      t('noSlots');
      return listen('offer_transfer');
    }
    data.slots = s.slots.slice(0, 3);
    t('slots', { list: data.slots.map((x, i) => `${i + 1}: ${renderSlot(language, env.timeZone, x)}`).join('; ') });
    return listen('slot');
  }

  async function identified(o: IdentifyOutcome, fallbackKind: RecordKind): Promise<StepResult> {
    log(`identify:${o.outcome}`);
    data.retries = 0;
    if (o.outcome === 'found') {
      Object.assign(data, { ref: o.ref, kind: o.kind, reference: o.reference, level: o.level, levelNeeded: o.levelNeeded, consentNeeded: o.consentNeeded, l2Methods: o.l2Methods });
      return proceed();
    }
    if (o.outcome === 'not_found') {
      if (o.next === 'national_id') {
        data.kind = fallbackKind;
        t('askNationalId');
        return listen('national_id');
      }
      if (!env.voice) {
        // In writing the transfer's own message says what happens next (a call-back, or not from a chat).
        t('notFoundText');
        return transfer();
      }
      messages.push(say(language, 'notFoundTransfer'));
      const out = transfer();
      out.messages.pop(); // notFoundTransfer already says the caller is being put through
      return out;
    }
    if (o.outcome === 'invalid') {
      t('invalid', { reason: o.reason });
      return listen(at.state === 'national_id' ? 'national_id' : 'number');
    }
    return refusal(o);
  }

  async function identifyNumber(number: string): Promise<StepResult> {
    data.reference = number;
    return identified(await env.statusCheck.identify(ctx(), { by: 'registration_number', value: number }), 'case');
  }

  /** A kind to look a national ID up in: the entry point's own kinds, cases first. */
  const nationalIdKind = (): RecordKind => data.kind ?? (data.kinds?.includes('case') || !data.kinds?.length ? 'case' : data.kinds[0]!);

  async function takeNumber(said: string): Promise<StepResult | null> {
    const candidates = matchRegistrationNumber(said, language, await env.formats());
    const digits = spokenDigits(said, language);
    // Eleven digits or more and no register prefix: a personal identification number, not a request number.
    if (digits.length >= 11 && !candidates.some((c) => c.prefix === 'exact')) {
      data.kind = nationalIdKind();
      return identified(await env.statusCheck.identify(ctx(), { by: 'national_id', value: digits, kind: data.kind }), data.kind);
    }
    if (candidates.length === 0) {
      // Not one of our numbers: another system's reference (an invoice, a benefit file), if it looks like one.
      const written = env.voice ? spokenAlphanumeric(said, language) : (said.match(/[\p{L}\p{N}][\p{L}\p{N}\-/.]{2,59}/gu) ?? []).find((w) => /\d/.test(w));
      if (written && /\d/.test(written) && written.length >= 3) return identifyNumber(written.toUpperCase());
      return null;
    }
    data.candidates = candidates.map((c) => c.number);
    data.candidate = 0;
    // Written text is what the caller typed: only speech is read back.
    if (!env.voice) return identifyNumber(data.candidates[0]!);
    t('readBack', { number: spellForReadBack(data.candidates[0]!, true) });
    return listen('confirm');
  }

  async function verified(o: VerifyOutcome, again: DialogState, prompt: TextKey): Promise<StepResult> {
    log(`verify:${o.outcome}`);
    if (o.outcome === 'verified') {
      data.level = o.level;
      data.consentNeeded = o.consentNeeded;
      return proceed();
    }
    if (o.outcome === 'failed') {
      t('verifyFailed', { left: o.attemptsLeft });
      t(prompt);
      return listen(again);
    }
    if (o.outcome === 'not_possible') return transfer();
    return refusal(o);
  }

  switch (at.state) {
    case 'start': {
      // A text that already says what it wants (SMS "STATUS PET-…", a chat question) gets no greeting.
      if (!env.voice && text.trim()) return step(env, { state: 'intent', language, data }, text);
      t('greeting', { institution: env.institution });
      messages.push(env.languageMenu);
      if (!text.trim()) return listen('intent');
      return step(env, { state: 'intent', language, data }, text).then((r) => ({ ...r, messages: [...messages, ...r.messages] }));
    }
    case 'intent': {
      const asked = languageAsked(text);
      if (asked) {
        language = asked;
        t('askIntent');
        return listen('intent');
      }
      const direct = await takeNumber(text);
      if (direct) {
        data.intent = 'status';
        return direct;
      }
      const intent = intentOf(text, language);
      data.intent = intent ?? undefined;
      if (intent === 'status') {
        t('askNumber');
        return listen('number');
      }
      if (intent === 'information') {
        t('noKnowledgeBase');
        return listen('offer_transfer');
      }
      if (intent === 'new_request') {
        // SMS: the next message goes to intake and opens the request; the chat points to the portal's form.
        if (!env.voice) {
          t(env.channel === 'chat' || env.channel === 'web' ? 'newRequestChat' : 'newRequestText');
          return end();
        }
        t('newRequestVoice');
        return transfer();
      }
      if (intent === 'operator') return transfer();
      return retry('intent', 'askIntent');
    }
    case 'number': {
      const taken = await takeNumber(text);
      if (taken) return taken;
      if (intentOf(text, language) === 'operator') return transfer();
      return retry('number', 'numberNotUnderstood');
    }
    case 'confirm': {
      const yn = yesNo(text, language);
      const candidates = data.candidates ?? [];
      if (yn === 'yes') return identifyNumber(candidates[data.candidate ?? 0]!);
      if (yn === 'no') {
        const next = (data.candidate ?? 0) + 1;
        if (next < candidates.length) {
          data.candidate = next;
          t('readBack', { number: spellForReadBack(candidates[next]!, true) });
          return listen('confirm');
        }
        t('askNumber');
        return listen('number');
      }
      // A correction said instead of yes or no: take it as the number.
      const taken = await takeNumber(text);
      if (taken) return taken;
      return retry('confirm', 'readBack');
    }
    case 'national_id': {
      const value = language === 'it' ? spokenAlphanumeric(text, language) : spokenDigits(text, language);
      if (!value) return retry('national_id', 'askNationalId');
      return identified(await env.statusCheck.identify(ctx(), { by: 'national_id', value, kind: nationalIdKind() }), nationalIdKind());
    }
    case 'birth_date': {
      const birthDate = birthDateOf(text, language);
      if (!birthDate) return retry('birth_date', 'askBirthDate');
      return verified(await env.statusCheck.verify(ctx(), data.ref!, { birthDate }), 'birth_date', 'askBirthDate');
    }
    case 'phone_last4': {
      const digits = spokenDigits(text, language);
      if (digits.length !== 4) return retry('phone_last4', 'askPhoneLast4');
      return verified(await env.statusCheck.verify(ctx(), data.ref!, { phoneLast4: digits }), 'phone_last4', 'askPhoneLast4');
    }
    case 'code': {
      const code = spokenDigits(text, language);
      if (code.length !== 6) return retry('code', 'askCode');
      return verified(await env.statusCheck.verifyCode(ctx(), data.ref!, code), 'code', 'askCode');
    }
    case 'consent': {
      const yn = yesNo(text, language);
      if (yn === 'no') return goodbye();
      if (yn !== 'yes') return retry('consent', 'askConsent');
      const c = await env.statusCheck.recordConsent(ctx(), data.ref!);
      log(`consent:${c.outcome}`);
      if (c.outcome !== 'recorded') return refusal(c);
      data.consentNeeded = false;
      return proceed();
    }
    case 'offers': {
      const offer = offerOf(text, language);
      if (offer === 'done') return goodbye();
      if (offer === 'operator') return transfer();
      if (offer === 'sms') {
        const s = await env.statusCheck.sendSummary(ctx(), data.ref!, `${env.institution}: ${data.answer ?? ''}`);
        log(`sms:${s.outcome}`);
        if (s.outcome === 'queued') t('smsSent', { phone: s.maskedPhone });
        else if (s.outcome === 'not_possible') t('smsNotPossible');
        else if (s.outcome === 'verification_required') {
          data.levelNeeded = s.levelNeeded;
          return proceed();
        } else return refusal(s);
        t('anythingElse');
        return listen('anything_else');
      }
      if (offer === 'appointment') return slots();
      if (offer === 'details' && data.moreWithLevel) {
        data.levelNeeded = data.moreWithLevel;
        return proceed();
      }
      return retry('offers', 'anythingElse');
    }
    case 'slot': {
      const pick = Number(spokenDigits(text, language)) - 1;
      const slot = data.slots?.[pick];
      if (!slot) return retry('slot', 'anythingElse');
      const b = await env.statusCheck.book(ctx(), data.ref!, { placeId: slot.placeId, startsAt: slot.startsAt });
      log(`book:${b.outcome}`);
      if (b.outcome === 'slot_taken') {
        t('slotTaken');
        return slots();
      }
      if (b.outcome === 'verification_required') {
        data.levelNeeded = 'L3';
        data.after = 'appointment';
        return proceed();
      }
      if ('appointment' in b) {
        // A record that already had an appointment gets it moved (the service decides which).
        t(b.outcome === 'rescheduled' ? 'moved' : 'booked', { date: renderDay(language, env.timeZone, slot.startsAt), time: renderTime(language, env.timeZone, slot.startsAt), place: slot.place });
        t('anythingElse');
        return listen('anything_else');
      }
      return refusal(b);
    }
    case 'anything_else': {
      const yn = yesNo(text, language);
      if (yn === 'no') return goodbye();
      for (const k of ['ref', 'kind', 'reference', 'level', 'levelNeeded', 'consentNeeded', 'answer', 'candidates', 'slots', 'moreWithLevel'] as const) delete data[k];
      if (yn === 'yes') {
        t('askIntent');
        return listen('intent');
      }
      return step(env, { state: 'intent', language, data }, text);
    }
    case 'offer_transfer': {
      const yn = yesNo(text, language);
      if (yn === 'yes' || intentOf(text, language) === 'operator') return transfer();
      if (yn === 'no') return goodbye();
      return retry('offer_transfer', 'anythingElse');
    }
    case 'ended':
      return end();
  }
}
