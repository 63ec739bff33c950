/**
 * The public contract of the status-check service: what a channel (the assistant's dialog, the
 * portal, an SMS `STATUS` command) may ask and what it gets back. Language-neutral, structured
 * data only: the caller renders the words. Every verb takes a StatusContext and re-checks
 * everything (entry point, locks, level, opt-out) itself; the caller never decides disclosure.
 *
 * Kept stable: additions only (new optional fields, new outcome variants at the end).
 */

export const RECORD_KINDS = ['case', 'invoice', 'local_tax', 'benefit', 'appointment', 'document'] as const;
/** case: our own requests; the rest live in other systems and arrive through connectors. */
export type RecordKind = (typeof RECORD_KINDS)[number];

export const LEVELS = ['L1', 'L2', 'L3'] as const;
/** L1: identifier only, general status; L2: + birth date or last 4 phone digits; L3: + SMS code. */
export type Level = (typeof LEVELS)[number];

export const STATUS_CHANNELS = ['voice', 'sms', 'chat', 'web'] as const;
export type StatusChannel = (typeof STATUS_CHANNELS)[number];

export const STATUS_LANGUAGES = ['ro', 'ru', 'it', 'vi', 'en'] as const;
export type StatusLanguage = (typeof STATUS_LANGUAGES)[number];

export type NationalIdKind = 'ro_cnp' | 'ru_snils' | 'it_codice_fiscale' | 'vn_cccd';

export interface StatusContext {
  tenantId: string;
  /**
   * The configured entry point the question came through: a phone line id (phone_lines) for
   * voice and SMS, a status entry point id (status_entry_points) for chat and web. Need to know:
   * it decides which record kinds may be disclosed (none configured: nothing). null only for the
   * citizen portal's own page (web), which may disclose every kind.
   */
  entryPointId: string | null;
  channel: StatusChannel;
  /** Who is asking, for locks and fraud detection: caller phone (E.164), or the IP / session for web and chat. */
  callerKey: string;
  /** The assistant's conversation id: consent and verification are bound to it when given. */
  conversationId?: string | null;
  language: StatusLanguage;
  requestId?: string | null;
}

/** What the caller gave to find the record. `kind` narrows the search to one record kind. */
export type StatusQuery =
  | { by: 'registration_number'; value: string }
  | { by: 'national_id'; value: string; scheme?: NationalIdKind; kind: RecordKind }
  | { by: 'client_code'; value: string; kind: 'invoice' | 'local_tax' }
  | { by: 'address'; value: string; kind: 'invoice' | 'local_tax' };

/** Opaque, signed, short-lived handle on one found record for one caller; pass it back as is. */
export type SubjectRef = string;

export type InvalidReason =
  | 'format' // not shaped like any identifier of that kind / no register of the tenant matches
  | 'checksum' // national ID with a wrong check digit
  | 'date' // national ID with an impossible birth date
  | 'kind_required'; // a national ID without the record kind to look for

export type RefusalOutcome =
  /** This identifier, or this caller, failed verification three times: nothing until `until`. */
  | { outcome: 'locked'; scope: 'identifier' | 'caller'; until: string }
  /** This caller tried too many different identifiers: blocked, flagged for supervisors. */
  | { outcome: 'blocked'; until: string }
  /** The entry point may not disclose this kind of record (need to know): offer the right line or an operator. */
  | { outcome: 'not_disclosed_here'; kind: RecordKind }
  /** The citizen asked for nothing to be disclosed by voice. */
  | { outcome: 'voice_opted_out' }
  /** The source did not answer in time or its circuit is open: "I cannot check this right now", offer a transfer. */
  | { outcome: 'unavailable'; kind: RecordKind; reason: 'timeout' | 'circuit_open' | 'error' }
  /** The ref is unknown, expired, forged, or belongs to another caller or tenant. */
  | { outcome: 'invalid_ref' };

export type IdentifyOutcome =
  | {
      outcome: 'found';
      ref: SubjectRef;
      kind: RecordKind;
      /**
       * The level `answer` needs before it says anything (the category's or record's disclosure
       * level; L3 for sensitive records). Amounts and personal details need at least L2 on top:
       * an answer at L1 has no `details` and says `moreWithLevel: 'L2'`.
       */
      levelNeeded: Level;
      /** The level already reached in this conversation for this record. */
      level: Level | null;
      sensitive: boolean;
      /** Sensitive: explicit consent must be recorded (recordConsent) before the answer. */
      consentNeeded: boolean;
      /** What the caller can verify with at L2 (empty: go straight to the code or a transfer). */
      l2Methods: ('birth_date' | 'phone_last4')[];
      /** `+40 7** *** *23`: so the assistant can say where the code goes; null when there is none (no L3). */
      maskedPhone: string | null;
      /** Echo for read-back: the registration number / client code as the record knows it. */
      reference: string;
    }
  /**
   * Nothing matched. `next` follows the seed's fallback: by number, else national ID + the kind
   * of document, else a transfer to an operator.
   */
  | { outcome: 'not_found'; next: 'national_id' | 'transfer' }
  | { outcome: 'invalid'; reason: InvalidReason }
  | RefusalOutcome;

