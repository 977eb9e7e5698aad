import type { FaceCheckOutcome, FaceCheckProvider, FaceCheckRequest } from './types';

const DEV_TOKEN = /^dev-face-ok(?:-[\w-]{1,64})?$/;

/**
 * The development face check: `dev-face-ok` (optionally `dev-face-ok-<anything>`) passes, any
 * other token is refused. It checks no face, so config.ts refuses it in production and the
 * binding records it as provider 'dev'.
 */
export class DevFaceCheckProvider implements FaceCheckProvider {
  async confirm(request: FaceCheckRequest): Promise<FaceCheckOutcome> {
    if (!DEV_TOKEN.test(request.token)) return { status: 'refused', reason: 'not-passed' };
    return { status: 'confirmed', provider: 'dev', reference: request.token };
  }
}
