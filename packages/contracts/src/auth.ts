import { z } from 'zod';
import { StaffLanguage, Uuid } from './common.ts';

export const ROLES = ['admin', 'supervisor', 'technician', 'operator', 'registrar', 'auditor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.object({
  tenant: z.string().trim().toLowerCase().max(63).optional().describe('Institution slug; optional when the e-mail belongs to one institution only'),
  email: z.email().trim().toLowerCase().max(254),
  password: z.string().min(1).max(1024),
});

export const Me = z.object({
  id: Uuid,
  tenantId: Uuid,
  tenantSlug: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  locale: StaffLanguage,
  departmentIds: z.array(Uuid),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.object({ user: Me, expiresAt: z.string() });

export const PasswordPolicy = z
  .string()
  .min(12, 'At least 12 characters')
  .max(1024)
  .refine((v) => new Set(v).size >= 5, 'Use at least 5 different characters');

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: PasswordPolicy,
});

export const CreateApiTokenRequest = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(730).default(90),
});
export const ApiToken = z.object({
  id: Uuid,
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const CreatedApiToken = ApiToken.extend({ token: z.string().describe('Shown once; store it now') });
