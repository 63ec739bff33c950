import { z } from 'zod';
import { Language, LocalizedText, StaffLanguage, Uuid } from './common.ts';
import { PasswordPolicy, Role } from './auth.ts';

export const NATIONAL_ID_SCHEMES = ['ro_cnp', 'ru_snils', 'it_codice_fiscale', 'vn_cccd'] as const;
export const NationalIdScheme = z.enum(NATIONAL_ID_SCHEMES);

export const Tenant = z.object({
  id: Uuid,
  slug: z.string(),
  name: z.string(),
  country: z.string().length(2),
  timeZone: z.string(),
  defaultLanguage: Language,
  nationalIdScheme: NationalIdScheme,
});
export type Tenant = z.infer<typeof Tenant>;

const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'Unknown IANA time zone' },
);

export const CreateTenantRequest = z.object({
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Lowercase letters, digits and dashes'),
  name: z.string().trim().min(2).max(200),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code'),
  timeZone: TimeZone,
  defaultLanguage: Language,
  nationalIdScheme: NationalIdScheme,
});
export const UpdateTenantRequest = CreateTenantRequest.omit({ slug: true }).partial();

export const Department = z.object({
  id: Uuid,
  parentId: Uuid.nullable(),
  code: z.string(),
  name: LocalizedText,
  email: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Department = z.infer<typeof Department>;

export const CreateDepartmentRequest = z.object({
  parentId: Uuid.nullable().default(null),
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{1,32}$/, 'Letters, digits, _ and -, at most 32'),
  name: LocalizedText,
  email: z.email().nullable().default(null),
});
export const UpdateDepartmentRequest = z.object({
  parentId: Uuid.nullable().optional(),
  name: LocalizedText.optional(),
  email: z.email().nullable().optional(),
  active: z.boolean().optional(),
  version: z.number().int().describe('The version you read; a stale one gets 409'),
});

export const StaffUser = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  locale: StaffLanguage,
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  departmentIds: z.array(Uuid),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const CreateUserRequest = z.object({
  email: z.email().trim().toLowerCase().max(254),
  displayName: z.string().trim().min(1).max(200),
  roles: z.array(Role).min(1).max(6),
  locale: StaffLanguage.default('en'),
  password: PasswordPolicy,
  departmentIds: z.array(Uuid).max(50).default([]),
});
export const UpdateUserRequest = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  roles: z.array(Role).min(1).max(6).optional(),
  locale: StaffLanguage.optional(),
  active: z.boolean().optional(),
  departmentIds: z.array(Uuid).max(50).optional(),
  unlock: z.boolean().optional().describe('Clear a login lockout'),
  version: z.number().int(),
});
export const ResetPasswordRequest = z.object({ newPassword: PasswordPolicy });
