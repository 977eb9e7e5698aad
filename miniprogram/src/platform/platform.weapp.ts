import Taro from '@tarojs/taro';
import { FaceCheckIncomplete, PlatformCancelled, type Platform } from './types';
import { downloadToAlbum, isCancel, scanWithTaro } from './common';

declare const wx: {
  getRandomValues?: (o: { length: number; success: (r: { randomValues: ArrayBuffer }) => void }) => void;
  startFacialRecognitionVerify(o: {
    name: string;
    idCardNumber: string;
    checkAliveType?: number;
    success: (r: { verifyResult: string }) => void;
    fail: (e: { errCode?: number; errMsg?: string; verifyResult?: string }) => void;
  }): void;
};

/** wx.startFacialRecognitionVerify's "the person left" codes (90002-90006 at each step, 90100 in general). */
const FACE_CANCEL_CODES = new Set([90002, 90003, 90004, 90005, 90006, 90100]);

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
  faceCheck({ name, idNumber }) {
    // WeChat's 人脸核身 runs in the mini program; the server reads its verifyResult back from
    // WeChat (docs/relatives.md), so a failed check's verifyResult goes there too.
    return new Promise((resolve, reject) =>
      wx.startFacialRecognitionVerify({
        name,
        idCardNumber: idNumber,
        checkAliveType: 2,
        success: (r) => resolve(r.verifyResult),
        fail: (e) => {
          if (e.verifyResult) return resolve(e.verifyResult);
          if (FACE_CANCEL_CODES.has(Number(e.errCode)) || isCancel(e)) return reject(new PlatformCancelled());
          reject(new FaceCheckIncomplete(String(e.errCode ?? e.errMsg ?? 'unknown')));
        },
      }),
    );
  },
  randomBytes(n) {
    if (!seeded || seeded.length < n) throw new Error('no secure random bytes: the server makes the device key');
    const out = seeded.slice(0, n);
    seeded = seeded.slice(n);
    return out;
  },
};
