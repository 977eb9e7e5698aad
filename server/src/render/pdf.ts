import PDFDocument from 'pdfkit';
import { FONT_FILES } from './fonts';

/**
 * An A4 document with the CJK font registered as 'regular' and 'bold', and a promise of its
 * bytes once `doc.end()` is called: the frame every printable page here starts from.
 */
export function a4Document(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  return { doc, bytes };
}
