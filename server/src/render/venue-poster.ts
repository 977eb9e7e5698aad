import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { a4Document } from './pdf';
import { ensureFonts, FONT_FAMILY } from './fonts';
import { localMinutes, qrMatrix, type QrMatrix } from './qr-matrix';

/** What a venue poster shows (R13). No person's data: the venue's, and the signed code. */
export interface VenuePoster {
  /** `HCV1:` + the signed venue code (R14). */
  qrText: string;
  name: string;
  categoryName: string;
  categoryNameEn: string;
  mobile: boolean;
  address: string;
  region: string;
  /** 广东省 深圳市 南山区, or null for a code the division table lacks. */
  regionName: string | null;
  generatedAt: Date;
}

const BRAND = '#1a9e4b';
/** Modules of white margin around the QR: the standard's 4, so any camera finds its edges. */
const QUIET = 4;

/** The lines of the poster, shared by the PNG and the PDF so both say the same. */
function texts(p: VenuePoster) {
  return {
    title: '场所码  Venue code',
    name: p.name,
    category: `${p.categoryName} · ${p.categoryNameEn}${p.mobile ? '  （流动场所 mobile venue）' : ''}`,
    scanZh: '进入请打开健康码小程序，扫码登记',
    scanEn: 'Scan with the Health Code mini program to check in',
    address: `地址 Address：${p.address}`,
    region: `所在地区 Region：${p.regionName ? `${p.regionName}（${p.region}）` : p.region}`,
    footer: `仅限本场所使用，请勿涂改或挪用  For this place only · 生成 Generated ${localMinutes(p.generatedAt)}`,
  };
}

