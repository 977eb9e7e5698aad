import type { UserConfigExport } from '@tarojs/cli';

// `npm run dev:h5 -w miniprogram`: Taro's webpack dev server (in memory, reloading on change) at
// http://127.0.0.1:10086, passing the API's paths to the server (`npm run dev`, port 3000 unless
// HC_DEV_API says otherwise), so the app asks its own origin as when the server serves dist/h5.
const api = process.env.HC_DEV_API ?? 'http://127.0.0.1:3000';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      host: '127.0.0.1',
      port: 10086,
      open: false,
      proxy: [{ context: ['/api', '/.well-known'], target: api, changeOrigin: false }],
    },
  },
} satisfies UserConfigExport<'webpack5'>;
