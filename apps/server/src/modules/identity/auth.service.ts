import type { Me, Role } from '@civicline/contracts';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { hashToken, newSecretToken } from '../../platform/auth/tokens.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { rowCache } from '../../platform/db/row-cache.ts';
import { apiTokens, departmentMemberships, sessions, tenants, users } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { permissionsOf } from './permissions.ts';
import { userRepository, type UserRow } from './user.repository.ts';

export interface AuthSettings {
  sessionTtlHours: number;
  maxFailures: number;
  lockoutMinutes: number;
}

export interface Principal {
  ctx: RequestContext;
  me: Me;
  via: 'session' | 'token';
  credentialId: string;
}

const SESSION_TOUCH_INTERVAL_MS = 60_000;

/**
 * A signed-in principal is kept per token hash for this long, so most requests authenticate
 * without a query. This node forgets it at once when it ends the session or token (sign-out,
 * password change or reset, token revocation) or changes the user (roles, departments,
 * deactivation). Another node of a cluster does not hear of that: it may still accept a revoked
 * session or token, or use the user's previous roles, for up to this long.
 */
export const PRINCIPAL_CACHE_TTL_MS = 5_000;

interface CachedPrincipal {
  me: Me;
  via: Principal['via'];
  credentialId: string;
  expiresAt: Date | null;
}

/** The principal cache of a database, shared by the services that must invalidate it. */
export function principalCache(db: Db) {
  return rowCache<CachedPrincipal>(db, 'principals', PRINCIPAL_CACHE_TTL_MS);
}

/** Forget every cached principal of a user (their roles, departments or sessions changed). */
export function forgetPrincipalsOf(db: Db, tenantId: string, userId: string): void {
  principalCache(db).invalidate((p) => p.me.tenantId === tenantId && p.me.id === userId);
}

/**
 * Who is behind a session or API token, with their tenant and departments, in one statement
 * (prepared once per connection). Revoked, expired and deactivated credentials find nothing.
 */
