// Taro picks platform.weapp.ts / platform.alipay.ts / platform.h5.ts for each build; jest and
// type checks read platform.ts, which is the H5 one.
export { platform, prefetchRandom } from './platform';
export * from './types';
