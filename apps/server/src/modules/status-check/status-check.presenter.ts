import type { AppointmentFacts, BenefitFacts, CaseFacts, DocumentFacts, InvoiceFacts, Level, RecordFacts } from './contract.ts';
import { pick, type SourceRecord, type SourceText } from './records.ts';

export const LEVEL_RANK: Record<Level, number> = { L1: 1, L2: 2, L3: 3 };
export const maxLevel = (a: Level, b: Level): Level => (LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b);
export const atLeast = (have: Level | null, need: Level) => have !== null && LEVEL_RANK[have] >= LEVEL_RANK[need];

/** What `answer` needs before it says anything: the record's level, L3 for sensitive ones. */
export function gateLevel(r: Pick<SourceRecord, 'levelNeeded' | 'sensitive'>): Level {
  return r.sensitive ? 'L3' : r.levelNeeded;
}

const STAGE: Record<string, CaseFacts['stage']> = {
  registered: 'submitted',
  assigned: 'in_progress',
  in_progress: 'in_progress',
  resolution_proposed: 'in_progress',
  reopened: 'in_progress',
  suspended: 'waiting_for_you',
  resolved: 'decided',
  rejected: 'decided',
  closed: 'closed',
  withdrawn: 'closed',
  redirected: 'closed',
};

type Money = { amount: string; currency: string };

/**
 * A source record cut to what `level` allows, texts in `language`: L1 the general status only,
 * L2 and up the amounts and details. Pure: the level was checked by the service.
 */
export function presentFacts(r: SourceRecord, level: Level, language: string, fallback: string): RecordFacts {
  const f = r.facts as Record<string, unknown>;
  const t = (v: unknown) => pick(v as SourceText | null, language, fallback);
  const detailed = atLeast(level, 'L2');
  switch (r.kind) {
    case 'case': {
      const out: CaseFacts = {
        kind: 'case',
        reference: r.reference,
        status: String(f.status),
        stage: STAGE[String(f.status)] ?? 'in_progress',
        categoryName: t(f.categoryName) ?? '',
        registeredAt: (f.registeredAt as string) ?? '',
        dueAt: (f.dueAt as string | null) ?? null,
      };
      if (detailed) out.details = { subject: (f.subject as string) ?? null, resolutionSummary: (f.resolutionSummary as string | null) ?? null, departmentName: t(f.departmentName) };
      return out;
    }
    case 'invoice':
    case 'local_tax': {
      const out: InvoiceFacts = { kind: r.kind, reference: r.reference, state: f.state as InvoiceFacts['state'], serviceName: t(f.serviceName) ?? '', dueDate: (f.dueDate as string | null) ?? null };
      if (detailed) {
        out.details = {
          balance: f.balance as Money,
          penalties: (f.penalties as Money | null) ?? null,
          consumption: (f.consumption as NonNullable<InvoiceFacts['details']>['consumption']) ?? null,
          lastPayments: (f.lastPayments as { paidOn: string; amount: Money }[]) ?? [],
        };
      }
      return out;
    }
    case 'benefit': {
      const out: BenefitFacts = { kind: 'benefit', reference: r.reference, state: f.state as BenefitFacts['state'], programmeName: t(f.programmeName) ?? '', decidedOn: (f.decidedOn as string | null) ?? null };
      if (detailed) out.details = { rejectionReason: t(f.rejectionReason), amount: (f.amount as Money | null) ?? null, nextPaymentOn: (f.nextPaymentOn as string | null) ?? null };
      return out;
    }
    case 'appointment': {
      const out: AppointmentFacts = {
        kind: 'appointment',
        reference: r.reference,
        appointmentId: r.key,
        state: f.state as AppointmentFacts['state'],
        purpose: t(f.purpose) ?? '',
        startsAt: String(f.startsAt),
        place: t(f.place) ?? '',
        changeable: atLeast(level, 'L3') && (f.state === 'booked' || f.state === 'confirmed'),
      };
      return out;
    }
    case 'document': {
      const out: DocumentFacts = {
        kind: 'document',
        reference: r.reference,
        state: f.state as DocumentFacts['state'],
        documentName: t(f.documentName) ?? '',
        readyFrom: (f.readyFrom as string | null) ?? null,
        expectedOn: (f.expectedOn as string | null) ?? null,
        pickupPlace: t(f.pickupPlace),
      };
      if (detailed) out.details = { bring: ((f.bring as SourceText[]) ?? []).map((b) => t(b) ?? '').filter(Boolean) };
      return out;
    }
  }
}

/** Whether a level above the one reached would give more than `presentFacts` gave. */
export function moreWithLevel(r: SourceRecord, level: Level): Level | undefined {
  if (r.kind === 'appointment') return atLeast(level, 'L3') ? undefined : 'L3';
  return atLeast(level, 'L2') ? undefined : 'L2';
}
