import jsQR from 'jsqr';

/** Reads a QR code from pixels (a camera frame or a chosen picture), as the H5 scanner does. */
export function decodePixels(data: Uint8ClampedArray, width: number, height: number): string | null {
  const found = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' });
  return found ? found.data : null;
}

/** Decodes a chosen image file: drawn onto a canvas no larger than 1600 px, then read by jsQR. */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const url = URL.createObjectURL(file);
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('not an image'));
      img.src = url;
    });
    // Posters are 1240 x 1754: try the full size first, then smaller (jsQR likes modules of a few px).
    for (const limit of [1600, 800]) {
      const scale = Math.min(1, limit / Math.max(image.naturalWidth, image.naturalHeight));
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(image.naturalWidth * scale);
      canvas.height = Math.round(image.naturalHeight * scale);
      const g = canvas.getContext('2d');
      if (!g) return null;
      g.drawImage(image, 0, 0, canvas.width, canvas.height);
      const pixels = g.getImageData(0, 0, canvas.width, canvas.height);
      const text = decodePixels(pixels.data, pixels.width, pixels.height);
      if (text) return text;
    }
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}
