import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The CJK font for printed codes and posters: Noto Sans SC (SIL Open Font License), installed
 * from the npm registry, so Chinese renders the same on any machine, with no system fonts.
 */
export const FONT_FAMILY = 'HealthCodeSans';

export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

let registered = false;

/** Registers the font with the canvas once per process. */
export function ensureFonts(): void {
  if (registered) return;
  GlobalFonts.registerFromPath(FONT_FILES.regular, FONT_FAMILY);
  GlobalFonts.registerFromPath(FONT_FILES.bold, FONT_FAMILY);
  registered = true;
}
