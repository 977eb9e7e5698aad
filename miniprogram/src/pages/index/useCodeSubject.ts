import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Subject } from '../../services/credential';

export const SUBJECT_EVENT = 'hc:subject';

/** Whose code the page shows: oneself, or the relative chosen in the list (R26). */
export function useCodeSubject(): [Subject, (s: Subject) => void] {
  const { params } = useRouter();
  const [subject, setSubject] = useState<Subject>(
    params?.relative ? { kind: 'relative', id: params.relative, name: decodeURIComponent(params.name ?? '') } : { kind: 'self' },
  );
  useEffect(() => {
    const listener = (s: Subject) => setSubject(s);
    Taro.eventCenter.on(SUBJECT_EVENT, listener);
    return () => {
      Taro.eventCenter.off(SUBJECT_EVENT, listener);
    };
  }, []);
  return [subject, setSubject];
}
