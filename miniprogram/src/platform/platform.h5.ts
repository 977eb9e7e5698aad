import Taro from '@tarojs/taro';
import { PlatformCancelled, type Platform } from './types';
import { openScanner } from './scanner.h5';
import { currentLang } from '../i18n';
// Taro H5's buttons given disabled={false} must not look disabled (see h5.css).
import './h5.css';

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

/**
 * A browser has no platform face verification. The development token that a server with
 * FACE_CHECK_PROVIDER=dev accepts is sent only after the tester is told that no face is
 * checked; any other server refuses it (RELATIVE_FACE_CHECK_UNSUPPORTED or _FAILED).
 */
const DEV_FACE_TOKEN = 'dev-face-ok';
const faceLabels = {
  zh: {
    title: '开发环境人脸核验',
    content: '浏览器中无法进行人脸核验，这一步不会检查任何人脸。仅在开发和测试环境（服务器设置 FACE_CHECK_PROVIDER=dev）中可继续，正式环境会拒绝。是否继续？',
    confirm: '继续',
    cancel: '取消',
  },
  en: {
    title: 'Development face check',
    content: 'A browser cannot run a face check, and this step checks no face. It only works on a development or test server (FACE_CHECK_PROVIDER=dev); a production server refuses it. Continue?',
    confirm: 'Continue',
    cancel: 'Cancel',
  },
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
  async faceCheck() {
    const text = faceLabels[currentLang()];
    const answer = await Taro.showModal({ title: text.title, content: text.content, confirmText: text.confirm, cancelText: text.cancel });
    if (!answer.confirm) throw new PlatformCancelled();
    return DEV_FACE_TOKEN;
  },
  randomBytes(n) {
    return crypto.getRandomValues(new Uint8Array(n));
  },
};
