import Taro from '@tarojs/taro';
import { SUBJECT_EVENT } from '../pages/index/useCodeSubject';
import type { Subject } from '../services/credential';

/** Whether a page sits below this one (false when the page was opened directly, e.g. from a share). */
export function hasPreviousPage(): boolean {
  const pages = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : [];
  return pages.length > 1;
}

/**
 * R26: the code page shows whose code the guardian picked. It listens for the event when it
 * opened this list; opened directly, the code page is started afresh with the relative named in
 * its query (the id and the masked name only).
 */
export function showCodeOf(subject: Subject): void {
  Taro.eventCenter.trigger(SUBJECT_EVENT, subject);
  if (hasPreviousPage()) {
    void Taro.navigateBack();
    return;
  }
  const query = subject.kind === 'relative' ? `?relative=${encodeURIComponent(subject.id)}&name=${encodeURIComponent(subject.name)}` : '';
  void Taro.reLaunch({ url: `/pages/index/index${query}` });
}

/** Back to the page below, or to the given page when there is none. */
export function backOr(url: string): void {
  if (hasPreviousPage()) void Taro.navigateBack();
  else void Taro.redirectTo({ url });
}
