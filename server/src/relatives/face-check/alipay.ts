import { normaliseIdNumber } from '@health-code/shared';
import { AlipayGatewayError, type AlipayGateway } from '../../auth/providers/alipay';
import { PlatformUnavailable } from '../../auth/providers/types';
import type { DataCrypto } from '../../lib/data-crypto';
import { newId } from '../../lib/ids';
import { HASH_DOMAIN } from '../../residents/residents.repository';
import type { FaceChecksRepository } from '../face-checks.repository';
import { FaceCheckUnavailable, type FaceCheckOutcome, type FaceCheckRequest, type FaceCheckStartOutcome, type FaceCheckStartRequest } from './types';

export interface AlipayFaceCheckOptions {
  /** merchant_config.return_url: where Alipay sends the person back after the check. */
  returnUrl: string;
  /** How long a started check may be used to bind (our own limit; Alipay's certify_id lives longer). */
  ttlSeconds?: number;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * Alipay identity verification (支付宝身份验证, alipay.user.certify.open.*). Unlike WeChat's, it
 * is started by the server with the identity to check: `initialize` with the relative's name
 * and ID number answers a certify_id, `certify` is a signed page URL (carrying only the
 * certify_id) that the guardian's Alipay opens with the relative in front of the phone, and
 * `query` answers passed "T" or not. Which guardian started each check, and for whom (as
 * keyed hashes), is kept in face_checks, so a bind can only use its own guardian's passed check
 * for the same relative, unexpired, once.
 */
export class AlipayFaceCheck {
  constructor(
    private readonly gateway: AlipayGateway,
    private readonly repo: FaceChecksRepository,
    private readonly crypto: DataCrypto,
    private readonly opts: AlipayFaceCheckOptions,
  ) {}

  async start(request: FaceCheckStartRequest): Promise<FaceCheckStartOutcome> {
    const id = newId(request.now.getTime());
    const idNumber = normaliseIdNumber(request.idNumber);
    let answer: Record<string, unknown>;
    try {
      answer = await this.gateway.call('alipay.user.certify.open.initialize', {
        biz_content: JSON.stringify({
          // Alipay wants 32 letters and digits: our id without its dashes.
          outer_order_no: id.replace(/-/g, ''),
          biz_code: 'FACE',
          identity_param: { identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: request.name, cert_no: idNumber },
          merchant_config: { return_url: this.opts.returnUrl },
        }),
      });
    } catch (err) {
      // 40004: Alipay refused this identity (a business failure); anything else is not the person's doing.
      if (err instanceof AlipayGatewayError && err.code === '40004') return { status: 'refused', reason: 'start-refused' };
      throw unavailable(err);
    }
    const certifyId = str(answer.certify_id);
    if (!certifyId) throw new FaceCheckUnavailable('Alipay answered initialize without a certify_id');
    const expiresAt = new Date(request.now.getTime() + (this.opts.ttlSeconds ?? 1800) * 1000);
    await this.repo.insert({
      id,
      residentId: request.residentId,
      idNumberHash: this.crypto.hash(HASH_DOMAIN.idNumber, idNumber),
      nameHash: this.crypto.hash(HASH_DOMAIN.name, request.name),
      provider: 'alipay',
      certifyId,
      state: 'started',
      createdAt: request.now,
      expiresAt,
      usedAt: null,
    });
    // Page-execute style: a signed GET URL that only the guardian's Alipay opens. It names the
    // check by certify_id and nothing else: no name, no ID number.
    const certifyUrl = this.gateway.pageUrl('alipay.user.certify.open.certify', { biz_content: JSON.stringify({ certify_id: certifyId }) });
    return { status: 'started', faceCheckId: id, certifyId, certifyUrl, expiresAt };
  }

  async confirm(request: FaceCheckRequest): Promise<FaceCheckOutcome> {
    const check = await this.repo.findById(request.token);
    if (!check || check.provider !== 'alipay') return { status: 'refused', reason: 'unknown-token' };
    if (check.residentId !== request.residentId) return { status: 'refused', reason: 'other-account' };
    const idMatches = check.idNumberHash === this.crypto.hash(HASH_DOMAIN.idNumber, normaliseIdNumber(request.idNumber));
    const nameMatches = check.nameHash === this.crypto.hash(HASH_DOMAIN.name, request.name);
    if (!idMatches || !nameMatches) return { status: 'refused', reason: 'identity-mismatch' };
    if (check.usedAt) return { status: 'refused', reason: 'used' };
    if (request.now.getTime() >= check.expiresAt.getTime()) {
      await this.repo.setState(check.id, 'expired');
      return { status: 'refused', reason: 'expired' };
    }
    let answer: Record<string, unknown>;
    try {
      answer = await this.gateway.call('alipay.user.certify.open.query', { biz_content: JSON.stringify({ certify_id: check.certifyId }) });
    } catch (err) {
      if (err instanceof AlipayGatewayError && err.code === '40004') {
        // CERTIFY_ID_EXPIRED (认证已失效) and its kin: this check is over, start another.
        const expired = /EXPIRED/i.test(err.subCode);
        await this.repo.setState(check.id, expired ? 'expired' : 'failed');
        return { status: 'refused', reason: expired ? 'expired' : 'not-passed' };
      }
      throw unavailable(err);
    }
    // "F" also while the person has not finished: the state says so, and a later query may pass.
    if (str(answer.passed) !== 'T') {
      await this.repo.setState(check.id, 'failed');
      return { status: 'refused', reason: 'not-passed' };
    }
    await this.repo.setState(check.id, 'passed');
    return {
      status: 'confirmed',
      provider: 'alipay',
      reference: check.certifyId,
      consume: (trx, now) => this.repo.markUsed(check.id, check.residentId, now, trx),
    };
  }
}

function unavailable(err: unknown): Error {
  if (err instanceof AlipayGatewayError || err instanceof PlatformUnavailable) return new FaceCheckUnavailable(err.message);
  return err as Error;
}
