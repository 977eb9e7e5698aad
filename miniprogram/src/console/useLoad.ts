import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../services/api';

export type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: ApiError };

export const asApiError = (err: unknown): ApiError => (err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err)));

/**
 * One read from the API with its three states. A quiet reload (after an action) keeps what is
 * shown until the answer comes; a late answer to an older request is dropped.
 */
export function useLoad<T>(fetcher: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const seq = useRef(0);
  const load = useCallback(async (quiet = false) => {
    const id = ++seq.current;
    if (!quiet) setState({ status: 'loading' });
    try {
      const data = await fetcher();
      if (id === seq.current) setState({ status: 'ready', data });
    } catch (err) {
      if (id === seq.current) setState({ status: 'error', error: asApiError(err) });
    }
  }, deps);
  useEffect(() => {
    void load();
  }, [load]);
  return { state, reload: load, set: (data: T) => setState({ status: 'ready', data }) };
}
