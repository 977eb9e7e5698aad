import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {},
  h5: {
    // One file per page keeps the code page's first load small (issue 7: the code within 1.5 s).
    enableExtract: true,
  },
} satisfies UserConfigExport<'webpack5'>;
