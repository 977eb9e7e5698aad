export { platform, prefetchRandom } from './platform.h5';
