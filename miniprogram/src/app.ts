// First: no page's schemas may try `new Function` (CSP, mini-programs), see lib/zod-jitless.ts.
import './lib/zod-jitless';
// Older WeChat and Alipay base libraries lack TextEncoder, which the Ed25519 code needs at load.
import 'fast-text-encoding';
import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { prefetchRandom } from './platform';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void prefetchRandom();
  });
  return children;
}

export default App;
