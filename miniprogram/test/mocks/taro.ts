// A small stand-in for @tarojs/taro under jest: storage in memory, events, navigation and
// dialogs recorded, and Taro.request answered by the routes a test declares (test/api.ts).
import { useEffect, useLayoutEffect, useRef } from 'react';

type Handler = (...args: unknown[]) => void;
const listeners = new Map<string, Set<Handler>>();
const store = new Map<string, unknown>();

export interface RequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
}
export const recorded = {
  navigations: [] as string[],
  toasts: [] as string[],
  modals: [] as Array<{ title?: string; content?: string }>,
  requests: [] as RequestOptions[],
  saved: [] as string[],
  scanned: [] as string[],
  copied: [] as string[],
};
/** Tests set this: Taro.request resolves through it, or rejects (no network) when it throws. */
export const network = {
  handle: async (_: RequestOptions): Promise<{ statusCode: number; data: unknown }> => ({ statusCode: 404, data: {} }),
};
/** The scanner's next results, as a test queues them; null means the person cancelled. */
export const scanner = { next: [] as Array<string | null> };

let showHandlers: Array<() => void> = [];
let hideHandlers: Array<() => void> = [];

export function resetTaro(): void {
  store.clear();
  listeners.clear();
  for (const list of Object.values(recorded)) list.length = 0;
  scanner.next = [];
  showHandlers = [];
  hideHandlers = [];
  routerParams.params = {};
}

export const routerParams = { params: {} as Record<string, string> };
export function fireShow(): void {
  showHandlers.forEach((h) => h());
}
export function fireHide(): void {
  hideHandlers.forEach((h) => h());
}

const Taro = {
  getStorageSync: (key: string) => (store.has(key) ? JSON.parse(JSON.stringify(store.get(key))) : ''),
  setStorageSync: (key: string, value: unknown) => void store.set(key, JSON.parse(JSON.stringify(value))),
  removeStorageSync: (key: string) => void store.delete(key),
  eventCenter: {
    on: (name: string, h: Handler) => void (listeners.get(name) ?? listeners.set(name, new Set()).get(name)!).add(h),
    off: (name: string, h: Handler) => void listeners.get(name)?.delete(h),
    trigger: (name: string, ...args: unknown[]) => listeners.get(name)?.forEach((h) => h(...args)),
  },
  async request(options: RequestOptions) {
    recorded.requests.push(options);
    return network.handle(options);
  },
  navigateTo: async ({ url }: { url: string }) => void recorded.navigations.push(url),
  redirectTo: async ({ url }: { url: string }) => void recorded.navigations.push(url),
  reLaunch: async ({ url }: { url: string }) => void recorded.navigations.push(url),
  switchTab: async ({ url }: { url: string }) => void recorded.navigations.push(url),
  navigateBack: async () => void recorded.navigations.push('back'),
  showToast: async ({ title }: { title: string }) => void recorded.toasts.push(title),
  hideToast: () => undefined,
  showLoading: async () => undefined,
  hideLoading: () => undefined,
  showModal: async (o: { title?: string; content?: string }) => {
    recorded.modals.push(o);
    return { confirm: true, cancel: false };
  },
  makePhoneCall: async ({ phoneNumber }: { phoneNumber: string }) => void recorded.navigations.push(`tel:${phoneNumber}`),
  setNavigationBarTitle: async () => undefined,
  onNetworkStatusChange: () => undefined,
  offNetworkStatusChange: () => undefined,
  getCurrentInstance: () => ({ router: { params: routerParams.params } }),
  pxTransform: (n: number) => `${n / 2}px`,
  scanCode: async () => {
    const next = scanner.next.shift();
    if (next === null || next === undefined) throw { errMsg: 'scanCode:fail cancel' };
    recorded.scanned.push(next);
    return { result: next };
  },
  login: async () => ({ code: 'test-login' }),
  downloadFile: async ({ url }: { url: string }) => ({ statusCode: 200, tempFilePath: url }),
  saveImageToPhotosAlbum: async ({ filePath }: { filePath: string }) => void recorded.saved.push(filePath),
  setClipboardData: async ({ data }: { data: string }) => void recorded.copied.push(data),
  previewImage: async () => undefined,
  getEnv: () => 'WEB',
  ENV_TYPE: { WEB: 'WEB', WEAPP: 'WEAPP', ALIPAY: 'ALIPAY' },
};

export default Taro;
export const useLaunch = (fn: () => void) => useEffect(fn, []);
// Like Taro's own hooks, the latest callback runs (no stale closures).
function usePageEvent(list: () => Array<() => void>, set: (l: Array<() => void>) => void, fn: () => void, runNow: boolean) {
  const latest = useRef(fn);
  latest.current = fn;
  useLayoutEffect(() => {
    const call = () => latest.current();
    set([...list(), call]);
    if (runNow) call();
    return () => set(list().filter((h) => h !== call));
  }, []);
}
export const useDidShow = (fn: () => void) => usePageEvent(() => showHandlers, (l) => (showHandlers = l), fn, true);
export const useDidHide = (fn: () => void) => usePageEvent(() => hideHandlers, (l) => (hideHandlers = l), fn, false);
export const useRouter = () => ({ params: routerParams.params });
export const usePullDownRefresh = () => undefined;
export const useUnload = () => undefined;
