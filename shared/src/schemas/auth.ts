import { z } from 'zod';
import { nameField, idNumberField, phoneField, smsCodeField } from './common';

export const platformField = z.enum(['wechat', 'alipay', 'dev']);
export const roleField = z.enum(['resident', 'official', 'reviewer', 'tracer', 'checkpoint']);

export const loginRequest = z.strictObject({
  platform: platformField,
  /** wx.login() / my.getAuthCode() result (or the development user id). */
  code: z.string().min(1).max(128),
});

export const loginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  account: z.object({ id: z.string(), platform: platformField, role: roleField, registered: z.boolean() }),
});

export const smsSendRequest = z.strictObject({ phone: phoneField });
export const smsSendResponse = z.object({ sentAt: z.string(), expiresInSeconds: z.number(), resendAfterSeconds: z.number() });

export const registerRequest = z.strictObject({
  name: nameField,
  idNumber: idNumberField,
  phone: phoneField,
  smsCode: smsCodeField,
});

/** What a resident sees of himself: masked by default, like every response. */
export const residentView = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
  region: z.string(),
});

export const registerResponse = z.object({
  resident: residentView,
  /** true when this login was linked to an existing registration (R2). */
  linked: z.boolean(),
  token: z.string(),
  expiresAt: z.string(),
});

export const meResponse = z.object({
  account: z.object({ id: z.string(), platform: platformField, role: roleField }),
  resident: residentView.nullable(),
});

export const devSmsLatestRequest = z.strictObject({ phone: phoneField });
export const devSmsLatestResponse = z.object({ code: z.string() });
