import type { PropsWithChildren } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import type { ApiError } from '../../services/api';
import type { Role } from '../../state/session';

export function Loading() {
  const { t } = useT();
  return (
    <View className="card console-state" data-testid="console-loading">
      <Text className="muted">{t('common.loading')}</Text>
    </View>
  );
}

export function Empty({ text }: { text?: string }) {
  const { t } = useT();
  return (
    <View className="console-empty muted" data-testid="console-empty">
      {text ?? t('common.none')}
    </View>
  );
}

/** A staff-only page opened by someone without the role (or refused by the server: 403). */
export function NotAllowed({ role, message, onRecheck }: { role?: Role; message?: string; onRecheck?: () => void }) {
  const { t } = useT();
  return (
    <View className="card" data-testid="console-not-allowed">
      <View className="card-title">{t('console.notAllowed.title')}</View>
      <View className="banner error">{message ?? t('console.notAllowed.text')}</View>
      {role && <Text className="muted">{t('console.notAllowed.role', { role: t(`console.role.${role}`) })}</Text>}
      <View className="muted console-gap">{t('console.notAllowed.hint')}</View>
      {onRecheck && (
        <Button className="btn" onClick={onRecheck}>
          {t('console.notAllowed.recheck')}
        </Button>
      )}
    </View>
  );
}

/** A read that failed: no network, a refusal of the role, or the server's own message; with a retry. */
export function ErrorBox({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useT();
  if (error.status === 403) return <NotAllowed message={error.message} />;
  return (
    <View className="card" data-testid="console-error" data-code={error.code}>
      <View className="banner error">{error.offline ? t('console.offline') : error.message}</View>
      {onRetry && (
        <Button className="btn" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </View>
  );
}

/** What an action's refusal says, where no field of a form names it. */
export function ActionError({ error }: { error: ApiError | null }) {
  const { t } = useT();
  if (!error) return null;
  return (
    <View className="banner error" data-testid="console-action-error" data-code={error.code}>
      {error.offline ? t('console.offline') : error.message}
    </View>
  );
}

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const { t } = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1) return <Text className="muted console-total">{t('console.total', { total })}</Text>;
  return (
    <View className="console-pager" data-testid="console-pager">
      <Button className="btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('console.prev')}
      </Button>
      <Text className="muted">{t('console.pageOf', { page, pages, total })}</Text>
      <Button className="btn" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('console.next')}
      </Button>
    </View>
  );
}

/** A small choice among a few values (state, level, role, colour): one tap, readable on a desk too. */
export function Chips<V extends string>({ options, value, onChange, label }: { options: Array<{ value: V; text: string }>; value: V | undefined; onChange: (v: V) => void; label?: string }) {
  return (
    <View className="chips" data-label={label}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`chip ${o.value === value ? 'active' : ''}`}
          data-testid={`chip-${o.value}`}
          data-active={o.value === value ? 'yes' : 'no'}
          onClick={() => onChange(o.value)}
        >
          {o.text}
        </View>
      ))}
    </View>
  );
}

/** A label and its value on one line (two columns on a desk). */
export function KV({ label, children, testId }: PropsWithChildren<{ label: string; testId?: string }>) {
  return (
    <View className="kv" data-testid={testId}>
      <Text className="kv-label">{label}</Text>
      <View className="kv-value">{children}</View>
    </View>
  );
}
