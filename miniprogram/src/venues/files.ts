import Taro from '@tarojs/taro';
import { binaryRequest } from '../services/api';
import { platform } from '../platform';

const posterPath = (id: string, format: 'png' | 'pdf') => `/me/venues/${encodeURIComponent(id)}/poster.${format}`;

/**
 * The poster PNG fetched with the session into a local file the page can show (a temporary
 * file on the mini-programs, a blob URL on H5: Taro.downloadFile is both).
 */
export async function posterPreview(id: string): Promise<string> {
  const request = await binaryRequest(posterPath(id, 'png'), 'poster.png');
  const file = await Taro.downloadFile({ url: request.url, header: request.headers });
  if (file.statusCode !== 200) throw new Error(`download failed: ${file.statusCode}`);
  return file.tempFilePath;
}

/** R13: the poster PNG into the phone's album (a file download on H5). */
export async function savePoster(id: string): Promise<void> {
  await platform.saveImage(await binaryRequest(posterPath(id, 'png'), 'poster.png'));
}

/**
 * R13: the A4 PDF for printing. A mini-program cannot put a PDF in the album: it opens the
 * document, whose menu forwards or prints it; a browser downloads the file.
 */
export async function openPosterPdf(id: string): Promise<'opened' | 'downloaded'> {
  const request = await binaryRequest(posterPath(id, 'pdf'), 'venue-code.pdf');
  if (platform.name === 'h5') {
    await platform.saveImage(request);
    return 'downloaded';
  }
  const file = await Taro.downloadFile({ url: request.url, header: request.headers });
  if (file.statusCode !== 200) throw new Error(`download failed: ${file.statusCode}`);
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: true });
  return 'opened';
}
