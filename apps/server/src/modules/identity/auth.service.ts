import type { Me, Role } from '@civicline/contracts';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { hashToken, newSecretToken } from '../../platform/auth/tokens.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { apiTokens, sessions, tenants } from '../../platform/db/schema/index.ts';
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

  /** Resolves a session cookie or bearer token to the user behind it, or null. */
  async function authenticate(
    credential: { session?: string | undefined; bearer?: string | undefined },
    meta: { requestId: string | null; ip: string | null },
  ): Promise<Principal | null> {
    const now = clock.now();
    let userId: string | undefined;
    let tenantId: string | undefined;
    let credentialId: string;
    let via: Principal['via'];
    if (credential.bearer) {
      const [tok] = await db
        .select()
        .from(apiTokens)
        .where(
          and(
            eq(apiTokens.tokenHash, hashToken(credential.bearer)),
            isNull(apiTokens.revokedAt),
            or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          ),
        );
      if (!tok) return null;
      ({ userId, tenantId } = tok);
      credentialId = tok.id;
      via = 'token';
      if (!tok.lastUsedAt || now.getTime() - tok.lastUsedAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
        await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, tok.id));
      }
    } else if (credential.session) {
      const [s] = await db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.tokenHash, hashToken(credential.session)),
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, now),
          ),
        );
      if (!s) return null;
      ({ userId, tenantId } = s);
      credentialId = s.id;
      via = 'session';
      if (now.getTime() - s.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, s.id));
      }
    } else {
      return null;
    }
    const user = await userRepository.byId(db, tenantId, userId);
    if (!user || !user.active) return null;
    const [tenant] = await db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId));
    const me = await describe(user, tenant!.slug);
    return { me, via, credentialId, ctx: contextFor(me, { ...meta, channel: via === 'token' ? 'api' : 'web' }) };
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
