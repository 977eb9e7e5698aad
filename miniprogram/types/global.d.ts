/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** The API's address, inlined at build time (config/index.ts). */
declare const HC_API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'alipay' | 'h5';
    TARO_APP_API_BASE?: string;
  }
}