export type VerifyOutcome =
  | { outcome: 'verified'; level: Level; consentNeeded: boolean }
  | { outcome: 'failed'; attemptsLeft: number }
  /** The record has no birth date / registered phone to check against: use another method or transfer. */
  | { outcome: 'not_possible' }
  | RefusalOutcome;

export type SendCodeOutcome =
  | { outcome: 'sent'; maskedPhone: string; expiresAt: string }
  | { outcome: 'not_possible' }
  | RefusalOutcome;

export type ConsentOutcome = { outcome: 'recorded' } | RefusalOutcome;

export interface Money {
  /** Decimal string, e.g. "123.45": never a float. */
  amount: string;
  currency: string;
}

/** Localised text already picked in the context's language (falls back to the tenant's default). */
export type Text = string;

export interface CaseFacts {
  kind: 'case';
  reference: string;
  /** Case lifecycle status code: registered | assigned | in_progress | suspended | proposed | resolved | closed | redirected… */
  status: string;
  /** submitted | in_progress | waiting_for_you | decided | closed: the citizen's view of `status`. */
  stage: 'submitted' | 'in_progress' | 'waiting_for_you' | 'decided' | 'closed';
  categoryName: Text;
  registeredAt: string;
  dueAt: string | null;
  /** L2+ only. */
  details?: { subject: string | null; resolutionSummary: string | null; departmentName: Text | null };
}

export interface InvoiceFacts {
  kind: 'invoice' | 'local_tax';
  reference: string;
  /** L1: paid / due / overdue only; amounts at L2. */
  state: 'paid' | 'due' | 'overdue';
  serviceName: Text;
  dueDate: string | null;
  details?: {
    balance: Money;
    penalties: Money | null;
    consumption: { quantity: string; unit: string; periodFrom: string | null; periodTo: string | null } | null;
    lastPayments: { paidOn: string; amount: Money }[];
  };
}

export interface BenefitFacts {
  kind: 'benefit';
  reference: string;
  state: 'submitted' | 'under_evaluation' | 'approved' | 'rejected';
  programmeName: Text;
  decidedOn: string | null;
  details?: { rejectionReason: Text | null; amount: Money | null; nextPaymentOn: string | null };
}

export interface AppointmentFacts {
  kind: 'appointment';
  reference: string;
  appointmentId: string;
  state: 'booked' | 'confirmed' | 'cancelled' | 'done';
  purpose: Text;
  startsAt: string;
  place: Text;
  /** L3: may be confirmed / rescheduled / cancelled by the caller. */
  changeable: boolean;
}

export interface DocumentFacts {
  kind: 'document';
  reference: string;
  state: 'in_preparation' | 'ready_for_pickup' | 'picked_up';
  documentName: Text;
  readyFrom: string | null;
  expectedOn: string | null;
  pickupPlace: Text | null;
  /** L2+ only: what to bring. */
  details?: { bring: Text[] };
}

export type RecordFacts = CaseFacts | InvoiceFacts | BenefitFacts | AppointmentFacts | DocumentFacts;

export type AnswerOutcome =
  | {
      outcome: 'answer';
      /** The level the facts were cut to; lower than levelNeeded means only the general status was given. */
      level: Level;
      levelNeeded: Level;
      facts: RecordFacts;
      /** Whether the caller may book / move a pickup appointment now (L3 reached and the record allows one). */
      canBookAppointment: boolean;
      /** Set when a higher level would give more (the `details`): offer the check for it. */
      moreWithLevel?: Level;
    }
  /** Sensitive records give nothing, not even L1 facts, before L3 and consent. */
  | { outcome: 'verification_required'; levelNeeded: Level; consentNeeded: boolean }
  | RefusalOutcome;

export interface Slot {
  startsAt: string;
  place: Text;
  placeId: string;
}

export type AppointmentOutcome =
  | { outcome: 'booked' | 'rescheduled' | 'cancelled' | 'confirmed'; appointment: AppointmentFacts }
  | { outcome: 'slot_taken' }
  | { outcome: 'verification_required'; levelNeeded: 'L3' }
  | RefusalOutcome;

