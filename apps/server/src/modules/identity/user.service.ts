import type { Role, StaffUser } from '@civicline/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { departments, sessions } from '../../platform/db/schema/index.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import type { AuditService } from '../audit/index.ts';
import { forgetPrincipalsOf } from './auth.service.ts';
import { userRepository, type UserRow } from './user.repository.ts';

export interface CreateUserInput {
  email: string;
  displayName: string;
  roles: Role[];
  locale: 'en' | 'ro' | 'ru';
  password: string;
  departmentIds: string[];
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  roles?: Role[] | undefined;
  locale?: 'en' | 'ro' | 'ru' | undefined;
  active?: boolean | undefined;
  departmentIds?: string[] | undefined;
  unlock?: boolean | undefined;
  version: number;
}

export function createUserService(deps: { db: Db; clock: Clock; audit: AuditService; events: EventOutbox }) {
  const { db, audit, events } = deps;

  async function present(rows: UserRow[]): Promise<StaffUser[]> {
    const tenantId = rows[0]?.tenantId;
    const depts = tenantId ? await userRepository.departmentIds(db, tenantId, rows.map((r) => r.id)) : new Map();
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.displayName,
      roles: r.roles as Role[],
      locale: r.locale as StaffUser['locale'],
      active: r.active,
      lockedUntil: r.lockedUntil && r.lockedUntil > deps.clock.now() ? r.lockedUntil.toISOString() : null,
      departmentIds: depts.get(r.id) ?? [],
      lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
      version: r.version,
    }));
  }

  async function assertDepartmentsExist(tx: Tx, tenantId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.tenantId, tenantId), inArray(departments.id, ids)));
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) {
      throw new AppError('request.validation_failed', 'Unknown department', {
        errors: missing.map((id) => ({ path: `departmentIds.${ids.indexOf(id)}`, message: 'No such department' })),
      });
    }
  }

  async function list(ctx: RequestContext): Promise<StaffUser[]> {
    return present(await userRepository.list(db, ctx.tenantId));
  }

  async function get(ctx: RequestContext, id: string): Promise<StaffUser> {
    const row = await userRepository.byId(db, ctx.tenantId, id);
    if (!row) throw notFound('User');
    await audit.recordAccess(ctx, { action: 'user.read', subjectType: 'user', subjectId: id, purpose: 'administration' });
    return (await present([row]))[0]!;
  }

  async function create(ctx: RequestContext, input: CreateUserInput): Promise<StaffUser> {
    const passwordHash = await hashPassword(input.password);
    const row = await db.transaction(async (tx) => {
      const emailTaken = () =>
        new AppError('user.email_taken', 'A user with this e-mail already exists', {
          errors: [{ path: 'email', message: 'Already in use' }],
        });
      if (await userRepository.emailTaken(tx, ctx.tenantId, input.email)) throw emailTaken();
      const departmentIds = [...new Set(input.departmentIds)];
      await assertDepartmentsExist(tx, ctx.tenantId, departmentIds);
      const user = await userRepository
        .insert(tx, {
          tenantId: ctx.tenantId,
          email: input.email,
          displayName: input.displayName,
          passwordHash,
          roles: [...new Set(input.roles)],
          locale: input.locale,
        })
        .catch((error: unknown) => {
          // A concurrent create with the same e-mail got there between our check and our insert.
          throw isUniqueViolation(error, 'users_tenant_email_uq') ? emailTaken() : error;
        });
      await userRepository.setDepartments(tx, ctx.tenantId, user.id, departmentIds);
      await audit.record(tx, ctx, {
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        details: { roles: user.roles, departmentIds },
      });
      await events.record(tx, {
        tenantId: ctx.tenantId,
        type: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        actorId: ctx.actor.id,
        payload: { roles: user.roles },
      });
      return user;
    });
    return (await present([row]))[0]!;
  }

  async function update(ctx: RequestContext, id: string, input: UpdateUserInput): Promise<StaffUser> {
    const row = await db.transaction(async (tx) => {
      const current = await userRepository.byId(tx, ctx.tenantId, id);
      if (!current) throw notFound('User');
      const losesAdmin =
        current.active &&
        current.roles.includes('admin') &&
        ((input.roles && !input.roles.includes('admin')) || input.active === false);
      if (losesAdmin && (await userRepository.countActiveAdmins(tx, ctx.tenantId)) <= 1) {
        throw new AppError('user.last_admin', 'This is the last active administrator; appoint another one first');
      }
      const updated = await userRepository.update(tx, ctx.tenantId, id, input.version, {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.roles !== undefined ? { roles: [...new Set(input.roles)] } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.unlock ? { lockedUntil: null, failedLoginCount: 0 } : {}),
      });
      if (!updated) throw staleVersion('User');
      if (input.departmentIds !== undefined) {
        const departmentIds = [...new Set(input.departmentIds)];
        await assertDepartmentsExist(tx, ctx.tenantId, departmentIds);
        await userRepository.setDepartments(tx, ctx.tenantId, id, departmentIds);
      }
      if (input.active === false) {
        await tx
          .update(sessions)
          .set({ revokedAt: deps.clock.now() })
          .where(and(eq(sessions.tenantId, ctx.tenantId), eq(sessions.userId, id), sql`${sessions.revokedAt} IS NULL`));
      }
      const { version: _v, ...changes } = input;
      await audit.record(tx, ctx, { action: 'user.updated', subjectType: 'user', subjectId: id, details: { changes } });
      return updated;
    });
    // Roles, departments or the account itself changed: this node signs the user in afresh.
    forgetPrincipalsOf(db, ctx.tenantId, id);
    return (await present([row]))[0]!;
  }

  async function resetPassword(ctx: RequestContext, id: string, newPassword: string): Promise<void> {
    const passwordHash = await hashPassword(newPassword);
    await db.transaction(async (tx) => {
      const updated = await userRepository.update(tx, ctx.tenantId, id, null, {
        passwordHash,
        passwordChangedAt: deps.clock.now(),
        failedLoginCount: 0,
        lockedUntil: null,
      });
      if (!updated) throw notFound('User');
      await tx
        .update(sessions)
        .set({ revokedAt: deps.clock.now() })
        .where(and(eq(sessions.tenantId, ctx.tenantId), eq(sessions.userId, id)));
      await audit.record(tx, ctx, { action: 'user.password_reset', subjectType: 'user', subjectId: id });
    });
    forgetPrincipalsOf(db, ctx.tenantId, id);
  }

  return { list, get, create, update, resetPassword };
}

export type UserService = ReturnType<typeof createUserService>;
