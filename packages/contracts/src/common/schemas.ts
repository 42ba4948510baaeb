import { z } from 'zod';

export const idSchema = z.uuid();

/** An id taken from the path, e.g. `/admin/users/{id}`. */
export const byIdInput = z.object({ id: idSchema });

/** An email as people type it (Cyrillic too, e.g. .рф): surrounding spaces and letter case do not matter. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email({ pattern: z.regexes.unicodeEmail }));

export const successOutput = z.object({ success: z.literal(true) });

/** Free text that people type (names, descriptions): trimmed, no control characters. */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), { message: 'must not contain control characters' });
