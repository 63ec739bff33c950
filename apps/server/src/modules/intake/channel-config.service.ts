import type { Language, CreateMailboxRequest, CreatePhoneLineRequest, CreateProviderAccountRequest, UpdateMailboxRequest, UpdatePhoneLineRequest, UpdateProviderAccountRequest } from '@civicline/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { rowCache } from '../../platform/db/row-cache.ts';
import { categories, departments, mailboxes, phoneLines, providerAccounts, tenants } from '../../platform/db/schema/index.ts';
import { AppError, notFound, staleVersion, validationFailed, type FieldError } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { normalizePhone } from '../citizens/index.ts';

type MailboxRow = typeof mailboxes.$inferSelect;
type LineRow = typeof phoneLines.$inferSelect;
type AccountRow = typeof providerAccounts.$inferSelect;

const presentMailbox = (r: MailboxRow) => ({
  id: r.id,
  address: r.address,
  name: r.name,
  categoryId: r.categoryId,
  departmentId: r.departmentId,
  isFax: r.isFax,
  acknowledge: r.acknowledge,
  imap: r.imap ?? null,
  senderAllow: r.senderAllow,
  senderDeny: r.senderDeny,
  active: r.active,
  version: r.version,
});
const presentLine = (r: LineRow) => ({
  id: r.id,
  number: r.number,
  name: r.name,
  sms: r.sms,
  voice: r.voice,
  categoryId: r.categoryId,
  departmentId: r.departmentId,
  disclosableKinds: r.disclosableKinds,
  language: (r.language ?? null) as Language | null,
  transferQueue: r.transferQueue ?? null,
  active: r.active,
  version: r.version,
});
const presentAccount = (r: AccountRow) => ({
  id: r.id,
  provider: r.provider as 'twilio',
  name: r.name,
  settings: r.settings,
  hasSecret: r.secretCipher !== null,
  active: r.active,
  version: r.version,
});

export interface MailboxRoute {
  tenantId: string;
  mailboxId: string;
  address: string;
  categoryId: string | null;
  departmentId: string | null;
  isFax: boolean;
  acknowledge: boolean;
  /** The mailbox's own sender lists (the listener's global ones apply too). */
  senders?: { allow: string[]; deny: string[] };
}

/**
 * The mailbox map, phone lines and provider credentials: where each channel's messages go, and
 * how CivicLine talks to the providers. Secrets are encrypted and never leave through the API.
 */
/** Another node of a cluster routes mail by a mailbox's previous settings for at most this long. */
const MAILBOX_ROUTE_TTL_MS = 10_000;

