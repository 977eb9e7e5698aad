import Taro from '@tarojs/taro';
import { isCancel } from './common';
import type { PickedImage } from './pick-image-types';

/** WeChat and Alipay: the album or the camera, then the temporary file read as base64. */
export async function pickImage(): Promise<PickedImage | null> {
  let path: string;
  try {
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    path = chosen.tempFilePaths[0];
  } catch (err) {
    if (isCancel(err)) return null;
    throw err;
  }
  if (!path) return null;
  const data = await new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({ filePath: path, encoding: 'base64', success: (r) => resolve(String(r.data)), fail: reject }),
  );
  return { type: /\.png$/i.test(path) ? 'image/png' : 'image/jpeg', data, preview: path };
}
