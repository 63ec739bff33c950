import { LANGUAGES, type Language } from '@civicline/contracts';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { assistantConversations, tenants } from '../../platform/db/schema/index.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import { AppError } from '../../platform/errors.ts';
import { findByContact } from '../citizens/index.ts';
import type { RegisterService } from '../registers/index.ts';
import type { StatusCheckApi, StatusChannel } from '../status-check/contract.ts';
import { LANGUAGE_MENU } from './assistant.texts.ts';
import { step, type DialogData, type DialogEnv, type DialogState, type Handover } from './dialog.machine.ts';

export type AssistantChannel = StatusChannel;

export interface TurnInput {
  tenantId: string;
  channel: AssistantChannel;
  /** Phone line id (voice, SMS) or status entry point id (chat, web). */
  entryPointId: string | null;
  /** The provider's handle on this conversation (CallSid, `<line>|<phone>`, chat session id). */
  externalKey: string;
  /** Who is asking: caller phone (E.164) or the chat session and address. */
  callerKey: string;
  /** What the caller said (speech recognition text), keyed (DTMF digits) or wrote; empty on the first turn of a call. */
  text: string;
  /** Language asked for explicitly (a chat widget's choice). */
  language?: Language | undefined;
  /** Start over even if a conversation is open (an SMS starting with STATUS again). */
  restart?: boolean;
}

/** A conversation left this long without a turn is over: the next message starts a new one. */
const IDLE_MINUTES = 30;

export interface TurnResult {
  conversationId: string;
  language: Language;
  /** What to say or write back, in order. */
  messages: string[];
  /** What happens after the messages: wait for the caller, hang up / close, or put them through. */
  next: 'listen' | 'end' | 'transfer';
  handover: Handover | null;
}

type Row = typeof assistantConversations.$inferSelect;

const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/**
 * The assistant: one dialog engine for every channel. Each turn loads the conversation, lets the
 * dialog machine (dialog.machine.ts) take one step — asking the status-check service everything
 * it needs to know, never deciding disclosure itself — and writes the new state guarded by the
 * conversation's version, so any node can serve any turn and two racing turns never both apply.
 */
