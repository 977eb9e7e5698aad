import { useMemo } from 'react';
import { Image } from '@tarojs/components';
import qrcode from 'qrcode-generator';

/**
 * A QR code drawn in JavaScript as a GIF data URL: the same on WeChat, Alipay and H5, with no
 * canvas and no request. Error correction M, as the server's codes use.
 */
export function qrDataUrl(text: string, cellSize = 4): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createDataURL(cellSize, cellSize * 4);
}

export function QrImage({ text, size = 520, label }: { text: string; size?: number; label: string }) {
  const src = useMemo(() => qrDataUrl(text), [text]);
  // scaleToFill: the QR is square in a square box. Taro H5's aspectFit positions the picture
  // absolutely from its static place, which a centred parent's text-align pushes half out of
  // the box (the browser test read only half a code).
  return <Image src={src} style={{ width: `${size / 2}px`, height: `${size / 2}px` }} mode="scaleToFill" ariaLabel={label} data-qr={text} />;
}
