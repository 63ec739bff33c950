import crypto from 'node:crypto';
import type { Language } from '@civicline/contracts';
import { IntlMessageFormat } from 'intl-messageformat';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { systemContext } from '../../platform/auth/context.ts';
import { hashToken, newSecretToken } from '../../platform/auth/tokens.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import type { Db } from '../../platform/db/client.ts';
import { citizenChannelConsents, citizenSessions, citizenSignInCodes, notificationMessages, outboundMessages, tenants } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { findByContact, normalizePhone } from '../citizens/index.ts';
import type { MessagingService } from '../messaging/index.ts';
import { LOCALE } from './render.ts';

export const CODE_TTL_MINUTES = 10;
export const SESSION_TTL_MINUTES = 60;
const MAX_CODES_PER_WINDOW = 3;
const CODE_WINDOW_MINUTES = 15;
const MAX_ATTEMPTS = 5;

export const SignInCodeRequest = z.object({ contact: z.string().trim().min(5).max(254) });
export const SignInVerifyRequest = z.object({ contact: z.string().trim().min(5).max(254), code: z.string().regex(/^\d{6}$/) });
export const ConsentUpdate = z.object({ channel: z.enum(['sms', 'email']), granted: z.boolean() });

const CODE_TEXT: Record<Language, string> = {
  ro: 'Codul dvs. de acces în portalul {institution} este {code}. Este valabil {minutes} minute. Nu îl comunicați nimănui.',
  ru: 'Ваш код для входа на портал {institution}: {code}. Он действует {minutes} минут. Никому его не сообщайте.',
  it: 'Il suo codice di accesso al portale di {institution} è {code}. Vale {minutes} minuti. Non lo comunichi a nessuno.',
  vi: 'Mã đăng nhập cổng {institution} của quý vị là {code}, có hiệu lực {minutes} phút. Không chia sẻ mã này.',
  en: 'Your sign-in code for the {institution} portal is {code}. It is valid for {minutes} minutes. Do not share it.',
};
const CODE_SUBJECT: Record<Language, string> = {
  ro: 'Codul dvs. de acces: {code}',
  ru: 'Ваш код для входа: {code}',
  it: 'Il suo codice di accesso: {code}',
  vi: 'Mã đăng nhập của quý vị: {code}',
  en: 'Your sign-in code: {code}',
};

const invalidCode = () => new AppError('portal.sign_in_failed', 'The code is wrong or has expired; ask for a new one');

/**
 * The citizen's own side of notifications: sign-in to the portal by a one-time code sent to a
 * contact already on file (only its hash is kept; single use, short-lived, limited per contact),
 * their inbox, and the channels they agree to be written on.
 */
