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
