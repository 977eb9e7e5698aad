/**
 * Plays the phone's part from a terminal: reads the answer of POST /api/v1/me/credential (made
 * without a device key, so it holds the device key pair) and prints the live QR text the app
 * would show now; with --png FILE it also draws the QR.
 *   npm run -s code -- credential.json [--png code.png]
 */
import { readFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { makeCode } from '@health-code/shared';

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--'));
  const pngAt = argv.indexOf('--png');
  if (!file) {
    process.stderr.write('usage: npm run -s code -- credential.json [--png code.png]\n');
    return 2;
  }
  const answer = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8')) as { credential?: string; deviceKey?: { privateKey: string } | null; error?: unknown };
  if (!answer.credential || !answer.deviceKey) {
    process.stderr.write('expected the answer of POST /api/v1/me/credential sent with no devicePublicKey\n');
    return 2;
  }
  const text = makeCode(answer.credential, answer.deviceKey.privateKey, new Date());
  if (pngAt >= 0 && argv[pngAt + 1]) {
    await QRCode.toFile(argv[pngAt + 1], text, { errorCorrectionLevel: 'M', margin: 4, width: 480 });
    process.stderr.write(`QR written to ${argv[pngAt + 1]} (valid 60 s)\n`);
  }
  process.stdout.write(`${text}\n`);
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
