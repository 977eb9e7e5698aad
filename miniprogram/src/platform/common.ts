import Taro from '@tarojs/taro';
import { PlatformCancelled, type BinaryRequest } from './types';

/** A cancelled platform dialog reports itself in an errMsg ending in ":fail cancel" or similar. */
export function isCancel(err: unknown): boolean {
  const text = String((err as { errMsg?: string; errorMessage?: string })?.errMsg ?? (err as { errorMessage?: string })?.errorMessage ?? err);
  return /cancel/i.test(text) || (err as { error?: number })?.error === 10 || (err as { error?: number })?.error === 11;
}

/** Mini-programs: download to a temporary file with the session header, then into the album. */
export async function downloadToAlbum(request: BinaryRequest): Promise<void> {
  const file = await Taro.downloadFile({ url: request.url, header: request.headers });
  if (file.statusCode !== 200) throw new Error(`download failed: ${file.statusCode}`);
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath });
  } catch (err) {
    if (isCancel(err)) throw new PlatformCancelled();
    throw err;
  }
}

export async function scanWithTaro(): Promise<string | null> {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
    return result.result;
  } catch (err) {
    if (isCancel(err)) return null;
    throw err;
  }
}