export function createCitizenAccessService(deps: { db: Db; clock: Clock; audit: AuditService; messaging: MessagingService; cipher: PersonalDataCipher }) {
  const { db, clock, audit } = deps;
  // Keyed by the master key: a copy of the table alone does not give the codes (or the contacts) away.
  const hashCode = (codeId: string, code: string) => deps.cipher.blindIndex('sign-in-code', `${codeId}:${code}`);
  const hashContact = (tenantId: string, contact: string) => deps.cipher.blindIndex('sign-in-contact', `${tenantId}:${contact}`);

  async function tenantBySlug(slug: string) {
    const [t] = await db.select().from(tenants).where(eq(tenants.slug, slug));
    if (!t) throw new AppError('resource.not_found', 'Institution not found');
    return t;
  }

  function parseContact(raw: string, country: string): { phone?: string; email?: string; key: string } | null {
    if (raw.includes('@')) {
      const email = raw.trim().toLowerCase();
      return z.email().safeParse(email).success ? { email, key: `email:${email}` } : null;
    }
    const phone = normalizePhone(raw, country);
    return phone.ok ? { phone: phone.e164, key: `phone:${phone.e164}` } : null;
  }

  /**
   * Sends a code when the contact belongs to a citizen. The answer is the same either way, so
   * the endpoint tells no one whose numbers are on file.
   */
  async function requestCode(slug: string, input: z.infer<typeof SignInCodeRequest>): Promise<{ sent: true; expiresInMinutes: number }> {
    const tenant = await tenantBySlug(slug);
    const contact = parseContact(input.contact, tenant.country);
    if (!contact) throw new AppError('request.validation_failed', 'Give a phone number or an e-mail address', { errors: [{ path: 'contact', message: 'Not a phone number or e-mail address' }] });
    const contactHash = hashContact(tenant.id, contact.key);
    const now = clock.now();
    await db.transaction(async (tx) => {
      // One contact at a time: concurrent requests for it count each other.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`otp:${contactHash}`}, 0))`);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(citizenSignInCodes)
        .where(and(eq(citizenSignInCodes.tenantId, tenant.id), eq(citizenSignInCodes.contactHash, contactHash), gt(citizenSignInCodes.createdAt, new Date(now.getTime() - CODE_WINDOW_MINUTES * 60_000))));
      if (n >= MAX_CODES_PER_WINDOW) throw new AppError('request.rate_limited', 'Too many codes asked for; wait a few minutes');
      const citizen = await findByContact(tx, tenant.id, contact);
      if (!citizen) return;
      const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
      const id = crypto.randomUUID();
      await tx.insert(citizenSignInCodes).values({ id, tenantId: tenant.id, citizenId: citizen.id, contactHash, codeHash: hashCode(id, code), expiresAt: new Date(now.getTime() + CODE_TTL_MINUTES * 60_000), createdAt: now });
      const language = citizen.language;
      const values = { institution: tenant.name, code, minutes: CODE_TTL_MINUTES };
      await deps.messaging.queue(tx, {
        tenantId: tenant.id,
        channel: contact.phone ? 'sms' : 'email',
        purpose: 'otp',
        toAddress: contact.phone ?? contact.email!,
        subject: contact.email ? String(new IntlMessageFormat(CODE_SUBJECT[language], LOCALE[language]).format(values)) : null,
        body: String(new IntlMessageFormat(CODE_TEXT[language], LOCALE[language]).format(values)),
        language,
        citizenId: citizen.id,
        idempotencyKey: `otp:${id}`,
      });
    });
    return { sent: true, expiresInMinutes: CODE_TTL_MINUTES };
  }

  async function verifyCode(slug: string, input: z.infer<typeof SignInVerifyRequest>): Promise<{ token: string; expiresAt: string }> {
    const tenant = await tenantBySlug(slug);
    const contact = parseContact(input.contact, tenant.country);
    if (!contact) throw invalidCode();
    const contactHash = hashContact(tenant.id, contact.key);
    const now = clock.now();
    return db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(citizenSignInCodes)
        .where(and(eq(citizenSignInCodes.tenantId, tenant.id), eq(citizenSignInCodes.contactHash, contactHash), isNull(citizenSignInCodes.usedAt), gt(citizenSignInCodes.expiresAt, now)))
        .orderBy(desc(citizenSignInCodes.createdAt))
        .limit(1)
        .for('update');
      if (!row || row.attempts >= MAX_ATTEMPTS) throw invalidCode();
      const expected = Buffer.from(row.codeHash, 'hex');
      const given = Buffer.from(hashCode(row.id, input.code), 'hex');
      if (!crypto.timingSafeEqual(expected, given)) {
        await tx.update(citizenSignInCodes).set({ attempts: row.attempts + 1 }).where(eq(citizenSignInCodes.id, row.id));
        return { failed: true as const };
      }
      await tx.update(citizenSignInCodes).set({ usedAt: now }).where(eq(citizenSignInCodes.id, row.id));
      const token = newSecretToken('cit');
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MINUTES * 60_000);
      await tx.insert(citizenSessions).values({ tokenHash: hashToken(token), tenantId: tenant.id, citizenId: row.citizenId, expiresAt });
      await audit.record(tx, systemContext(tenant.id, 'portal'), { action: 'citizen.signed_in', subjectType: 'citizen', subjectId: row.citizenId, purpose: 'citizen_self_service', details: { method: 'one_time_code' } });
      return { token, expiresAt: expiresAt.toISOString() };
    }).then((r) => {
      // The failed attempt is counted (committed) before the caller hears it failed.
      if ('failed' in r) throw invalidCode();
      return r;
    });
  }

  /** The citizen a portal bearer token belongs to, in this institution, or a 401. */
  async function sessionOf(slug: string, authorization: string | undefined): Promise<{ tenantId: string; citizenId: string }> {
    const token = /^Bearer (cit_[A-Za-z0-9_-]{20,})$/.exec(authorization ?? '')?.[1];
    if (!token) throw new AppError('auth.unauthenticated', 'Sign in with a one-time code first');
    const tenant = await tenantBySlug(slug);
    const [s] = await db.select().from(citizenSessions).where(and(eq(citizenSessions.tokenHash, hashToken(token)), eq(citizenSessions.tenantId, tenant.id), gt(citizenSessions.expiresAt, clock.now())));
    if (!s) throw new AppError('auth.unauthenticated', 'The sign-in has expired; sign in again');
    return { tenantId: s.tenantId, citizenId: s.citizenId };
  }

  async function inbox(slug: string, authorization: string | undefined, q: { limit: number }) {
    const s = await sessionOf(slug, authorization);
    const rows = await db
      .select({ m: outboundMessages, readAt: notificationMessages.readAt })
      .from(outboundMessages)
      .leftJoin(notificationMessages, eq(notificationMessages.messageId, outboundMessages.id))
      .where(and(eq(outboundMessages.tenantId, s.tenantId), eq(outboundMessages.citizenId, s.citizenId), eq(outboundMessages.channel, 'portal')))
      .orderBy(desc(outboundMessages.createdAt))
      .limit(q.limit);
    return {
      items: rows.map(({ m, readAt }) => ({ id: m.id, caseId: m.caseId, subject: m.subject ?? '', body: m.body, language: m.language, createdAt: m.createdAt.toISOString(), readAt: readAt?.toISOString() ?? null })),
      unread: rows.filter((r) => !r.readAt).length,
    };
  }

  async function markRead(slug: string, authorization: string | undefined, messageId: string): Promise<void> {
    const s = await sessionOf(slug, authorization);
    const rows = await db
      .update(notificationMessages)
      .set({ readAt: clock.now() })
      .where(and(eq(notificationMessages.tenantId, s.tenantId), eq(notificationMessages.citizenId, s.citizenId), eq(notificationMessages.messageId, messageId), isNull(notificationMessages.readAt)))
      .returning({ id: notificationMessages.messageId });
    if (rows.length === 0) {
      const [exists] = await db.select({ id: notificationMessages.messageId }).from(notificationMessages).where(and(eq(notificationMessages.tenantId, s.tenantId), eq(notificationMessages.citizenId, s.citizenId), eq(notificationMessages.messageId, messageId)));
      if (!exists) throw new AppError('resource.not_found', 'Message not found');
    }
  }

  async function consents(slug: string, authorization: string | undefined) {
    const s = await sessionOf(slug, authorization);
    const rows = await db.select().from(citizenChannelConsents).where(and(eq(citizenChannelConsents.tenantId, s.tenantId), eq(citizenChannelConsents.citizenId, s.citizenId)));
    return (['sms', 'email'] as const).map((channel) => ({ channel, granted: rows.find((r) => r.channel === channel)?.granted ?? true }));
  }

  /** The hash-chained audit trail is the consent log: who changed which channel, when. */
  async function setConsent(slug: string, authorization: string | undefined, input: z.infer<typeof ConsentUpdate>) {
    const s = await sessionOf(slug, authorization);
    await db.transaction(async (tx) => {
      await tx
        .insert(citizenChannelConsents)
        .values({ tenantId: s.tenantId, citizenId: s.citizenId, channel: input.channel, granted: input.granted })
        .onConflictDoUpdate({ target: [citizenChannelConsents.tenantId, citizenChannelConsents.citizenId, citizenChannelConsents.channel], set: { granted: input.granted, updatedAt: sql`now()` } });
      await audit.record(tx, systemContext(s.tenantId, 'portal'), { action: input.granted ? 'consent.given' : 'consent.withdrawn', subjectType: 'citizen', subjectId: s.citizenId, purpose: 'notifications', details: { channel: input.channel } });
    });
    return consents(slug, authorization);
  }

  return { requestCode, verifyCode, sessionOf, inbox, markRead, consents, setConsent };
}

export type CitizenAccessService = ReturnType<typeof createCitizenAccessService>;
