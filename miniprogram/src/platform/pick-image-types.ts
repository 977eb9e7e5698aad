/** A photo the person chose (an appeal's evidence), read as base64 for a JSON body. */
export interface PickedImage {
  type: 'image/png' | 'image/jpeg';
  /** The file's bytes, base64. */
  data: string;
  /** Where the page can show it (a temporary file, or a blob: address on H5). */
  preview: string;
}
