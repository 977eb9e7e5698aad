import Taro from '@tarojs/taro';
import type { Platform } from './types';
import { downloadToAlbum, scanWithTaro } from './common';

declare const my: { getAuthCode(o: { scopes: string; success: (r: { authCode: string }) => void; fail: (e: unknown) => void }): void };

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
  randomBytes() {
    // Alipay gives no secure random source to mini-programs: the server makes the device key
    // and hands it over the TLS answer (architecture.md, design choice 2).
    throw new Error('no secure random bytes: the server makes the device key');
  },
};
