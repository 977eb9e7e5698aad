import QRCode from 'qrcode';

/** The dark modules of a QR code, for drawing as crisp squares on a canvas or in a PDF. */
export interface QrMatrix {
  size: number;
  isDark(row: number, col: number): boolean;
}

/**
 * Error correction Q (25 %): printed codes get folded, smudged and photocopied in black and
 * white; the extra redundancy keeps them readable (R13, R27).
 */
export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'Q' });
  const { size, data } = qr.modules;
  return { size, isDark: (row, col) => data[row * size + col] === 1 };
}

/** Calls `square` for each dark module, placing the code at (x, y) with `quiet` modules of margin. */
export function eachDarkModule(m: QrMatrix, x: number, y: number, width: number, quiet: number, square: (x: number, y: number, side: number) => void): void {
  const cell = width / (m.size + 2 * quiet);
  for (let r = 0; r < m.size; r += 1) {
    for (let c = 0; c < m.size; c += 1) {
      if (m.isDark(r, c)) square(x + (c + quiet) * cell, y + (r + quiet) * cell, cell);
    }
  }
}

/** Local time as people in China read it (UTC+8): 2026-11-23 18:05. */
export function localMinutes(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
