// Taro picks pick-image.weapp.ts / .alipay.ts / .h5.ts for each build; jest and type checks
// read this file, which is the H5 one (as platform.ts is).
export { pickImage } from './pick-image.h5';
export type { PickedImage } from './pick-image-types';