function preparedPrincipalQueries(db: Db) {
  const person = {
    userId: users.id,
    tenantId: users.tenantId,
    email: users.email,
    displayName: users.displayName,
    roles: users.roles,
    locale: users.locale,
    tenantSlug: tenants.slug,
    departmentIds: sql<string[] | string>`COALESCE((SELECT json_agg(${departmentMemberships.departmentId} ORDER BY ${departmentMemberships.departmentId}) FROM ${departmentMemberships} WHERE ${departmentMemberships.tenantId} = ${users.tenantId} AND ${departmentMemberships.userId} = ${users.id}), '[]'::json)`,
  };
  const session = db
    .select({ ...person, credentialId: sessions.id, expiresAt: sessions.expiresAt, touchedAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.tenantId, sessions.tenantId), eq(users.active, true)))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`)))
    .prepare('civicline_session_principal');
  const token = db
    .select({ ...person, credentialId: apiTokens.id, expiresAt: apiTokens.expiresAt, touchedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.id, apiTokens.userId), eq(users.tenantId, apiTokens.tenantId), eq(users.active, true)))
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('hash')),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`${sql.placeholder('now')}::timestamptz`)),
      ),
    )
    .prepare('civicline_token_principal');
  return { session, token };
}

export function createAuthService(deps: { db: Db; clock: Clock; audit: AuditService; settings: AuthSettings }) {
  const { db, clock, audit, settings } = deps;

  async function describe(user: UserRow, tenantSlug: string): Promise<Me> {
    const depts = await userRepository.departmentIds(db, user.tenantId, [user.id]);
    const roles = user.roles as Role[];
    return {
      id: user.id,
      tenantId: user.tenantId,
      tenantSlug,
      email: user.email,
      displayName: user.displayName,
      roles,
      locale: user.locale as Me['locale'],
      departmentIds: depts.get(user.id) ?? [],
      permissions: permissionsOf(roles),
    };
  }

  function contextFor(me: Me, meta: { requestId: string | null; ip: string | null; channel: string }): RequestContext {
    return {
      tenantId: me.tenantId,
      actor: { type: 'user', id: me.id, roles: me.roles, departmentIds: me.departmentIds },
      requestId: meta.requestId,
      channel: meta.channel,
      ip: meta.ip,
    };
  }

  /**
   * E-mail + password. Failures count towards a lockout; a locked account is refused without
   * checking the password, so guessing cannot continue while it is locked.
   */
  async function login(
    input: { tenant?: string | undefined; email: string; password: string },
    meta: { requestId: string | null; ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; expiresAt: Date; me: Me }> {
    const candidates = await userRepository.byEmail(db, input.email, input.tenant);
    if (candidates.length > 1) {
      throw new AppError('auth.tenant_ambiguous', 'This e-mail is registered with several institutions; choose one', {
        errors: [{ path: 'tenant', message: 'Choose your institution' }],
      });
    }
    const found = candidates[0];
    if (!found || !found.user.active) {
      await burnPasswordCheck(input.password);
      throw new AppError('auth.invalid_credentials', 'Wrong e-mail or password');
    }
    const { user, tenantSlug } = found;
    const now = clock.now();
    const systemCtx: RequestContext = {
      tenantId: user.tenantId,
      actor: { type: 'user', id: user.id, roles: user.roles as Role[], departmentIds: [] },
      requestId: meta.requestId,
      channel: 'web',
      ip: meta.ip,
    };
    if (user.lockedUntil && user.lockedUntil > now) {
      const retryAfter = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
      throw new AppError('auth.locked', 'Too many failed sign-in attempts; this account is locked for a while', {
        headers: { 'retry-after': String(retryAfter) },
        lockedUntil: user.lockedUntil.toISOString(),
      });
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      const failures = user.failedLoginCount + 1;
      const lock = failures >= settings.maxFailures;
      await db.transaction(async (tx) => {
        await userRepository.recordLoginOutcome(tx, user.tenantId, user.id, {
          failedLoginCount: lock ? 0 : failures,
          lockedUntil: lock ? new Date(now.getTime() + settings.lockoutMinutes * 60_000) : user.lockedUntil,
        });
        await audit.record(tx, systemCtx, {
          action: lock ? 'auth.locked_out' : 'auth.login_failed',
          subjectType: 'user',
          subjectId: user.id,
          details: { failures, ip: meta.ip },
        });
      });
      throw new AppError('auth.invalid_credentials', 'Wrong e-mail or password');
    }
    const token = newSecretToken('cls');
    const expiresAt = new Date(now.getTime() + settings.sessionTtlHours * 3_600_000);
    await db.transaction(async (tx) => {
      await userRepository.recordLoginOutcome(tx, user.tenantId, user.id, {
        failedLoginCount: 0,
        lockedUntil: null,
        lastLoginAt: now,
      });
      await tx.insert(sessions).values({
        tenantId: user.tenantId,
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt,
        lastSeenAt: now,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
      });
      await audit.record(tx, systemCtx, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
    });
    return { token, expiresAt, me: await describe(user, tenantSlug) };
  }

  const cache = principalCache(db);
  const queries = preparedPrincipalQueries(db);

  /**
   * Resolves a session cookie or bearer token to the user behind it, or null. From the principal
   * cache when it holds the credential (PRINCIPAL_CACHE_TTL_MS), else one joined query.
   */
  async function authenticate(
    credential: { session?: string | undefined; bearer?: string | undefined },
    meta: { requestId: string | null; ip: string | null },
  ): Promise<Principal | null> {
    const via: Principal['via'] | null = credential.bearer ? 'token' : credential.session ? 'session' : null;
    if (!via) return null;
    const hash = hashToken((via === 'token' ? credential.bearer : credential.session)!);
    const key = `${via}:${hash}`;
    const now = clock.now();
    let found = cache.peek(key);
    if (!found) {
      found = await cache.get(key, async () => {
        const [row] = await (via === 'token' ? queries.token : queries.session).execute({ hash, now: now.toISOString() });
        if (!row) return undefined;
        // The last use is recorded at most once a minute (and at most once per cache lifetime).
        if (!row.touchedAt || now.getTime() - row.touchedAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
          if (via === 'token') await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.credentialId));
          else await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.credentialId));
        }
        const roles = row.roles as Role[];
        const departmentIds = typeof row.departmentIds === 'string' ? (JSON.parse(row.departmentIds) as string[]) : row.departmentIds;
        const me: Me = {
          id: row.userId,
          tenantId: row.tenantId,
          tenantSlug: row.tenantSlug,
          email: row.email,
          displayName: row.displayName,
          roles,
          locale: row.locale as Me['locale'],
          departmentIds,
          permissions: permissionsOf(roles),
        };
        return { me, via, credentialId: row.credentialId, expiresAt: row.expiresAt };
      });
      if (!found) return null;
    }
    // A cached session still ends on time.
    if (found.expiresAt && found.expiresAt <= now) {
      cache.invalidate(key);
      return null;
    }
    return { me: found.me, via, credentialId: found.credentialId, ctx: contextFor(found.me, { ...meta, channel: via === 'token' ? 'api' : 'web' }) };
  }

  async function logout(principal: Principal): Promise<void> {
    await db.transaction(async (tx) => {
      if (principal.via === 'session') {
        await tx
          .update(sessions)
          .set({ revokedAt: clock.now() })
          .where(and(eq(sessions.tenantId, principal.ctx.tenantId), eq(sessions.id, principal.credentialId)));
      }
      await audit.record(tx, principal.ctx, { action: 'auth.logout', subjectType: 'user', subjectId: principal.me.id });
    });
    if (principal.via === 'session') forgetCredential(principal.credentialId);
  }

  /** Forget a session or token on this node (after the transaction that revoked it committed). */
  function forgetCredential(credentialId: string): void {
    cache.invalidate((p) => p.credentialId === credentialId);
  }

  /** Changing one's password ends every other session of the account. */
  async function changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const { ctx, me } = principal;
    const user = await userRepository.byId(db, ctx.tenantId, me.id);
    if (!user) throw notFound('User');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppError('auth.wrong_current_password', 'The current password is not right', {
        errors: [{ path: 'currentPassword', message: 'The current password is not right' }],
      });
    }
    const hash = await hashPassword(newPassword);
    await db.transaction(async (tx) => {
      await userRepository.update(tx, ctx.tenantId, me.id, null, { passwordHash: hash, passwordChangedAt: clock.now() });
      await tx
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(
          and(
            eq(sessions.tenantId, ctx.tenantId),
            eq(sessions.userId, me.id),
            isNull(sessions.revokedAt),
            principal.via === 'session' ? sql`${sessions.id} <> ${principal.credentialId}` : undefined,
          ),
        );
      await audit.record(tx, ctx, { action: 'auth.password_changed', subjectType: 'user', subjectId: me.id });
    });
    forgetPrincipalsOf(db, ctx.tenantId, me.id);
  }

  async function createApiToken(ctx: RequestContext, name: string, expiresInDays: number) {
    const token = newSecretToken('clt');
    const expiresAt = new Date(clock.now().getTime() + expiresInDays * 86_400_000);
    const row = await db.transaction(async (tx) => {
      const [r] = await tx
        .insert(apiTokens)
        .values({
          tenantId: ctx.tenantId,
          userId: ctx.actor.id!,
          name,
          prefix: token.slice(0, 10),
          tokenHash: hashToken(token),
          expiresAt,
        })
        .returning();
      await audit.record(tx, ctx, { action: 'api_token.created', subjectType: 'api_token', subjectId: r!.id, details: { name } });
      return r!;
    });
    return { ...presentToken(row), token };
  }

  async function listApiTokens(ctx: RequestContext) {
    const rows = await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tenantId, ctx.tenantId), eq(apiTokens.userId, ctx.actor.id!), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt));
    return rows.map(presentToken);
  }

  async function revokeApiToken(ctx: RequestContext, id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const [r] = await tx
        .update(apiTokens)
        .set({ revokedAt: clock.now() })
        .where(
          and(
            eq(apiTokens.tenantId, ctx.tenantId),
            eq(apiTokens.userId, ctx.actor.id!),
            eq(apiTokens.id, id),
            isNull(apiTokens.revokedAt),
          ),
        )
        .returning({ id: apiTokens.id });
      if (!r) throw notFound('API token');
      await audit.record(tx, ctx, { action: 'api_token.revoked', subjectType: 'api_token', subjectId: id });
    });
    forgetCredential(id);
  }

  return { login, authenticate, logout, changePassword, createApiToken, listApiTokens, revokeApiToken };
}

export type AuthService = ReturnType<typeof createAuthService>;

function presentToken(r: typeof apiTokens.$inferSelect) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  };
}
