/**
 * Reads the QR in a PNG (a poster, an offline code) with jsQR, as a phone's scanner would:
 *   npm run -s decode -- poster.png
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run -s decode -- image.png\n');
  process.exit(2);
}
const image = PNG.sync.read(readFileSync(file));
const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
if (!found) {
  process.stderr.write('no QR code found\n');
  process.exit(1);
}
process.stdout.write(`${found.data}\n`);
