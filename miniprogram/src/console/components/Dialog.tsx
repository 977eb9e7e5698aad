import type { PropsWithChildren } from 'react';
import { Button, View } from '@tarojs/components';
import { useT } from '../../i18n';
import type { ApiError } from '../../services/api';
import { ActionError } from './States';

/**
 * A form over the page for an action that needs more than a tap (a reason, a colour, a time).
 * The server's refusal is shown inside it, so what was typed is kept for a correction.
 */
export function Dialog({
  title,
  confirmText,
  danger = false,
  busy = false,
  error = null,
  showError = true,
  onConfirm,
  onCancel,
  testId,
  children,
}: PropsWithChildren<{
  title: string;
  confirmText: string;
  danger?: boolean;
  busy?: boolean;
  error?: ApiError | null;
  /** False when every problem is shown under its field instead. */
  showError?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}>) {
  const { t } = useT();
  return (
    <View className="overlay console-overlay">
      <View className="dialog console-dialog" data-testid={testId ?? 'console-dialog'}>
        <View className="dialog-title">{title}</View>
        {children}
        {showError && <ActionError error={error} />}
        <View className="console-actions">
          <Button className="btn" disabled={busy} onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} loading={busy} onClick={onConfirm}>
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  );
}

/** Whether a refusal names a field of the form (then it is shown there, not in a banner). */
export function namesField(error: ApiError | null, paths: string[]): boolean {
  return Boolean(error && paths.some((p) => error.fieldMessage(p)));
}
