import type { Platform } from './types';
import { openScanner } from './scanner.h5';
import { currentLang } from '../i18n';

/**
 * A plain browser: there is no platform login, so H5 logs in with the development provider
 * (a user id of the person's choosing, or one made for this browser); the server refuses that
 * provider in production, where H5 serves officials and testers behind their own sign-in.
 */
export function prefetchRandom(): Promise<void> {
  return Promise.resolve();
}

const labels = {
  zh: { title: '扫描场所码', choose: '从相册选择图片', cancel: '取消', noCamera: '无法使用摄像头，请从相册选择二维码图片' },
  en: { title: 'Scan a place code', choose: 'Choose a picture', cancel: 'Cancel', noCamera: 'The camera is not available: choose a picture of the code' },
};

export const platform: Platform = {
  name: 'h5',
  loginPlatform: 'dev',
  async loginCode(h5UserId) {
    if (h5UserId) return h5UserId;
    const key = 'hc.h5UserId';
    let id = localStorage.getItem(key);
    if (!id) {
      const bytes = crypto.getRandomValues(new Uint8Array(9));
      id = `h5-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
      localStorage.setItem(key, id);
    }
    return id;
  },
  scan() {
    return openScanner(labels[currentLang()]);
  },
  async saveImage(request) {
    const answer = await fetch(request.url, { headers: request.headers });
    if (!answer.ok) throw new Error(`download failed: ${answer.status}`);
    const url = URL.createObjectURL(await answer.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = request.fileName;
    link.dataset.testid = 'download';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  speak(text, lang) {
    if (typeof speechSynthesis === 'undefined') return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang === 'zh' ? 'zh-CN' : 'en-US';
    speechSynthesis.cancel();
    speechSynthesis.speak(utterance);
  },
  randomBytes(n) {
    return crypto.getRandomValues(new Uint8Array(n));
  },
};
