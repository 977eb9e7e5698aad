import type { Platform } from '../../auth/providers/types';

/** What the server asks a face-check provider to confirm (R24). */
export interface FaceCheckRequest {
  /** The guardian's login platform and his user id there: a check run on another account is refused. */
  platform: Platform;
  platformUid: string;
  /** What the app got from the platform's face verification on the guardian's phone. */
  token: string;
  /** Whom the check must have been for: the relative's name and ID number as entered. */
  name: string;
  idNumber: string;
  now: Date;
}

export type FaceCheckRefusal = 'unknown-token' | 'not-passed' | 'identity-mismatch' | 'other-account' | 'expired';

export type FaceCheckOutcome =
  /** `reference` identifies the check at the provider (kept on the binding; never personal data). */
  | { status: 'confirmed'; provider: string; reference: string }
  | { status: 'refused'; reason: FaceCheckRefusal }
  /** This provider cannot check faces for accounts of this platform. */
  | { status: 'unsupported' };

/**
 * Confirms that a face verification really happened, passed, and was for this person. A
 * provider answers only what the platform told it: it never reports a check it did not see.
 */
export interface FaceCheckProvider {
  confirm(request: FaceCheckRequest): Promise<FaceCheckOutcome>;
}

/** The provider could not be reached or answered nonsense: try again later (503). */
export class FaceCheckUnavailable extends Error {}
