import Taro from '@tarojs/taro';
import { isCancel } from './common';
import type { PickedImage } from './pick-image-types';

function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A browser: Taro's file chooser, then the chosen File read as base64. */
export async function pickImage(): Promise<PickedImage | null> {
  let chosen: Taro.chooseImage.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch (err) {
    if (isCancel(err)) return null;
    throw err;
  }
  const first = chosen.tempFiles[0] as (Taro.chooseImage.ImageFile & { originalFileObj?: File }) | undefined;
  if (!first) return null;
  const file: Blob = first.originalFileObj ?? (await (await fetch(first.path)).blob());
  const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
  return { type, data: await readAsBase64(file), preview: first.path };
}
