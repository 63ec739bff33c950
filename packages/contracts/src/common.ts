import { z } from 'zod';

export const LANGUAGES = ['ro', 'ru', 'it', 'vi', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Staff UI languages: citizen-facing text covers all of LANGUAGES. */
export const STAFF_LANGUAGES = ['en', 'ro', 'ru'] as const;
export const StaffLanguage = z.enum(STAFF_LANGUAGES);

/** A text given in one or more languages, e.g. `{ ro: "Urbanism", en: "Urban planning" }`. */
export const LocalizedText = z
  .partialRecord(Language, z.string().trim().min(1).max(500))
  .refine((v) => Object.keys(v).length > 0, { message: 'Give the text in at least one language' });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Uuid = z.uuid();
export const IdParams = z.object({ id: Uuid });

export const Timestamp = z.iso.datetime({ offset: true });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof Problem>;

export const CursorQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
