import { z } from 'zod';
import { colourField, nameField } from './common';

// ---- Family codes: binding relatives (R21-R26) ----

/** R21: children up to this age (inclusive) can be bound... */
export const RELATIVE_MAX_CHILD_AGE = 16;
/** ...and people from this age on. */
export const RELATIVE_MIN_ELDER_AGE = 60;
/** R24: from this age on the relative's face is checked; a younger child is bound without. */
export const FACE_CHECK_FROM_AGE = 7;
/** R22 */
export const MAX_RELATIVES_PER_GUARDIAN = 8;
export const MAX_GUARDIANS_PER_RELATIVE = 3;
/** R25: a binding can be removed this many hours after it was made. */
export const UNBIND_AFTER_HOURS = 24;

/** Whether a person of this age can be bound as a relative (R21). */
export function relativeAgeAllowed(age: number): boolean {
  return (age >= 0 && age <= RELATIVE_MAX_CHILD_AGE) || age >= RELATIVE_MIN_ELDER_AGE;
}

/** Who the relative is to the guardian (a label the app shows; it changes no rule). */
export const relationshipField = z.enum(['child', 'grandchild', 'parent', 'grandparent', 'spouse', 'sibling', 'other']);
export type Relationship = z.infer<typeof relationshipField>;

/** How the relative's identity was confirmed when bound (R24): nothing else is ever claimed. */
export const identityConfirmationField = z.enum(['face', 'child-under-7']);

export const bindRelativeRequest = z.strictObject({
  name: nameField,
  /** Checked by the server against today's date, so each problem answers its own field code. */
  idNumber: z.string().max(32),
  relationship: relationshipField.optional(),
  /**
   * The face verification the app ran on the guardian's phone for this name and ID number:
   * WeChat wx.startFacialRecognitionVerify's verifyResult, or on Alipay the faceCheckId of
   * POST /me/relatives/face-checks. Needed from age 7.
   */
  faceCheckToken: z.string().min(1).max(512).optional(),
});

/**
 * Start a face check of a relative (R24) on platforms whose check the server begins with the
 * identity to check (Alipay). WeChat's runs in the mini program without this step.
 */
export const startFaceCheckRequest = z.strictObject({
  name: nameField,
  /** Checked by the server as when binding; never put in a URL or an answer. */
  idNumber: z.string().max(32),
});

export const faceCheckStarted = z.object({
  /** What to send as faceCheckToken when binding, once the check has passed. */
  faceCheckId: z.string(),
  /** Alipay's certify_id: my.startAPVerify({ certifyId, url }) takes both. */
  certifyId: z.string(),
  /** The signed Alipay page to open (my.startAPVerify's url); it carries only the certify_id. */
  certifyUrl: z.string(),
  /** After this the check cannot be used to bind: start another. */
  expiresAt: z.string(),
});

export const relativeIdParam = z.object({ id: z.string().min(1).max(64) });

/** A relative as his guardian sees him: masked like every response (R34). */
export const relativeView = z.object({
  /** The relative's id: /me/relatives/{id}/... */
  id: z.string(),
  name: z.string(),
  idNumber: z.string(),
  age: z.number().int(),
  sex: z.enum(['male', 'female']),
  relationship: relationshipField.nullable(),
  identityConfirmedBy: identityConfirmationField,
  boundAt: z.string(),
  /** From when the binding can be removed (R25). */
  unbindableAt: z.string(),
  /** The relative's current colour and vaccination badge (R26). */
  colour: colourField,
  vaccinated: z.boolean(),
});

export const relativeListResponse = z.object({
  relatives: z.array(relativeView),
  /** How many relatives one guardian may bind (R22). */
  maxRelatives: z.number().int(),
});