export function createAssistantService(deps: { db: Db; clock: Clock; statusCheck: StatusCheckApi; registers: RegisterService; cipher: PersonalDataCipher }) {
  const { db, statusCheck, cipher } = deps;

  // What the caller was told may hold personal details (amounts, a rejection reason): stored encrypted.
  const sealed = (data: DialogData): Record<string, unknown> => {
    const { answer, ...rest } = data;
    return answer ? { ...rest, answerCipher: cipher.encrypt(answer) } : rest;
  };
  const opened = (stored: Record<string, unknown>): DialogData => {
    const { answerCipher, ...rest } = stored;
    return typeof answerCipher === 'string' ? { ...(rest as DialogData), answer: cipher.decrypt(answerCipher) } : (rest as DialogData);
  };
  const sealedHandover = (h: Handover): Record<string, unknown> => {
    const { answer, ...rest } = h;
    return { ...rest, answer: null, answerCipher: answer ? cipher.encrypt(answer) : null };
  };
  const openedHandover = (stored: Record<string, unknown>): Handover => {
    const { answerCipher, ...rest } = stored;
    return { ...(rest as unknown as Handover), answer: typeof answerCipher === 'string' ? cipher.decrypt(answerCipher) : null };
  };

  async function tenantInfo(tenantId: string) {
    const [t] = await db.select({ name: tenants.name, language: tenants.defaultLanguage, timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId));
    if (!t) throw new AppError('resource.not_found', 'Tenant not found');
    return { name: t.name, language: (isLanguage(t.language) ? t.language : 'en') as Language, timeZone: t.timeZone };
  }

  async function open(input: TurnInput): Promise<{ row: Row; fresh: boolean }> {
    const where = and(eq(assistantConversations.tenantId, input.tenantId), eq(assistantConversations.channel, input.channel), eq(assistantConversations.externalKey, input.externalKey), isNull(assistantConversations.endedAt));
    const [existing] = await db.select().from(assistantConversations).where(where);
    const idle = existing && existing.updatedAt.getTime() < deps.clock.now().getTime() - IDLE_MINUTES * 60_000;
    if (existing && !idle && !input.restart) return { row: existing, fresh: false };
    if (existing) await db.update(assistantConversations).set({ endedAt: deps.clock.now(), state: 'ended' }).where(and(eq(assistantConversations.id, existing.id), isNull(assistantConversations.endedAt)));
    // The language: the caller's choice, else their profile (known phone), else the entry point's, else the tenant's.
    const tenant = await tenantInfo(input.tenantId);
    let language: Language = tenant.language;
    const entry = await statusCheck.entryPoint({ tenantId: input.tenantId, entryPointId: input.entryPointId, channel: input.channel, callerKey: input.callerKey, language: tenant.language });
    if (entry && isLanguage(entry.defaultLanguage)) language = entry.defaultLanguage;
    const profile = input.channel === 'voice' || input.channel === 'sms' ? await findByContact(db, input.tenantId, { phone: input.callerKey }) : null;
    if (profile && isLanguage(profile.language)) language = profile.language;
    if (input.language) language = input.language;
    try {
      const [row] = await db
        .insert(assistantConversations)
        .values({ tenantId: input.tenantId, channel: input.channel, externalKey: input.externalKey, entryPointId: input.entryPointId, callerKey: input.callerKey, language, state: 'start', data: { kinds: entry?.kinds ?? [] } })
        .returning();
      return { row: row!, fresh: true };
    } catch (err) {
      // The provider sent the first turn twice at once: the other request opened it.
      if (!isUniqueViolation(err, 'assistant_conversations_open_uq')) throw err;
      const [again] = await db.select().from(assistantConversations).where(where);
      if (!again) throw err;
      return { row: again, fresh: false };
    }
  }

  async function turn(input: TurnInput): Promise<TurnResult> {
    const { row } = await open(input);
    const tenant = await tenantInfo(input.tenantId);
    const env: DialogEnv = {
      statusCheck,
      ctx: (language) => ({ tenantId: row.tenantId, entryPointId: row.entryPointId, channel: row.channel as StatusChannel, callerKey: row.callerKey, conversationId: row.id, language }),
      formats: () => deps.registers.formats(row.tenantId),
      institution: tenant.name,
      timeZone: tenant.timeZone,
      voice: row.channel === 'voice',
      channel: row.channel as StatusChannel,
      languageMenu: LANGUAGE_MENU,
    };
    const out = await step(env, { state: row.state as DialogState, language: row.language as Language, data: opened(row.data) }, input.text ?? '');
    const ended = out.next !== 'listen';
    const handover: Handover | null = out.next === 'transfer' ? { ...out.handover!, conversationId: row.id } : null;
    const updated = await db
      .update(assistantConversations)
      .set({
        state: out.state,
        language: out.language,
        data: sealed(out.data),
        turns: sql`${assistantConversations.turns} + 1`,
        version: sql`${assistantConversations.version} + 1`,
        updatedAt: sql`now()`,
        ...(ended ? { endedAt: deps.clock.now() } : {}),
        ...(handover ? { handover: sealedHandover(handover) } : {}),
      })
      .where(and(eq(assistantConversations.id, row.id), eq(assistantConversations.version, row.version)))
      .returning({ id: assistantConversations.id });
    if (updated.length === 0) throw new AppError('resource.stale_version', 'Another turn of this conversation was served at the same time');
    return { conversationId: row.id, language: out.language, messages: out.messages, next: out.next, handover };
  }

  /** The conversation behind a provider handle (latest first), for the operator's screen. */
  async function byExternalKey(tenantId: string, channel: AssistantChannel, externalKey: string) {
    const [row] = await db
      .select()
      .from(assistantConversations)
      .where(and(eq(assistantConversations.tenantId, tenantId), eq(assistantConversations.channel, channel), eq(assistantConversations.externalKey, externalKey)))
      .orderBy(sql`${assistantConversations.createdAt} desc`)
      .limit(1);
    return row ?? null;
  }

  /** The handover of the voice conversation behind a provider call handle, if the assistant put it through. */
  async function handoverOf(tenantId: string, externalKey: string): Promise<Handover | null> {
    const row = await byExternalKey(tenantId, 'voice', externalKey);
    return row?.handover ? openedHandover(row.handover) : null;
  }

  /** Whether a text channel has an open conversation with this caller (SMS replies continue it). */
  async function isOpen(tenantId: string, channel: AssistantChannel, externalKey: string): Promise<boolean> {
    const [row] = await db
      .select({ id: assistantConversations.id })
      .from(assistantConversations)
      .where(
        and(
          eq(assistantConversations.tenantId, tenantId),
          eq(assistantConversations.channel, channel),
          eq(assistantConversations.externalKey, externalKey),
          isNull(assistantConversations.endedAt),
          gt(assistantConversations.updatedAt, new Date(deps.clock.now().getTime() - IDLE_MINUTES * 60_000)),
        ),
      );
    return Boolean(row);
  }

  /** The conversation behind a provider handle, its handover opened (for the operator's screen). */
  async function conversationOf(tenantId: string, channel: AssistantChannel, externalKey: string) {
    const row = await byExternalKey(tenantId, channel, externalKey);
    return row ? { ...row, handover: row.handover ? openedHandover(row.handover) : null } : null;
  }

  return { turn, conversationOf, handoverOf, isOpen };
}

export type AssistantService = ReturnType<typeof createAssistantService>;
