import { createCanvas } from '@napi-rs/canvas';
import { a4Document } from './pdf';
import type { CodeColour } from '@health-code/shared';
import { ensureFonts, FONT_FAMILY } from './fonts';
import { eachDarkModule, localMinutes, qrMatrix } from './qr-matrix';

export interface OfflineCard {
  qrText: string;
  /** Masked (张*三): the card may be lost or photographed. */
  name: string;
  colour: CodeColour;
  vaccinated: boolean;
  issuedAt: Date;
  expiresAt: Date;
}

const COLOUR_NAME: Record<CodeColour, { zh: string; en: string; rgb: string }> = {
  green: { zh: '绿码', en: 'GREEN', rgb: '#1a9e4b' },
  yellow: { zh: '黄码', en: 'YELLOW', rgb: '#e0a800' },
  red: { zh: '红码', en: 'RED', rgb: '#d9302c' },
};

/** The lines of the card, shared by the PNG and the PDF so both say the same. */
function texts(card: OfflineCard) {
  const c = COLOUR_NAME[card.colour];
  return {
    title: '离线健康码  Offline health code',
    colour: `${c.zh} ${c.en}${card.vaccinated ? '  ·  已完成疫苗接种 vaccinated' : ''}`,
    name: card.name,
    issued: `生成时间 Generated  ${localMinutes(card.issuedAt)}`,
    expires: `有效期至 Valid until  ${localMinutes(card.expiresAt)}`,
    note1: '此为离线健康码，供无智能手机的家属出示，7 天内有效，过期作废。',
    note2: 'Offline code for a relative without a phone; refused after the date above.',
    note3: '查验时以在线核验的当前颜色为准。Online checks show the current colour.',
  };
}

/** PNG for the phone's album: 1080 × 1600, the QR 840 px wide. */
export function renderOfflineCardPng(card: OfflineCard): Buffer {
  ensureFonts();
  const W = 1080;
  const H = 1600;
  const t = texts(card);
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, W, H);
  g.fillStyle = COLOUR_NAME[card.colour].rgb;
  g.fillRect(0, 0, W, 24);
  g.textAlign = 'center';
  g.fillStyle = '#111111';
  g.font = `bold 56px ${FONT_FAMILY}`;
  g.fillText(t.title, W / 2, 110);
  g.font = `bold 48px ${FONT_FAMILY}`;
  g.fillStyle = COLOUR_NAME[card.colour].rgb;
  g.fillText(t.colour, W / 2, 185);
  g.fillStyle = '#000000';
  const qrSize = 840;
  eachDarkModule(qrMatrix(card.qrText), (W - qrSize) / 2, 220, qrSize, 4, (x, y, side) => g.fillRect(x, y, Math.ceil(side), Math.ceil(side)));
  g.fillStyle = '#111111';
  g.font = `bold 64px ${FONT_FAMILY}`;
  g.fillText(t.name, W / 2, 1140);
  g.font = `bold 46px ${FONT_FAMILY}`;
  g.fillText(t.issued, W / 2, 1230);
  g.fillText(t.expires, W / 2, 1300);
  g.font = `30px ${FONT_FAMILY}`;
  g.fillStyle = '#333333';
  g.fillText(t.note1, W / 2, 1400);
  g.fillText(t.note2, W / 2, 1450);
  g.fillText(t.note3, W / 2, 1500);
  return canvas.toBuffer('image/png');
}

/** PDF, A4 portrait, for printing: the QR drawn as vector squares, crisp at any printer. */
export function renderOfflineCardPdf(card: OfflineCard): Promise<Buffer> {
  const t = texts(card);
  const { doc, bytes: done } = a4Document({ margin: 40, info: { Title: 'Offline health code', Creator: 'Health Code' } });
  const W = doc.page.width;
  doc.rect(0, 0, W, 14).fill(COLOUR_NAME[card.colour].rgb);
  doc.fillColor('#111111').font('bold').fontSize(26).text(t.title, 0, 50, { width: W, align: 'center' });
  doc.fillColor(COLOUR_NAME[card.colour].rgb).fontSize(22).text(t.colour, 0, 92, { width: W, align: 'center' });
  const qrSize = 400;
  doc.fillColor('#000000');
  eachDarkModule(qrMatrix(card.qrText), (W - qrSize) / 2, 135, qrSize, 4, (x, y, side) => doc.rect(x, y, side, side));
  doc.fill();
  doc.fillColor('#111111').font('bold').fontSize(30).text(t.name, 0, 555, { width: W, align: 'center' });
  doc.fontSize(20).text(t.issued, 0, 610, { width: W, align: 'center' });
  doc.text(t.expires, 0, 642, { width: W, align: 'center' });
  doc.font('regular').fontSize(12).fillColor('#333333');
  doc.text(t.note1, 60, 710, { width: W - 120, align: 'center' });
  doc.text(t.note2, 60, 732, { width: W - 120, align: 'center' });
  doc.text(t.note3, 60, 754, { width: W - 120, align: 'center' });
  doc.end();
  return done;
}
