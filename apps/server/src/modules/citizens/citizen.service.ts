import type { Citizen, CitizenSearchQuery, CreateCitizenRequest, Language, UpdateCitizenRequest } from '@civicline/contracts';
import { and, eq, ilike, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { cases, citizenContacts, citizens, tenants } from '../../platform/db/schema/index.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import { AppError, notFound, staleVersion, validationFailed, type FieldError } from '../../platform/errors.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import type { AuditService } from '../audit/index.ts';
import { hasPermission } from '../identity/index.ts';
import { maskNationalId, validateNationalId, type NationalIdScheme } from './national-id.ts';
import { normalizePhone } from './phone.ts';

type Row = typeof citizens.$inferSelect;
type ContactKind = 'phone' | 'email' | 'client_code';
const BLIND_INDEX_PURPOSE = 'national-id';

interface TenantIdentity {
  country: string;
  scheme: NationalIdScheme;
  defaultLanguage: Language;
}

export function createCitizenService(deps: { db: Db; audit: AuditService; events: EventOutbox; cipher: PersonalDataCipher }) {
  const { db, audit, events, cipher } = deps;

  async function tenantIdentity(tx: DbOrTx, tenantId: string): Promise<TenantIdentity> {
    const [t] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
    if (!t) throw notFound('Institution');
    return { country: t.country, scheme: t.nationalIdScheme as NationalIdScheme, defaultLanguage: t.defaultLanguage as Language };
  }

  /** Validates and normalises an identifier; returns what is stored: blind index, ciphertext, mask. */
  function protectNationalId(t: TenantIdentity, raw: string) {
    const v = validateNationalId(t.scheme, raw);
    if (!v.ok) {
      throw new AppError('citizen.invalid_national_id', v.message, { errors: [{ path: 'nationalId', message: v.message, code: v.code }] });
    }
    return {
      nationalIdIndex: cipher.blindIndex(BLIND_INDEX_PURPOSE, `${t.scheme}:${v.normalized}`),
      nationalIdCipher: cipher.encrypt(v.normalized),
      nationalIdMask: maskNationalId(t.scheme, v.normalized),
      birthDate: v.birthDate,
    };
  }

  function normaliseContacts(t: TenantIdentity, input: { phones?: string[] | undefined; emails?: string[] | undefined; clientCodes?: string[] | undefined }) {
    const errors: FieldError[] = [];
    const out: { kind: ContactKind; value: string }[] = [];
    input.phones?.forEach((p, i) => {
      const r = normalizePhone(p, t.country);
      if (r.ok) out.push({ kind: 'phone', value: r.e164 });
      else errors.push({ path: `phones.${i}`, message: r.message });
    });
    for (const e of input.emails ?? []) out.push({ kind: 'email', value: e.toLowerCase() });
    for (const c of input.clientCodes ?? []) out.push({ kind: 'client_code', value: c.trim() });
    if (errors.length > 0) throw new AppError('citizen.invalid_phone', 'A phone number is not valid', { errors });
    return out.filter((c, i) => out.findIndex((o) => o.kind === c.kind && o.value === c.value) === i);
  }

  async function contactsOf(tx: DbOrTx, tenantId: string, ids: string[]) {
    const map = new Map<string, { kind: string; value: string }[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return map;
    const rows = await tx
      .select({ citizenId: citizenContacts.citizenId, kind: citizenContacts.kind, value: citizenContacts.value })
      .from(citizenContacts)
      .where(and(eq(citizenContacts.tenantId, tenantId), inArray(citizenContacts.citizenId, ids)));
    for (const r of rows) map.get(r.citizenId)?.push(r);
    return map;
  }

  function present(r: Row, contacts: { kind: string; value: string }[], nationalId: { value: string | null; masked: boolean }): Citizen {
    const of = (k: ContactKind) => contacts.filter((c) => c.kind === k).map((c) => c.value);
    return {
      id: r.id,
      kind: r.kind as Citizen['kind'],
      firstName: r.firstName,
      lastName: r.lastName,
      organisationName: r.organisationName,
      displayName: r.displayName,
      birthDate: r.birthDate,
      preferredLanguage: r.preferredLanguage as Language,
      preferredChannel: r.preferredChannel as Citizen['preferredChannel'],
      addresses: r.addresses as Citizen['addresses'],
      phones: of('phone'),
      emails: of('email'),
      clientCodes: of('client_code'),
      nationalId: nationalId.value,
      nationalIdMasked: nationalId.masked,
      voiceOptOut: r.voiceOptOut,
      mergedIntoId: r.mergedIntoId,
      version: r.version,
    };
  }

  const displayNameOf = (c: { kind?: string | undefined; firstName?: string | null | undefined; lastName?: string | null | undefined; organisationName?: string | null | undefined }) =>
    c.kind === 'organisation' ? (c.organisationName ?? '') : [c.firstName, c.lastName].filter(Boolean).join(' ');

  async function replaceContacts(tx: Tx, tenantId: string, citizenId: string, list: { kind: ContactKind; value: string }[], kinds: ContactKind[]) {
    if (kinds.length === 0) return;
    await tx.delete(citizenContacts).where(and(eq(citizenContacts.tenantId, tenantId), eq(citizenContacts.citizenId, citizenId), inArray(citizenContacts.kind, kinds)));
    const rows = list.filter((c) => kinds.includes(c.kind)).map((c) => ({ tenantId, citizenId, ...c }));
    if (rows.length > 0) await tx.insert(citizenContacts).values(rows);
  }

  const nationalIdTaken = () =>
    new AppError('citizen.national_id_taken', 'A citizen with this identifier is already registered; find and use that record', {
      errors: [{ path: 'nationalId', message: 'Already registered' }],
    });

  async function create(ctx: RequestContext, input: z.infer<typeof CreateCitizenRequest>): Promise<Citizen> {
    try {
      const row = await db.transaction(async (tx) => {
        const t = await tenantIdentity(tx, ctx.tenantId);
        const protectedId = input.nationalId ? protectNationalId(t, input.nationalId) : null;
        const contacts = normaliseContacts(t, input);
        if (protectedId) {
          const [clash] = await tx.select({ id: citizens.id }).from(citizens).where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.nationalIdIndex, protectedId.nationalIdIndex), isNull(citizens.mergedIntoId)));
          if (clash) throw nationalIdTaken();
        }
        const [r] = await tx
          .insert(citizens)
          .values({
            tenantId: ctx.tenantId,
            kind: input.kind,
            firstName: input.firstName ?? null,
            lastName: input.lastName ?? null,
            organisationName: input.organisationName ?? null,
            displayName: displayNameOf(input),
            birthDate: input.birthDate ?? protectedId?.birthDate ?? null,
            preferredLanguage: input.preferredLanguage ?? t.defaultLanguage,
            preferredChannel: input.preferredChannel,
            addresses: input.addresses,
            voiceOptOut: input.voiceOptOut,
            nationalIdIndex: protectedId?.nationalIdIndex ?? null,
            nationalIdCipher: protectedId?.nationalIdCipher ?? null,
            nationalIdMask: protectedId?.nationalIdMask ?? null,
          })
          .returning();
        await replaceContacts(tx, ctx.tenantId, r!.id, contacts, ['phone', 'email', 'client_code']);
        await audit.record(tx, ctx, { action: 'citizen.created', subjectType: 'citizen', subjectId: r!.id, purpose: 'case_handling' });
        await events.record(tx, { tenantId: ctx.tenantId, type: 'citizen.created', subjectType: 'citizen', subjectId: r!.id, actorId: ctx.actor.id });
        return r!;
      });
      return get(ctx, row.id, { reveal: false, audit: false });
    } catch (err) {
      if (isUniqueViolation(err, 'citizens_national_id_uq')) throw nationalIdTaken();
      throw err;
    }
  }

  /**
   * Reads one citizen. Every read of personal data is an audit entry; the identifier in full only
   * for roles that need it, and that reveal is its own audit entry with its purpose.
   */
  async function get(ctx: RequestContext, id: string, opts: { reveal?: boolean; purpose?: string | undefined; audit?: boolean } = {}): Promise<Citizen> {
    const [row] = await db.select().from(citizens).where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.id, id)));
    if (!row) throw notFound('Citizen');
    if (opts.reveal && !hasPermission(ctx.actor.roles, 'citizens.reveal_national_id') && ctx.actor.type !== 'system') {
      throw new AppError('auth.forbidden', 'Your role may not see national identifiers in full');
    }
    const reveal = Boolean(opts.reveal && row.nationalIdCipher);
    if (opts.audit !== false) {
      await audit.recordAccess(ctx, {
        action: reveal ? 'citizen.national_id_revealed' : 'citizen.read',
        subjectType: 'citizen',
        subjectId: id,
        purpose: opts.purpose ?? 'case_handling',
      });
    }
    const contacts = (await contactsOf(db, ctx.tenantId, [id])).get(id) ?? [];
    // A record merged into one that was merged in turn points at the one that is kept. Resolved on
    // reading rather than rewritten on merging, which would lock records outside the merged pair.
    for (let hops = 0; row.mergedIntoId && hops < 20; hops++) {
      const [next] = await db.select({ mergedIntoId: citizens.mergedIntoId }).from(citizens).where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.id, row.mergedIntoId)));
      if (!next?.mergedIntoId) break;
      row.mergedIntoId = next.mergedIntoId;
    }
    return present(row, contacts, reveal ? { value: cipher.decrypt(row.nationalIdCipher!), masked: false } : { value: row.nationalIdMask, masked: row.nationalIdMask !== null });
  }

  async function search(ctx: RequestContext, q: z.infer<typeof CitizenSearchQuery>): Promise<Citizen[]> {
    const t = await tenantIdentity(db, ctx.tenantId);
    const conditions = [eq(citizens.tenantId, ctx.tenantId), isNull(citizens.mergedIntoId)];
    const byContact = async (kind: ContactKind, value: string) =>
      sql`${citizens.id} IN (SELECT citizen_id FROM ${citizenContacts} WHERE tenant_id = ${ctx.tenantId} AND kind = ${kind} AND value = ${value})`;
    if (q.nationalId) {
      const v = validateNationalId(t.scheme, q.nationalId);
      if (!v.ok) throw new AppError('citizen.invalid_national_id', v.message, { errors: [{ path: 'nationalId', message: v.message, code: v.code }] });
      conditions.push(eq(citizens.nationalIdIndex, cipher.blindIndex(BLIND_INDEX_PURPOSE, `${t.scheme}:${v.normalized}`)));
    }
    if (q.phone) {
      const p = normalizePhone(q.phone, t.country);
      if (!p.ok) throw new AppError('citizen.invalid_phone', p.message, { errors: [{ path: 'phone', message: p.message }] });
      conditions.push(await byContact('phone', p.e164));
    }
    if (q.email) conditions.push(await byContact('email', q.email.trim().toLowerCase()));
    if (q.clientCode) conditions.push(await byContact('client_code', q.clientCode.trim()));
    if (q.name) conditions.push(ilike(citizens.displayName, `%${q.name.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
    const rows = await db.select().from(citizens).where(and(...conditions)).orderBy(citizens.displayName).limit(q.limit);
    await audit.recordAccess(ctx, {
      action: 'citizen.searched',
      subjectType: 'citizen',
      subjectId: null,
      purpose: 'case_handling',
      details: { by: Object.keys(q).filter((k) => k !== 'limit'), found: rows.map((r) => r.id) },
    });
    const contacts = await contactsOf(db, ctx.tenantId, rows.map((r) => r.id));
    return rows.map((r) => present(r, contacts.get(r.id) ?? [], { value: r.nationalIdMask, masked: r.nationalIdMask !== null }));
  }

  async function update(ctx: RequestContext, id: string, input: z.infer<typeof UpdateCitizenRequest>): Promise<Citizen> {
    try {
      await db.transaction(async (tx) => {
        const [current] = await tx.select().from(citizens).where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.id, id))).for('update');
        if (!current) throw notFound('Citizen');
        if (current.mergedIntoId) throw new AppError('citizen.merged', 'This record was merged into another one; edit that one', { mergedIntoId: current.mergedIntoId });
        if (current.version !== input.version) throw staleVersion('Citizen');
        const merged = { ...current, ...stripUndefined(input) };
        // The create schema's rule, on the record as it would be after the update.
        if (merged.kind === 'person' && !merged.lastName) throw validationFailed([{ path: 'lastName', message: 'A person needs a last name' }]);
        if (merged.kind === 'organisation' && !merged.organisationName) throw validationFailed([{ path: 'organisationName', message: 'An organisation needs a name' }]);
        const t = await tenantIdentity(tx, ctx.tenantId);
        const protectedId = input.nationalId ? protectNationalId(t, input.nationalId) : null;
        const contacts = normaliseContacts(t, input);
        const { version: _v, phones: _p, emails: _e, clientCodes: _c, nationalId: _n, ...fields } = stripUndefined(input);
        await tx
          .update(citizens)
          .set({
            ...fields,
            displayName: displayNameOf(merged),
            ...(protectedId ? { nationalIdIndex: protectedId.nationalIdIndex, nationalIdCipher: protectedId.nationalIdCipher, nationalIdMask: protectedId.nationalIdMask } : {}),
            version: sql`${citizens.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.id, id)));
        const kinds = ([['phones', 'phone'], ['emails', 'email'], ['clientCodes', 'client_code']] as const).filter(([k]) => input[k] !== undefined).map(([, kind]) => kind);
        await replaceContacts(tx, ctx.tenantId, id, contacts, kinds);
        await audit.record(tx, ctx, { action: 'citizen.updated', subjectType: 'citizen', subjectId: id, purpose: 'case_handling', details: { changed: Object.keys(stripUndefined(input)).filter((k) => k !== 'version') } });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'citizens_national_id_uq')) throw nationalIdTaken();
      throw err;
    }
    return get(ctx, id, { audit: false });
  }

  /**
   * Merges a duplicate record into `keepId`: its cases, contacts and identifier move over; the
   * duplicate stays as a pointer so old references still resolve.
   */
  async function merge(ctx: RequestContext, keepId: string, duplicateId: string): Promise<Citizen> {
    if (keepId === duplicateId) throw new AppError('citizen.merge_invalid', 'A record cannot be merged into itself', { errors: [{ path: 'duplicateId', message: 'Same record' }] });
    await db.transaction(async (tx) => {
      const rows = await tx.select().from(citizens).where(and(eq(citizens.tenantId, ctx.tenantId), inArray(citizens.id, [keepId, duplicateId]))).for('update');
      const keep = rows.find((r) => r.id === keepId);
      const dup = rows.find((r) => r.id === duplicateId);
      if (!keep) throw notFound('Citizen');
      if (!dup) throw new AppError('citizen.merge_invalid', 'No such duplicate record', { errors: [{ path: 'duplicateId', message: 'No such citizen' }] });
      if (keep.mergedIntoId || dup.mergedIntoId) throw new AppError('citizen.merged', 'One of these records was already merged');
      if (keep.nationalIdIndex && dup.nationalIdIndex && keep.nationalIdIndex !== dup.nationalIdIndex) {
        throw new AppError('citizen.merge_invalid', 'These records have different national identifiers; they are not the same person', { errors: [{ path: 'duplicateId', message: 'Different identifier' }] });
      }
      const moved = await tx.update(cases).set({ citizenId: keepId }).where(and(eq(cases.tenantId, ctx.tenantId), eq(cases.citizenId, duplicateId))).returning({ id: cases.id });
      const contacts = await contactsOf(tx, ctx.tenantId, [keepId, duplicateId]);
      const have = new Set((contacts.get(keepId) ?? []).map((c) => `${c.kind}:${c.value}`));
      const extra = (contacts.get(duplicateId) ?? []).filter((c) => !have.has(`${c.kind}:${c.value}`));
      await tx.delete(citizenContacts).where(and(eq(citizenContacts.tenantId, ctx.tenantId), eq(citizenContacts.citizenId, duplicateId)));
      if (extra.length > 0) await tx.insert(citizenContacts).values(extra.map((c) => ({ tenantId: ctx.tenantId, citizenId: keepId, kind: c.kind, value: c.value })));
      await tx
        .update(citizens)
        .set({ mergedIntoId: keepId, nationalIdIndex: null, nationalIdCipher: null, nationalIdMask: null, version: sql`${citizens.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.id, duplicateId)));
      await tx
        .update(citizens)
        .set({
          ...(!keep.nationalIdIndex && dup.nationalIdIndex ? { nationalIdIndex: dup.nationalIdIndex, nationalIdCipher: dup.nationalIdCipher, nationalIdMask: dup.nationalIdMask } : {}),
          birthDate: keep.birthDate ?? dup.birthDate,
          addresses: [...(keep.addresses as unknown[]), ...(dup.addresses as unknown[])].slice(0, 10),
          version: sql`${citizens.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.id, keepId)));
      await audit.record(tx, ctx, { action: 'citizen.merged', subjectType: 'citizen', subjectId: keepId, purpose: 'data_quality', details: { duplicateId, movedCases: moved.length } });
      await events.record(tx, { tenantId: ctx.tenantId, type: 'citizen.merged', subjectType: 'citizen', subjectId: keepId, actorId: ctx.actor.id, payload: { duplicateId, movedCases: moved.map((m) => m.id) } });
    });
    return get(ctx, keepId, { audit: false });
  }

  return { create, get, search, update, merge };
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

export type CitizenService = ReturnType<typeof createCitizenService>;
