import Taro from '@tarojs/taro';
import type { Platform } from './types';
import { downloadToAlbum, scanWithTaro } from './common';

declare const wx: { getRandomValues?: (o: { length: number; success: (r: { randomValues: ArrayBuffer }) => void }) => void };

let seeded: Uint8Array | null = null;
/** wx.getRandomValues (base library 2.15.0+) is asynchronous: the app fetches a pool at launch. */
export function prefetchRandom(): Promise<void> {
  return new Promise((resolve) => {
    if (!wx.getRandomValues) return resolve();
    wx.getRandomValues({ length: 64, success: (r) => { seeded = new Uint8Array(r.randomValues); resolve(); } });
  });
}

export const platform: Platform = {
  name: 'weapp',
  loginPlatform: 'wechat',
  async loginCode() {
    const { code } = await Taro.login();
    return code;
  },
  scan: scanWithTaro,
  saveImage: downloadToAlbum,
  speak() {
    // WeChat has no built-in speech without a plugin: the page shows the prompt in large type.
  },
  randomBytes(n) {
    if (!seeded || seeded.length < n) throw new Error('no secure random bytes: the server makes the device key');
    const out = seeded.slice(0, n);
    seeded = seeded.slice(n);
    return out;
  },
};