/** Runs of dark modules in each row, so the QR is drawn as few, seamless rectangles. */
function darkRuns(m: QrMatrix): Array<{ row: number; col: number; length: number }> {
  const runs: Array<{ row: number; col: number; length: number }> = [];
  for (let r = 0; r < m.size; r += 1) {
    let c = 0;
    while (c < m.size) {
      if (!m.isDark(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < m.size && m.isDark(r, c)) c += 1;
      runs.push({ row: r, col: start, length: c - start });
    }
  }
  return runs;
}

/** Breaks text into lines of at most `maxWidth` (character by character: Chinese has no spaces). */
function wrap(text: string, maxWidth: number, measure: (s: string) => number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    if (line && measure(line + ch) > maxWidth) {
      lines.push(line);
      line = ch.trim() ? ch : '';
    } else line += ch;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last.length > 1 && measure(`${last}…`) > maxWidth) last = Array.from(last).slice(0, -1).join('');
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** The largest size from `max` down to `min` at which the text fits one line; else wrapped at `min`. */
function fit(text: string, maxWidth: number, max: number, min: number, maxLines: number, measureAt: (s: string, size: number) => number): { size: number; lines: string[] } {
  for (let size = max; size >= min; size -= 2) if (measureAt(text, size) <= maxWidth) return { size, lines: [text] };
  return { size: min, lines: wrap(text, maxWidth, (s) => measureAt(s, min), maxLines) };
}

/** PNG for the phone's album: 1240 × 1754 (A4 at 150 dpi), the QR about 800 px wide. */
export function renderVenuePosterPng(poster: VenuePoster): Buffer {
  ensureFonts();
  const W = 1240;
  const H = 1754;
  const t = texts(poster);
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px ${FONT_FAMILY}`;
  const measureAt = (bold: boolean) => (s: string, size: number) => {
    g.font = font(size, bold);
    return g.measureText(s).width;
  };
  const lines = (ctx: SKRSContext2D, list: string[], y: number, step: number) => list.forEach((l, i) => ctx.fillText(l, W / 2, y + i * step));

  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, W, H);
  g.fillStyle = BRAND;
  g.fillRect(0, 0, W, 150);
  g.textAlign = 'center';
  g.fillStyle = '#ffffff';
  g.font = font(66, true);
  g.fillText(t.title, W / 2, 100);

  g.fillStyle = '#000000';
  // Up to 100 characters: one large line, or up to three smaller ones.
  const name = fit(t.name, W - 160, 80, 36, 3, measureAt(true));
  g.font = font(name.size, true);
  lines(g, name.lines, [265, 240, 205][name.lines.length - 1], 45);
  g.fillStyle = '#333333';
  const category = fit(t.category, W - 160, 40, 28, 1, measureAt(false));
  g.font = font(category.size);
  g.fillText(category.lines[0], W / 2, 345);

  // Whole pixels per module: crisp edges that survive a threshold to pure black and white.
  const matrix = qrMatrix(poster.qrText);
  const cell = Math.floor(840 / (matrix.size + 2 * QUIET));
  const side = cell * (matrix.size + 2 * QUIET);
  const left = Math.floor((W - side) / 2);
  const top = 380;
  g.fillStyle = '#000000';
  for (const run of darkRuns(matrix)) g.fillRect(left + (run.col + QUIET) * cell, top + (run.row + QUIET) * cell, run.length * cell, cell);

  let y = top + side + 60;
  g.fillStyle = '#000000';
  g.font = font(48, true);
  g.fillText(t.scanZh, W / 2, y);
  g.font = font(34);
  g.fillText(t.scanEn, W / 2, (y += 52));
  g.fillStyle = '#222222';
  const address = fit(t.address, W - 160, 36, 28, 3, measureAt(false));
  g.font = font(address.size);
  lines(g, address.lines, (y += 80), 42);
  y += (address.lines.length - 1) * 42;
  const region = fit(t.region, W - 160, 32, 26, 1, measureAt(false));
  g.font = font(region.size);
  g.fillText(region.lines[0], W / 2, (y += 56));
  g.fillStyle = '#555555';
  const footer = fit(t.footer, W - 120, 24, 18, 1, measureAt(false));
  g.font = font(footer.size);
  g.fillText(footer.lines[0], W / 2, H - 50);
  return canvas.toBuffer('image/png');
}

/** PDF, A4 portrait, for printing: the QR as vector squares (one rectangle per run of modules). */
export function renderVenuePosterPdf(poster: VenuePoster): Promise<Buffer> {
  const t = texts(poster);
  const { doc, bytes: done } = a4Document({ margins: { top: 20, bottom: 10, left: 40, right: 40 }, info: { Title: `场所码 Venue code: ${poster.name}`, Creator: 'Health Code' } });
  const W = doc.page.width;
  const measureAt = (fontName: string) => (s: string, size: number) => doc.font(fontName).fontSize(size).widthOfString(s);
  const centred = (list: string[], y: number, step: number, margin = 50) => list.forEach((l, i) => doc.text(l, margin, y + i * step, { width: W - 2 * margin, align: 'center', lineBreak: false }));

  doc.rect(0, 0, W, 72).fill(BRAND);
  doc.fillColor('#ffffff').font('bold').fontSize(28).text(t.title, 0, 22, { width: W, align: 'center', lineBreak: false });

  doc.fillColor('#000000');
  const name = fit(t.name, W - 100, 30, 16, 3, measureAt('bold'));
  doc.font('bold').fontSize(name.size);
  centred(name.lines, [92, 86, 78][name.lines.length - 1], 20);
  const category = fit(t.category, W - 100, 15, 11, 1, measureAt('regular'));
  doc.fillColor('#333333').font('regular').fontSize(category.size);
  centred(category.lines, 140, 0);

  const matrix = qrMatrix(poster.qrText);
  const side = 400;
  const cell = side / (matrix.size + 2 * QUIET);
  const left = (W - side) / 2;
  const top = 165;
  doc.fillColor('#000000');
  for (const run of darkRuns(matrix)) doc.rect(left + (run.col + QUIET) * cell, top + (run.row + QUIET) * cell, run.length * cell, cell);
  doc.fill();

  let y = top + side + 14;
  doc.fillColor('#000000').font('bold').fontSize(20);
  centred([t.scanZh], y, 0);
  doc.font('regular').fontSize(13);
  centred([t.scanEn], (y += 30), 0);
  doc.fillColor('#222222');
  const address = fit(t.address, W - 100, 13, 10, 3, measureAt('regular'));
  doc.font('regular').fontSize(address.size);
  centred(address.lines, (y += 36), 17);
  y += (address.lines.length - 1) * 17;
  const region = fit(t.region, W - 100, 12, 10, 1, measureAt('regular'));
  doc.fontSize(region.size);
  centred(region.lines, (y += 22), 0);
  doc.fillColor('#555555');
  const footer = fit(t.footer, W - 80, 9, 7, 1, measureAt('regular'));
  doc.fontSize(footer.size);
  centred(footer.lines, doc.page.height - 40, 0, 40);
  doc.end();
  return done;
}
