import type { Language } from '@civicline/contracts';
import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import { queryRaw, type DbOrTx, type Tx } from '../../platform/db/client.ts';
import { tenants } from '../../platform/db/schema/index.ts';
import { normalizePhone } from './phone.ts';

export interface ContactMatch {
  id: string;
  language: Language;
  created: boolean;
}

// Intake looks every sender up, and creates most of them: both are fixed statements, named on
// PostgreSQL so that each pooled connection plans them once.
const FIND_BY_CONTACT_SQL = `SELECT z.id, z.preferred_language AS language
  FROM citizen_contacts k JOIN citizens z ON z.id = k.citizen_id
  WHERE k.tenant_id = $1 AND k.kind = $2 AND k.value = $3 AND z.merged_into_id IS NULL
  ORDER BY z.created_at LIMIT 1`;

/** The citizen row and its contacts in one round trip (the contacts' key is checked at the statement's end, when the row exists). */
const CREATE_WITH_CONTACTS_SQL = `WITH z AS (
    INSERT INTO citizens (tenant_id, kind, first_name, last_name, display_name, preferred_language, preferred_channel)
    VALUES ($1, 'person', $2, $3, $4, $5, $6) RETURNING id
  ), k AS (
    INSERT INTO citizen_contacts (tenant_id, citizen_id, kind, value)
    SELECT $1, z.id, x.kind, x.value FROM z, jsonb_to_recordset($7::jsonb) AS x(kind text, value text)
  )
  SELECT id FROM z`;

/** The citizen who owns this phone or e-mail (the oldest live record if several do), or null. */
export async function findByContact(tx: DbOrTx, tenantId: string, contact: { email?: string | undefined; phone?: string | undefined }): Promise<{ id: string; language: Language } | null> {
  const probes: { kind: string; value: string }[] = [];
  if (contact.phone) probes.push({ kind: 'phone', value: contact.phone });
  if (contact.email) probes.push({ kind: 'email', value: contact.email.trim().toLowerCase() });
  for (const p of probes) {
    const { rows } = await queryRaw<{ id: string; language: Language }>(tx, FIND_BY_CONTACT_SQL, [tenantId, p.kind, p.value], { prepared: 'citizen_by_contact' });
    if (rows[0]) return rows[0];
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
  const contacts = [
    ...(contact.email ? [{ kind: 'email', value: contact.email.trim().toLowerCase() }] : []),
    ...(e164 ? [{ kind: 'phone', value: e164 }] : []),
  ];
  const { rows } = await queryRaw<{ id: string }>(
    tx,
    CREATE_WITH_CONTACTS_SQL,
    [
      ctx.tenantId,
      contact.person?.firstName ?? (rest.length > 0 ? first! : null),
      contact.person?.lastName ?? (rest.length > 0 ? rest.join(' ') : (first ?? null)),
      (contact.person ? `${contact.person.firstName} ${contact.person.lastName}` : name) || contact.email || e164 || contact.phone || 'Unknown sender',
      language,
      contact.person?.preferredChannel ?? (e164 && !contact.email ? 'sms' : 'email'),
      JSON.stringify(contacts),
    ],
    { prepared: 'citizen_create_with_contacts' },
  );
  const row = rows[0];
  return { id: row!.id, language, created: true };
}
