import type { Knex } from 'knex';
import type { Platform } from '../../auth/providers/types';

/** What the server asks a face-check provider to confirm (R24). */
export interface FaceCheckRequest {
  /** The guardian's login platform and his user id there: a check run on another account is refused. */
  platform: Platform;
  platformUid: string;
  /** The guardian's resident record: a check the server started belongs to it. */
  residentId: string;
  /**
   * What the app got from the platform's face verification on the guardian's phone (WeChat's
   * verifyResult), or the faceCheckId of a check the server started (Alipay).
   */
  token: string;
  /** Whom the check must have been for: the relative's name and ID number as entered. */
  name: string;
  idNumber: string;
  now: Date;
}

/** What the server asks a provider that starts checks itself (Alipay) to start. */
export interface FaceCheckStartRequest {
  platform: Platform;
  platformUid: string;
  residentId: string;
  name: string;
  idNumber: string;
  now: Date;
}

export type FaceCheckRefusal = 'unknown-token' | 'not-passed' | 'identity-mismatch' | 'other-account' | 'expired' | 'used' | 'start-refused';

export type FaceCheckOutcome =
  /**
   * `reference` identifies the check at the provider (kept on the binding; never personal data).
   * `consume`, when given, marks a one-use check used inside the binding's transaction; it
   * answers false when another binding took it first, and the binding is then refused.
   */
  | { status: 'confirmed'; provider: string; reference: string; consume?: (trx: Knex.Transaction, now: Date) => Promise<boolean> }
  | { status: 'refused'; reason: FaceCheckRefusal }
  /** This provider cannot check faces for accounts of this platform. */
  | { status: 'unsupported' };

export type FaceCheckStartOutcome =
  /** `certifyUrl` is opened by the platform's app on the guardian's phone; it carries no personal data. */
  | { status: 'started'; faceCheckId: string; certifyId: string; certifyUrl: string; expiresAt: Date }
  /** The platform's check runs in the app with nothing to start on the server (WeChat). */
  | { status: 'in-app'; platform: Platform }
  | { status: 'refused'; reason: FaceCheckRefusal }
  | { status: 'unsupported' };

/**
 * Confirms that a face verification really happened, passed, and was for this person. A
 * provider answers only what the platform told it: it never reports a check it did not see.
 * `start` is for platforms whose check the server must begin with the identity to check.
 */
export interface FaceCheckProvider {
  confirm(request: FaceCheckRequest): Promise<FaceCheckOutcome>;
  start?(request: FaceCheckStartRequest): Promise<FaceCheckStartOutcome>;
}

/** The provider could not be reached or answered nonsense: try again later (503). */
export class FaceCheckUnavailable extends Error {}
