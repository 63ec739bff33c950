import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { createRowCache } from '../../platform/db/row-cache.ts';
import { phoneLines, statusEntryPoints } from '../../platform/db/schema/index.ts';
import { RECORD_KINDS, STATUS_LANGUAGES, type EntryPointInfo, type RecordKind, type StatusContext, type StatusLanguage } from './contract.ts';

// An entry point changed on another node is seen within this time.
const ENTRY_POINT_CACHE_TTL_MS = 10_000;

const kindsOf = (list: string[]): RecordKind[] => list.filter((k): k is RecordKind => (RECORD_KINDS as readonly string[]).includes(k));
const languageOf = (l: string, fallback: StatusLanguage): StatusLanguage => ((STATUS_LANGUAGES as readonly string[]).includes(l) ? (l as StatusLanguage) : fallback);

/**
 * Need to know: the record kinds an entry point may disclose. Phone lines (voice, SMS) keep
 * theirs on phone_lines; chat and web entry points on status_entry_points. The portal's own
 * page (no entry point, web) may disclose every kind, behind the same verification levels.
 */
export function createEntryPointResolver(db: Db) {
  const cache = createRowCache<EntryPointInfo | null>(ENTRY_POINT_CACHE_TTL_MS);

  async function resolve(ctx: Pick<StatusContext, 'tenantId' | 'entryPointId' | 'channel'>, tenantLanguage: StatusLanguage): Promise<EntryPointInfo | null> {
    if (ctx.entryPointId === null) {
      if (ctx.channel !== 'web') return null;
      return { entryPointId: null, channel: 'web', name: 'portal', kinds: [...RECORD_KINDS], defaultLanguage: tenantLanguage };
    }
    if (!/^[0-9a-f-]{36}$/.test(ctx.entryPointId)) return null;
    const found = await cache.get(`${ctx.tenantId}:${ctx.channel}:${ctx.entryPointId}`, async () => {
      if (ctx.channel === 'voice' || ctx.channel === 'sms') {
        const [line] = await db.select().from(phoneLines).where(and(eq(phoneLines.tenantId, ctx.tenantId), eq(phoneLines.id, ctx.entryPointId!), eq(phoneLines.active, true)));
        if (!line || (ctx.channel === 'voice' ? !line.voice : !line.sms)) return null;
        // The line's own language, where it has one (a Russian-speaking hotline), else the institution's.
        return { entryPointId: line.id, channel: ctx.channel, name: line.name, kinds: kindsOf(line.disclosableKinds), defaultLanguage: line.language ? languageOf(line.language, tenantLanguage) : tenantLanguage };
      }
      const [ep] = await db
        .select()
        .from(statusEntryPoints)
        .where(and(eq(statusEntryPoints.tenantId, ctx.tenantId), eq(statusEntryPoints.id, ctx.entryPointId!), eq(statusEntryPoints.active, true)));
      if (!ep || ep.channel !== ctx.channel) return null;
      return { entryPointId: ep.id, channel: ctx.channel, name: ep.name, kinds: kindsOf(ep.disclosableKinds), defaultLanguage: languageOf(ep.defaultLanguage, tenantLanguage) };
    });
    return found ?? null;
  }

  /**
   * The chat entry point the portal's widget uses: the institution's first active one (by when it
   * was made), so adding a second one for an embedded website does not move the portal's.
   */
  const portalChat = createRowCache<{ id: string | null }>(ENTRY_POINT_CACHE_TTL_MS);
  async function portalChatEntryPoint(tenantId: string): Promise<string | null> {
    const found = await portalChat.get(tenantId, async () => {
      const [ep] = await db
        .select({ id: statusEntryPoints.id })
        .from(statusEntryPoints)
        .where(and(eq(statusEntryPoints.tenantId, tenantId), eq(statusEntryPoints.channel, 'chat'), eq(statusEntryPoints.active, true)))
        .orderBy(asc(statusEntryPoints.createdAt), asc(statusEntryPoints.id))
        .limit(1);
      return { id: ep?.id ?? null };
    });
    return found?.id ?? null;
  }

  return {
    resolve,
    portalChatEntryPoint,
    invalidate: () => {
      cache.invalidate();
      portalChat.invalidate();
    },
  };
}

export type EntryPointResolver = ReturnType<typeof createEntryPointResolver>;
