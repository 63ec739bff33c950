import { z } from 'zod';
import { CaseStatus, Channel } from './cases.ts';
import { CONTACT_CHANNELS } from './citizens.ts';
import { Language, Uuid } from './common.ts';

/**
 * Caller ID and the operator's screen-pop.
 *
 * When a call reaches one of the institution's voice lines, the telephony provider's webhook
 * (Twilio voice format or the generic JSON one) records it and intake opens a `draft` case for
 * the operator: in the caller's name when their number is known, with just the number otherwise.
 * The console then shows who is calling, their open cases and their recent contacts.
 *
 * HTTP (permission `citizens.read`: every read is an audited read of the caller's record):
 * - `GET /api/v1/calls/active` → `CallScreenPop[]`: calls ringing or in progress (last 4 hours), newest first.
 * - `GET /api/v1/calls/:id` → `CallScreenPop`: one call, also after it ended.
 * - `GET /api/v1/calls/stream` with `Accept: text/event-stream` → server-sent events:
 *     - on connect, one `call` event per active call (the same list as /calls/active);
 *     - `event: call`, `data: CallScreenPop` (JSON) when a call arrives or changes (answered, its
 *       draft opened), `id:` the call id — pop the screen, or update it if already shown;
 *     - `event: call_ended`, `data: CallEnded` when the caller hangs up or the call is not answered;
 *     - a `: ping` comment every 20 s; the browser's EventSource reconnects by itself (`retry: 3000`).
 *   Without `Accept: text/event-stream` the route answers 400.
 * The operator then opens the draft (`draftCaseId`) with the ordinary case API to complete and
 * register it, or the caller's open cases to answer a status question.
 */

export const CALL_STATUSES = ['ringing', 'in_progress', 'ended'] as const;
export const CallStatus = z.enum(CALL_STATUSES);

export const CallerCitizen = z.object({
  id: Uuid,
  displayName: z.string(),
  kind: z.enum(['person', 'organisation']),
  /** Masked (e.g. `1********0042`); the full identifier needs the citizen record's reveal. */
  nationalIdMasked: z.string().nullable(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  preferredLanguage: Language,
  preferredChannel: z.enum(CONTACT_CHANNELS),
});

export const CallerCase = z.object({
  id: Uuid,
  registrationNumber: z.string().nullable(),
  subject: z.string(),
  status: CaseStatus,
  channel: Channel,
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
});

export const RecentContact = z.object({
  at: z.string(),
  direction: z.enum(['in', 'out']),
  /** How it came or went: sms, email, phone, web, … */
  channel: z.string(),
  /** Subject or the first line of the text, at most 140 characters. */
  summary: z.string(),
  caseId: Uuid.nullable(),
  registrationNumber: z.string().nullable(),
});

/** What the voice assistant collected before it put the call through: the operator does not ask again. */
export const CallAssistantHandover = z.object({
  conversationId: Uuid,
  language: z.string(),
  intent: z.string().nullable(),
  /** The number the caller gave (a registration number or another system's reference). */
  reference: z.string().nullable(),
  kind: z.string().nullable(),
  /** The verification level the caller reached (L1–L3), null when none. */
  level: z.string().nullable(),
  /** What the assistant told the caller, as said. */
  answer: z.string().nullable(),
  /** Each step's outcome, in order (identify:not_found, verify:failed, transfer…). */
  log: z.array(z.string()),
});
export type CallAssistantHandover = z.infer<typeof CallAssistantHandover>;

export const CallScreenPop = z.object({
  id: Uuid,
  status: CallStatus,
  /** The provider's own word (ringing, in-progress, completed, no-answer, …). */
  providerStatus: z.string().nullable(),
  /** E.164; null when the caller withheld their number. */
  callerNumber: z.string().nullable(),
  line: z.object({ number: z.string(), name: z.string().nullable() }),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** The draft case intake opened for this call (null if the line has no category or intake failed). */
  draftCaseId: Uuid.nullable(),
  caller: z.object({
    /** True when the number belonged to a citizen on file before this call. */
    known: z.boolean(),
    citizen: CallerCitizen.nullable(),
  }),
  /** The caller's open cases you may see, newest first (at most 20). */
  openCases: z.array(CallerCase),
  /** The caller's last messages in and out, any channel, newest first (at most 10). */
  recentContacts: z.array(RecentContact),
  /** Present when the call came through the voice assistant and was put through by it. */
  assistant: CallAssistantHandover.nullable().optional(),
});
export type CallScreenPop = z.infer<typeof CallScreenPop>;

/**
 * `POST /api/v1/calls/:id/caller` (permission `citizens.manage`): the operator found the caller's
 * record (GET /citizens?name=…). The call and its draft move to that citizen; when the caller was
 * unknown, the record intake opened for the number is merged into it, so the number is known the
 * next time they call.
 */
export const AttachCallerRequest = z.object({ citizenId: Uuid });
export type AttachCallerRequest = z.infer<typeof AttachCallerRequest>;

/** A call whose line opens no draft (it has no category): the operator opens one in the category they choose. */
export const OpenCallDraftRequest = z.object({ categoryId: Uuid });
export type OpenCallDraftRequest = z.infer<typeof OpenCallDraftRequest>;

export const CallEnded = z.object({ id: Uuid, status: z.literal('ended'), providerStatus: z.string().nullable(), endedAt: z.string().nullable() });
export type CallEnded = z.infer<typeof CallEnded>;

/** The generic JSON call webhook (PBXs other than Twilio): one body per call event. */
export const GenericCallEvent = z.object({
  event: z.enum(['incoming', 'answered', 'ended']),
  callId: z.string().trim().min(1).max(200),
  /** The caller, E.164; omit or null for a withheld number. */
  from: z.string().max(40).nullable().optional(),
  /** The line called, E.164. */
  to: z.string().min(3).max(40),
  at: z.iso.datetime({ offset: true }).optional(),
});
