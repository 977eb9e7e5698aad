import Taro from '@tarojs/taro';
import { FaceCheckIncomplete, PlatformCancelled, type Platform } from './types';
import { downloadToAlbum, isCancel, scanWithTaro } from './common';

type VerifyResult = { resultStatus?: string; result?: { errorCode?: string } | null };
declare const my: {
  getAuthCode(o: { scopes: string; success: (r: { authCode: string }) => void; fail: (e: unknown) => void }): void;
  startAPVerify?(o: { url: string; certifyId: string; success: (r: VerifyResult) => void; fail: (e: unknown) => void }): void;
  call(api: string, o: Record<string, unknown>, callback: (r: VerifyResult) => void): void;
};

/** Alipay's identity verification page (alipay.user.certify.open.certify), by certify_id and URL. */
function startVerify(certifyId: string, url: string): Promise<VerifyResult> {
  return new Promise((resolve, reject) => {
    if (my.startAPVerify) return my.startAPVerify({ url, certifyId, success: resolve, fail: reject });
    // Older base libraries: the same service through startBizService.
    my.call('startBizService', { name: 'open-certify', param: JSON.stringify({ certifyId, url }) }, resolve);
  });
}

export function prefetchRandom(): Promise<void> {
  return Promise.resolve();
}

export const platform: Platform = {
  name: 'alipay',
  loginPlatform: 'alipay',
  loginCode() {
    // Silent authorisation ("auth_base") gives the code for alipay.system.oauth.token.
    return new Promise((resolve, reject) => my.getAuthCode({ scopes: 'auth_base', success: (r) => resolve(r.authCode), fail: reject }));
  },
  scan: scanWithTaro,
  saveImage: async (request) => {
    await downloadToAlbum(request);
    await Taro.showToast({ title: '✓', icon: 'success' });
  },
  speak() {
    // No speech API without a plugin: the page shows the prompt in large type.
  },
  async faceCheck(input) {
    // Started by the server with the relative's identity; binding then names the check by its
    // faceCheckId and the server asks Alipay whether it passed (9000 and 4000 alike).
    const started = await input.startOnServer();
    const result = await startVerify(started.certifyId, started.certifyUrl).catch((err: unknown) => {
      throw isCancel(err) ? new PlatformCancelled() : new FaceCheckIncomplete(String((err as { error?: unknown })?.error ?? err));
    });
    if (result.resultStatus === '6001') throw new PlatformCancelled();
    if (result.resultStatus === '6002') throw new FaceCheckIncomplete('network');
    return started.faceCheckId;
  },
  randomBytes() {
    // Alipay gives no secure random source to mini-programs: the server makes the device key
    // and hands it over the TLS answer (architecture.md, design choice 2).
    throw new Error('no secure random bytes: the server makes the device key');
  },
};
