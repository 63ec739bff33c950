import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { caseFees, casePostalSteps, tenants } from '../../platform/db/schema/index.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import type { AuditService } from '../audit/index.ts';
import { recordTimelineEntry, type CaseService } from '../cases/index.ts';

/** The currency an institution charges in, by its country. */
export function currencyOfCountry(country: string): string {
  return ({ RO: 'RON', MD: 'MDL', RU: 'RUB', IT: 'EUR', VN: 'VND', GB: 'GBP', US: 'USD' } as Record<string, string>)[country] ?? 'EUR';
}

export const AddFeeRequest = z.object({
  kind: z.enum(['fee', 'charge', 'postal']).default('fee'),
  /** In minor units of the currency (bani, kopecks, cents). */
  amountMinor: z.number().int().min(1).max(1_000_000_000_00),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  receiptNumber: z.string().trim().min(1).max(60).optional(),
  /** Paid online: before the dossier is submitted, or before the result is handed over. */
  onlineStage: z.enum(['before_submission', 'before_result']).optional(),
  payUrl: z.url().max(500).optional(),
});
export const RecordPaymentRequest = z.object({ version: z.number().int(), reference: z.string().trim().min(1).max(100) });
export const PostalStepRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('return_registered'), address: z.string().trim().min(5).max(500) }),
  z.object({ kind: z.literal('dispatched'), trackingNumber: z.string().trim().min(3).max(60) }),
  z.object({ kind: z.literal('code_confirmed'), phase: z.enum(['submission', 'return']), postalCode: z.string().trim().regex(/^[A-Za-z0-9 -]{3,12}$/) }),
]);

type FeeRow = typeof caseFees.$inferSelect;
type PostalRow = typeof casePostalSteps.$inferSelect;
const presentFee = (r: FeeRow) => ({
  id: r.id,
  kind: r.kind,
  amountMinor: r.amountMinor,
  currency: r.currency,
  receiptNumber: r.receiptNumber,
  onlineStage: r.onlineStage,
  payUrl: r.payUrl,
  status: r.status,
  paidAt: r.paidAt?.toISOString() ?? null,
  paymentReference: r.paymentReference,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
});
const presentPostal = (r: PostalRow) => ({ id: r.id, kind: r.kind, postalCode: r.postalCode, trackingNumber: r.trackingNumber, address: r.address, createdAt: r.createdAt.toISOString() });

/**
 * Fees, online payments and the postal service of a case: the one-stop centre's steps that have a
 * notice of their own. Each writes its row, a timeline entry, an audit entry and its domain event
 * in one transaction.
 */
