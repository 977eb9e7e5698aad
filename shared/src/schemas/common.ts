import { z } from 'zod';
import { COLOURS } from '../colour';
import { checkIdNumber, checkPhone, checkSocialCreditCode, normaliseIdNumber } from '../ids';

/**
 * Field schemas used by several bodies. Custom refinements carry a field-message code (see
 * i18n/fields.ts) as their message, so the server answers a stable code per field.
 */
export const idNumberField = z
  .string()
  .max(32)
  .transform(normaliseIdNumber)
  .superRefine((value, ctx) => {
    const check = checkIdNumber(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.problem });
  });

export const socialCreditCodeField = z
  .string()
  .max(32)
  .transform((s) => s.trim().toUpperCase())
  .superRefine((value, ctx) => {
    const check = checkSocialCreditCode(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.problem });
  });

export const nameField = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .refine((s) => /^[\u3400-\u9fff\u00b7\u2022A-Za-z][\u3400-\u9fff\u00b7\u2022A-Za-z .'-]{0,28}[\u3400-\u9fffA-Za-z]$/.test(s), { message: 'NAME_FORMAT' });

export const phoneField = z
  .string()
  .transform((s) => s.trim())
  .refine(checkPhone, { message: 'PHONE_FORMAT' });

export const smsCodeField = z.string().refine((s) => /^\d{6}$/.test(s), { message: 'SMS_CODE_FORMAT' });

export const regionField = z.string().refine((s) => /^\d{6}$/.test(s), { message: 'REGION_FORMAT' });

export const colourField = z.enum(COLOURS);

export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

/** The error envelope every failure answers with. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .object({
        fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
      })
      .catchall(z.unknown())
      .optional(),
  }),
});

export const idParam = z.object({ id: z.string().uuid() });