export type SlotsOutcome = { outcome: 'slots'; slots: Slot[] } | { outcome: 'verification_required'; levelNeeded: 'L3' } | RefusalOutcome;

export type PreferenceOutcome = { outcome: 'updated' } | { outcome: 'verification_required'; levelNeeded: 'L3' } | RefusalOutcome;

export type SendSummaryOutcome = { outcome: 'queued'; maskedPhone: string } | { outcome: 'not_possible' } | { outcome: 'verification_required'; levelNeeded: Level } | RefusalOutcome;

export interface EntryPointInfo {
  entryPointId: string | null;
  channel: StatusChannel;
  name: string;
  /** Which record kinds this entry point may disclose: ask only for these. */
  kinds: RecordKind[];
  defaultLanguage: StatusLanguage;
}

export interface AccessHistoryEntry {
  at: string;
  /** status_check.identify | status_check.answer | status_check.verify | … */
  action: string;
  channel: string | null;
  /** 'citizen', 'channel' (an automated line), or 'user' (staff: their name is not shown to the citizen). */
  actorType: string;
  kind: RecordKind | null;
  reference: string | null;
  outcome: string;
}

/** `check`: identify, and the answer too when the level reached already allows it (one turn, one look-up). */
export type CheckOutcome = IdentifyOutcome | (Extract<IdentifyOutcome, { outcome: 'found' }> & { answer: AnswerOutcome });

/** The service as the assistant, the portal and SMS see it. */
export interface StatusCheckApi {
  entryPoint(ctx: StatusContext): Promise<EntryPointInfo | null>;
  identify(ctx: StatusContext, query: StatusQuery): Promise<IdentifyOutcome>;
  /** identify + answer in one turn when no further check is needed (SMS `STATUS <n>`, the assistant's first answer). Added after the first version. */
  check(ctx: StatusContext, query: StatusQuery): Promise<CheckOutcome>;
  verify(ctx: StatusContext, ref: SubjectRef, proof: { birthDate: string } | { phoneLast4: string }): Promise<VerifyOutcome>;
  /** A 6-digit code by SMS to the registered phone (never to a number the caller gives): hashed, single use, 5 minutes. */
  sendCode(ctx: StatusContext, ref: SubjectRef): Promise<SendCodeOutcome>;
  verifyCode(ctx: StatusContext, ref: SubjectRef, code: string): Promise<VerifyOutcome>;
  /** The caller said yes to "do you confirm you want access to … data?"; recorded in the conversation and the audit trail. */
  recordConsent(ctx: StatusContext, ref: SubjectRef): Promise<ConsentOutcome>;
  answer(ctx: StatusContext, ref: SubjectRef): Promise<AnswerOutcome>;
  /** Sends `body` (rendered by the caller from answer's facts) to the registered phone only. */
  sendSummary(ctx: StatusContext, ref: SubjectRef, body: string): Promise<SendSummaryOutcome>;
  listSlots(ctx: StatusContext, ref: SubjectRef, opts?: { from?: string; days?: number }): Promise<SlotsOutcome>;
  /** Books a pickup / visit appointment for the record (L3). Emits appointment.booked. */
  book(ctx: StatusContext, ref: SubjectRef, slot: { placeId: string; startsAt: string }): Promise<AppointmentOutcome>;
  /** ref of an appointment record (or of a record with a booked appointment). Emits appointment.rescheduled. */
  reschedule(ctx: StatusContext, ref: SubjectRef, slot: { placeId: string; startsAt: string }): Promise<AppointmentOutcome>;
  cancel(ctx: StatusContext, ref: SubjectRef): Promise<AppointmentOutcome>;
  confirm(ctx: StatusContext, ref: SubjectRef): Promise<AppointmentOutcome>;
  /** L3: the citizen's choice to have nothing disclosed by voice. */
  setVoiceOptOut(ctx: StatusContext, ref: SubjectRef, optOut: boolean): Promise<PreferenceOutcome>;
}

/** Domain events of appointments (the notifications module consumes these names). */
export const APPOINTMENT_EVENTS = ['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled'] as const;
export interface AppointmentEventPayload {
  appointmentId: string;
  caseId: string | null;
  citizenId: string | null;
  startsAt: string;
  place: string;
  previousStartsAt?: string;
}

/** Audit actions written for every look-up, success or failure (subjectType 'status_record'). */
export const STATUS_AUDIT_ACTIONS = [
  'status_check.identify',
  'status_check.verify',
  'status_check.code_sent',
  'status_check.consent',
  'status_check.answer',
  'status_check.appointment',
  'status_check.preference',
  'status_check.summary_sent',
] as const;
