import { z } from 'zod';
import { colourField } from './common';
import { colourView } from './colour';
import { isDevicePublicKey } from '../codes';

/** POST /me/credential: the app's device public key, when the platform could make one. */
export const credentialRequest = z.strictObject({
  devicePublicKey: z.string().max(64).refine(isDevicePublicKey, { message: 'DEVICE_KEY_FORMAT' }).optional(),
});

export const credentialResponse = z.object({
  /** The signed credential the app caches and puts in every QR. */
  credential: z.string(),
  kid: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  /** How long one QR made from it stays valid (R5). */
  codeTtlSeconds: z.number().int(),
  colour: colourView,
  /** Only when the app sent no device key: the pair made for it, handed over this TLS answer. */
  deviceKey: z.object({ publicKey: z.string(), privateKey: z.string() }).nullable(),
});

/** POST /checkpoint/verify: the text a checkpoint scanned. */
export const verifyCodeRequest = z.strictObject({ code: z.string().min(1).max(2048) });

export const verifyCodeResponse = z.object({
  /** The colour that counts: the current one when online (R8). */
  colour: colourField,
  /** The colour the code itself carries. */
  codeColour: colourField,
  colourChanged: z.boolean(),
  vaccinated: z.boolean(),
  /** Masked (R8): 张*三, first 3 and last 4 of the ID number. */
  name: z.string(),
  idNumber: z.string(),
  shownAt: z.string(),
  validUntil: z.string(),
  /** A printed offline code (R27) rather than a phone's live code. */
  offline: z.boolean(),
  verifiedOnline: z.literal(true),
});

export const jwksResponse = z.object({
  keys: z.array(z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') })),
  revoked: z.array(z.string()),
});
