import Taro from '@tarojs/taro';

/** Typed access to the platform's key-value storage (wx/my storage, localStorage on H5). */
export const storage = {
  get<T>(key: string): T | undefined {
    try {
      const value = Taro.getStorageSync(key);
      return value === '' || value === undefined || value === null ? undefined : (value as T);
    } catch {
      return undefined;
    }
  },
  set(key: string, value: unknown): void {
    Taro.setStorageSync(key, value);
  },
  remove(key: string): void {
    Taro.removeStorageSync(key);
  },
};