export function createChannelConfigService(deps: { db: Db; audit: AuditService; cipher: PersonalDataCipher }) {
  const { db, audit, cipher } = deps;
  const routeCache = rowCache<MailboxRoute>(db, 'mailbox-routes', MAILBOX_ROUTE_TTL_MS);
  /** A change to mailboxes, once committed (or failed), drops every cached route of this node. */
  const changingRoutes =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } finally {
        routeCache.invalidate();
      }
    };

  async function checkRefs(tx: Tx, tenantId: string, r: { categoryId?: string | null | undefined; departmentId?: string | null | undefined }) {
    const errors: FieldError[] = [];
    if (r.categoryId) {
      const [c] = await tx.select({ id: categories.id }).from(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.id, r.categoryId)));
      if (!c) errors.push({ path: 'categoryId', message: 'No such category' });
    }
    if (r.departmentId) {
      const [d] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.id, r.departmentId)));
      if (!d) errors.push({ path: 'departmentId', message: 'No such department' });
    }
    if (errors.length > 0) throw validationFailed(errors);
  }

  const taken = (what: string, path: string) => new AppError('channel.address_taken', `This ${what} is already in use`, { errors: [{ path, message: 'Already in use' }] });

  // --- mailboxes ---
  async function listMailboxes(ctx: RequestContext) {
    return (await db.select().from(mailboxes).where(eq(mailboxes.tenantId, ctx.tenantId)).orderBy(asc(mailboxes.address))).map(presentMailbox);
  }

  async function createMailbox(ctx: RequestContext, input: z.infer<typeof CreateMailboxRequest>) {
    try {
      return await db.transaction(async (tx) => {
        await checkRefs(tx, ctx.tenantId, input);
        const { imap, senderAllow, senderDeny, ...rest } = input;
        const [row] = await tx
          .insert(mailboxes)
          .values({
            tenantId: ctx.tenantId,
            ...rest,
            senderAllow: senderAllow ?? [],
            senderDeny: senderDeny ?? [],
            imap: imap ? { host: imap.host, port: imap.port, secure: imap.secure, user: imap.user, folder: imap.folder } : null,
            imapPasswordCipher: imap ? cipher.encrypt(imap.password) : null,
          })
          .returning();
        await audit.record(tx, ctx, { action: 'mailbox.created', subjectType: 'mailbox', subjectId: row!.id, details: { address: input.address, isFax: input.isFax, imap: Boolean(imap) } });
        return presentMailbox(row!);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'mailboxes_address_uq')) throw taken('address', 'address');
      throw err;
    }
  }

  async function updateMailbox(ctx: RequestContext, id: string, input: z.infer<typeof UpdateMailboxRequest>) {
    return db.transaction(async (tx) => {
      const [current] = await tx.select().from(mailboxes).where(and(eq(mailboxes.tenantId, ctx.tenantId), eq(mailboxes.id, id)));
      if (!current) throw notFound('Mailbox');
      await checkRefs(tx, ctx.tenantId, input);
      const { version, imap, ...rest } = input;
      // A password left out keeps the stored one; a mailbox that never had one must be given it.
      if (imap && imap.password === undefined && !current.imapPasswordCipher) throw validationFailed([{ path: 'imap.password', message: 'Required' }]);
      const passwordCipher = imap ? (imap.password !== undefined ? cipher.encrypt(imap.password) : current.imapPasswordCipher) : null;
      const [row] = await tx
        .update(mailboxes)
        .set({
          ...rest,
          ...(imap !== undefined
            ? { imap: imap ? { host: imap.host, port: imap.port, secure: imap.secure, user: imap.user, folder: imap.folder } : null, imapPasswordCipher: passwordCipher, imapState: null }
            : {}),
          version: sql`${mailboxes.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(mailboxes.tenantId, ctx.tenantId), eq(mailboxes.id, id), eq(mailboxes.version, version)))
        .returning();
      if (!row) throw staleVersion('Mailbox');
      await audit.record(tx, ctx, { action: 'mailbox.updated', subjectType: 'mailbox', subjectId: id, details: { changed: Object.keys(input).filter((k) => k !== 'version') } });
      return presentMailbox(row);
    });
  }

  async function deleteMailbox(ctx: RequestContext, id: string) {
    await db.transaction(async (tx) => {
      const gone = await tx.delete(mailboxes).where(and(eq(mailboxes.tenantId, ctx.tenantId), eq(mailboxes.id, id))).returning({ id: mailboxes.id });
      if (gone.length === 0) throw notFound('Mailbox');
      await audit.record(tx, ctx, { action: 'mailbox.deleted', subjectType: 'mailbox', subjectId: id });
    });
  }

  /**
   * Which institution and route an incoming address belongs to (SMTP RCPT TO, fax gateway). Read
   * for every recipient of every message, so cached: this node's own changes to mailboxes apply at
   * once, another node's (and a category moved to another department) within the TTL.
   */
  async function resolveMailbox(address: string): Promise<MailboxRoute | null> {
    const key = address.trim().toLowerCase();
    return (await routeCache.get(key, async () => (await readMailboxRoute(key)) ?? undefined)) ?? null;
  }

  async function readMailboxRoute(address: string): Promise<MailboxRoute | null> {
    const [r] = await db
      .select()
      .from(mailboxes)
      .where(and(sql`lower(${mailboxes.address}) = ${address}`, eq(mailboxes.active, true)));
    if (!r) return null;
    const departmentId = r.departmentId ?? (r.categoryId ? (await db.select({ d: categories.departmentId }).from(categories).where(eq(categories.id, r.categoryId)))[0]?.d ?? null : null);
    return { tenantId: r.tenantId, mailboxId: r.id, address: r.address, categoryId: r.categoryId, departmentId, isFax: r.isFax, acknowledge: r.acknowledge, senders: { allow: r.senderAllow, deny: r.senderDeny } };
  }

  /** Mailboxes to poll over IMAP, with their decrypted passwords (for the worker only). */
  async function imapMailboxes() {
    const rows = await db.select().from(mailboxes).where(and(eq(mailboxes.active, true), sql`${mailboxes.imap} IS NOT NULL`));
    return rows.map((r) => ({ ...presentMailbox(r), tenantId: r.tenantId, password: r.imapPasswordCipher ? cipher.decrypt(r.imapPasswordCipher) : '', state: r.imapState ?? null }));
  }

  async function saveImapState(mailboxId: string, state: { uidValidity: string; lastUid: number }) {
    await db.update(mailboxes).set({ imapState: state }).where(eq(mailboxes.id, mailboxId));
  }

  // --- phone lines ---
  async function normaliseNumber(tx: Tx | Db, tenantId: string, raw: string) {
    const [t] = await tx.select({ country: tenants.country }).from(tenants).where(eq(tenants.id, tenantId));
    const p = normalizePhone(raw, t!.country);
    if (!p.ok) throw validationFailed([{ path: 'number', message: p.message }], 'Not a valid phone number');
    return p.e164;
  }

  async function listLines(ctx: RequestContext) {
    return (await db.select().from(phoneLines).where(eq(phoneLines.tenantId, ctx.tenantId)).orderBy(asc(phoneLines.number))).map(presentLine);
  }

  async function createLine(ctx: RequestContext, input: z.infer<typeof CreatePhoneLineRequest>) {
    try {
      return await db.transaction(async (tx) => {
        await checkRefs(tx, ctx.tenantId, input);
        const number = await normaliseNumber(tx, ctx.tenantId, input.number);
        const [row] = await tx.insert(phoneLines).values({ tenantId: ctx.tenantId, ...input, number }).returning();
        await audit.record(tx, ctx, { action: 'phone_line.created', subjectType: 'phone_line', subjectId: row!.id, details: { number } });
        return presentLine(row!);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'phone_lines_number_uq')) throw taken('number', 'number');
      throw err;
    }
  }

  async function updateLine(ctx: RequestContext, id: string, input: z.infer<typeof UpdatePhoneLineRequest>) {
    return db.transaction(async (tx) => {
      await checkRefs(tx, ctx.tenantId, input);
      const { version, ...rest } = input;
      const [exists] = await tx.select({ id: phoneLines.id }).from(phoneLines).where(and(eq(phoneLines.tenantId, ctx.tenantId), eq(phoneLines.id, id)));
      if (!exists) throw notFound('Phone line');
      const [row] = await tx
        .update(phoneLines)
        .set({ ...rest, version: sql`${phoneLines.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(phoneLines.tenantId, ctx.tenantId), eq(phoneLines.id, id), eq(phoneLines.version, version)))
        .returning();
      if (!row) throw staleVersion('Phone line');
      await audit.record(tx, ctx, { action: 'phone_line.updated', subjectType: 'phone_line', subjectId: id, details: { changed: Object.keys(input).filter((k) => k !== 'version') } });
      return presentLine(row);
    });
  }

  async function deleteLine(ctx: RequestContext, id: string) {
    await db.transaction(async (tx) => {
      const gone = await tx.delete(phoneLines).where(and(eq(phoneLines.tenantId, ctx.tenantId), eq(phoneLines.id, id))).returning({ id: phoneLines.id });
      if (gone.length === 0) throw notFound('Phone line');
      await audit.record(tx, ctx, { action: 'phone_line.deleted', subjectType: 'phone_line', subjectId: id });
    });
  }

  /** Which institution and route a called or texted number belongs to. */
  async function resolveLine(e164: string) {
    const [r] = await db.select().from(phoneLines).where(and(eq(phoneLines.number, e164), eq(phoneLines.active, true)));
    return r ? { ...presentLine(r), tenantId: r.tenantId } : null;
  }

  // --- provider accounts ---
  async function listAccounts(ctx: RequestContext) {
    return (await db.select().from(providerAccounts).where(eq(providerAccounts.tenantId, ctx.tenantId)).orderBy(asc(providerAccounts.provider))).map(presentAccount);
  }

  async function createAccount(ctx: RequestContext, input: z.infer<typeof CreateProviderAccountRequest>) {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(providerAccounts)
        .values({ tenantId: ctx.tenantId, provider: input.provider, name: input.name, settings: input.settings, secretCipher: input.secret ? cipher.encrypt(input.secret) : null })
        .returning();
      await audit.record(tx, ctx, { action: 'provider_account.created', subjectType: 'provider_account', subjectId: row!.id, details: { provider: input.provider } });
      return presentAccount(row!);
    });
  }

  async function updateAccount(ctx: RequestContext, id: string, input: z.infer<typeof UpdateProviderAccountRequest>) {
    return db.transaction(async (tx) => {
      const [exists] = await tx.select({ id: providerAccounts.id }).from(providerAccounts).where(and(eq(providerAccounts.tenantId, ctx.tenantId), eq(providerAccounts.id, id)));
      if (!exists) throw notFound('Provider account');
      const { version, secret, ...rest } = input;
      const [row] = await tx
        .update(providerAccounts)
        .set({ ...rest, ...(secret !== undefined ? { secretCipher: cipher.encrypt(secret) } : {}), version: sql`${providerAccounts.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(providerAccounts.tenantId, ctx.tenantId), eq(providerAccounts.id, id), eq(providerAccounts.version, version)))
        .returning();
      if (!row) throw staleVersion('Provider account');
      await audit.record(tx, ctx, { action: 'provider_account.updated', subjectType: 'provider_account', subjectId: id, details: { changed: Object.keys(input).filter((k) => k !== 'version' && k !== 'secret'), secretChanged: secret !== undefined } });
      return presentAccount(row);
    });
  }

  /** The active account of a provider for an institution, with its secret decrypted (adapters only). */
  async function account(tenantId: string, provider: string) {
    const [r] = await db
      .select()
      .from(providerAccounts)
      .where(and(eq(providerAccounts.tenantId, tenantId), eq(providerAccounts.provider, provider), eq(providerAccounts.active, true)))
      .orderBy(asc(providerAccounts.createdAt))
      .limit(1);
    return r ? { ...presentAccount(r), secret: r.secretCipher ? cipher.decrypt(r.secretCipher) : null } : null;
  }

  return {
    listMailboxes,
    createMailbox: changingRoutes(createMailbox),
    updateMailbox: changingRoutes(updateMailbox),
    deleteMailbox: changingRoutes(deleteMailbox),
    resolveMailbox,
    imapMailboxes,
    saveImapState,
    listLines,
    createLine,
    updateLine,
    deleteLine,
    resolveLine,
    listAccounts,
    createAccount,
    updateAccount,
    account,
  };
}

export type ChannelConfigService = ReturnType<typeof createChannelConfigService>;
