import type { Language } from '@civicline/contracts';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { citizenContacts, citizens, tenants } from '../../platform/db/schema/index.ts';
import { normalizePhone } from './phone.ts';

export interface ContactMatch {
  id: string;
  language: Language;
  created: boolean;
}

/** The citizen who owns this phone or e-mail (the oldest live record if several do), or null. */
export async function findByContact(tx: DbOrTx, tenantId: string, contact: { email?: string | undefined; phone?: string | undefined }): Promise<{ id: string; language: Language } | null> {
  const probes: { kind: string; value: string }[] = [];
  if (contact.phone) probes.push({ kind: 'phone', value: contact.phone });
  if (contact.email) probes.push({ kind: 'email', value: contact.email.trim().toLowerCase() });
  for (const p of probes) {
    const [hit] = await tx
      .select({ id: citizens.id, language: citizens.preferredLanguage })
      .from(citizenContacts)
      .innerJoin(citizens, eq(citizens.id, citizenContacts.citizenId))
      .where(and(eq(citizenContacts.tenantId, tenantId), eq(citizenContacts.kind, p.kind), eq(citizenContacts.value, p.value), isNull(citizens.mergedIntoId)))
      .orderBy(asc(citizens.createdAt))
      .limit(1);
    if (hit) return { id: hit.id, language: hit.language as Language };
  }
  return null;
}

/**
 * For channels: the sender as a citizen. A known phone or e-mail finds its owner; an unknown one
 * becomes a minimal record (name as given, or the address itself) that staff complete or merge
 * later. No audit entry is written here: intake records one for the whole message, after the case
 * number, keeping the lock order of registration.
 */
export async function findOrCreateByContact(
  tx: Tx,
  ctx: RequestContext,
  contact: {
    email?: string | undefined;
    phone?: string | undefined;
    name?: string | undefined;
    language?: Language | undefined;
    person?: { firstName: string; lastName: string; preferredChannel: 'email' | 'sms' } | undefined;
  },
  /** The institution's country and default language, when the caller has them at hand (cached). */
  institution?: { country: string; defaultLanguage: string },
): Promise<ContactMatch> {
  const [tenant] = institution
    ? [{ country: institution.country, language: institution.defaultLanguage }]
    : await tx.select({ country: tenants.country, language: tenants.defaultLanguage }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  const phone = contact.phone ? normalizePhone(contact.phone, tenant!.country) : null;
  const e164 = phone?.ok ? phone.e164 : undefined;
  const found = await findByContact(tx, ctx.tenantId, { email: contact.email, phone: e164 });
  if (found) return { ...found, created: false };
  const name = contact.name?.trim().replace(/\s+/g, ' ').slice(0, 200);
  const [first, ...rest] = name ? name.split(' ') : [];
  const language = contact.language ?? (tenant!.language as Language);
  const [row] = await tx
    .insert(citizens)
    .values({
      tenantId: ctx.tenantId,
      kind: 'person',
      firstName: contact.person?.firstName ?? (rest.length > 0 ? first! : null),
      lastName: contact.person?.lastName ?? (rest.length > 0 ? rest.join(' ') : (first ?? null)),
      displayName: (contact.person ? `${contact.person.firstName} ${contact.person.lastName}` : name) || contact.email || e164 || contact.phone || 'Unknown sender',
      preferredLanguage: language,
      preferredChannel: contact.person?.preferredChannel ?? (e164 && !contact.email ? 'sms' : 'email'),
    })
    .returning({ id: citizens.id });
  const contacts = [
    ...(contact.email ? [{ kind: 'email', value: contact.email.trim().toLowerCase() }] : []),
    ...(e164 ? [{ kind: 'phone', value: e164 }] : []),
  ];
  if (contacts.length > 0) await tx.insert(citizenContacts).values(contacts.map((c) => ({ tenantId: ctx.tenantId, citizenId: row!.id, ...c })));
  return { id: row!.id, language, created: true };
}