export function createCaseServicesService(deps: { db: Db; clock: Clock; audit: AuditService; events: EventOutbox; cases: CaseService }) {
  const { db, clock, audit, events, cases } = deps;

  async function addFee(ctx: RequestContext, caseId: string, input: z.infer<typeof AddFeeRequest>) {
    return db.transaction(async (tx) => {
      const kase = await cases.readable(ctx, caseId, tx);
      const [tenant] = await tx.select({ country: tenants.country }).from(tenants).where(eq(tenants.id, ctx.tenantId));
      const currency = input.currency ?? currencyOfCountry(tenant!.country);
      const [fee] = await tx
        .insert(caseFees)
        .values({ tenantId: ctx.tenantId, caseId, kind: input.kind, amountMinor: input.amountMinor, currency, receiptNumber: input.receiptNumber ?? null, onlineStage: input.onlineStage ?? null, payUrl: input.payUrl ?? null })
        .returning();
      const type = input.onlineStage ? 'case.payment_requested' : 'case.fee_due';
      const payload = { registrationNumber: kase.registrationNumber, feeId: fee!.id, kind: input.kind, amountMinor: input.amountMinor, currency, receiptNumber: input.receiptNumber ?? null, stage: input.onlineStage ?? null, payUrl: input.payUrl ?? null };
      await recordTimelineEntry(tx, { tenantId: ctx.tenantId, caseId, type: 'fee', at: clock.now(), visibility: 'citizen', data: payload });
      await events.record(tx, { tenantId: ctx.tenantId, type, subjectType: 'case', subjectId: caseId, actorId: ctx.actor.id, payload });
      await audit.record(tx, ctx, { action: type, subjectType: 'case', subjectId: caseId, purpose: 'case_handling', details: { feeId: fee!.id, amountMinor: input.amountMinor, currency } });
      return presentFee(fee!);
    });
  }

  async function recordPayment(ctx: RequestContext, caseId: string, feeId: string, input: z.infer<typeof RecordPaymentRequest>) {
    return db.transaction(async (tx) => {
      const kase = await cases.readable(ctx, caseId, tx);
      const [fee] = await tx.select().from(caseFees).where(and(eq(caseFees.tenantId, ctx.tenantId), eq(caseFees.caseId, caseId), eq(caseFees.id, feeId))).for('update');
      if (!fee) throw notFound('Fee');
      if (fee.version !== input.version) throw staleVersion('Fee');
      if (fee.status === 'paid') throw new AppError('case.fee_already_paid', 'This fee is already paid');
      const [paid] = await tx
        .update(caseFees)
        .set({ status: 'paid', paidAt: clock.now(), paymentReference: input.reference, version: fee.version + 1 })
        .where(eq(caseFees.id, fee.id))
        .returning();
      const payload = { registrationNumber: kase.registrationNumber, feeId, amountMinor: fee.amountMinor, currency: fee.currency, receiptNumber: fee.receiptNumber, reference: input.reference };
      await recordTimelineEntry(tx, { tenantId: ctx.tenantId, caseId, type: 'payment', at: clock.now(), visibility: 'citizen', data: payload });
      await events.record(tx, { tenantId: ctx.tenantId, type: 'case.payment_received', subjectType: 'case', subjectId: caseId, actorId: ctx.actor.id, payload });
      await audit.record(tx, ctx, { action: 'case.payment_received', subjectType: 'case', subjectId: caseId, purpose: 'case_handling', details: { feeId, reference: input.reference } });
      return presentFee(paid!);
    });
  }

  async function addPostalStep(ctx: RequestContext, caseId: string, input: z.infer<typeof PostalStepRequest>) {
    return db.transaction(async (tx) => {
      const kase = await cases.readable(ctx, caseId, tx);
      const [row] = await tx
        .insert(casePostalSteps)
        .values({
          tenantId: ctx.tenantId,
          caseId,
          kind: input.kind === 'code_confirmed' ? `code_confirmed_${input.phase}` : input.kind,
          postalCode: input.kind === 'code_confirmed' ? input.postalCode : null,
          trackingNumber: input.kind === 'dispatched' ? input.trackingNumber : null,
          address: input.kind === 'return_registered' ? input.address : null,
        })
        .returning();
      const type = { return_registered: 'case.postal_return_registered', dispatched: 'case.postal_dispatched', code_confirmed: 'case.postal_code_confirmed' }[input.kind];
      const payload = { registrationNumber: kase.registrationNumber, stepId: row!.id, ...input };
      await recordTimelineEntry(tx, { tenantId: ctx.tenantId, caseId, type: 'postal', at: clock.now(), visibility: 'citizen', data: payload });
      await events.record(tx, { tenantId: ctx.tenantId, type, subjectType: 'case', subjectId: caseId, actorId: ctx.actor.id, payload });
      await audit.record(tx, ctx, { action: type, subjectType: 'case', subjectId: caseId, purpose: 'case_handling', details: { stepId: row!.id, kind: input.kind } });
      return presentPostal(row!);
    });
  }

  async function list(ctx: RequestContext, caseId: string) {
    await cases.readable(ctx, caseId);
    const fees = await db.select().from(caseFees).where(and(eq(caseFees.tenantId, ctx.tenantId), eq(caseFees.caseId, caseId))).orderBy(asc(caseFees.createdAt));
    const postal = await db.select().from(casePostalSteps).where(and(eq(casePostalSteps.tenantId, ctx.tenantId), eq(casePostalSteps.caseId, caseId))).orderBy(asc(casePostalSteps.createdAt));
    return { fees: fees.map(presentFee), postal: postal.map(presentPostal) };
  }

  return { addFee, recordPayment, addPostalStep, list };
}

export type CaseServicesService = ReturnType<typeof createCaseServicesService>;
