import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { api } from '../../../services/api';
import { ConsolePage } from '../../components/ConsolePage';
import { DateTimeInput, toIso, type DateTimeValue } from '../../components/DateTimeInput';
import { TextField } from '../../components/TextField';
import { Chips, Empty, ErrorBox, Loading, Pager } from '../../components/States';
import { when } from '../../format';
import type { AuditPage as AuditAnswer, AuditRecord } from '../../types';
import { useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

const PAGE_SIZE = 50;
/** The families of actions, as their names begin (server/src/*: audit.write). */
const PREFIXES = ['', 'venue', 'case', 'colour', 'resident', 'appeal', 'risk_area', 'institution', 'staff', 'checkpoint', 'audit'] as const;

interface Filter {
  actorId: string;
  targetId: string;
  action: string;
  from: DateTimeValue | null;
  to: DateTimeValue | null;
}
const EMPTY: Filter = { actorId: '', targetId: '', action: '', from: null, to: null };

function query(f: Filter, page: number) {
  return {
    actorId: f.actorId.trim() || undefined,
    targetId: f.targetId.trim() || undefined,
    action: f.action.trim() || undefined,
    from: f.from ? toIso(f.from.date, f.from.time) : undefined,
    to: f.to ? toIso(f.to.date, f.to.time) : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
}

/** The record's details as written (ids, counts, reasons; personal numbers are never in them). */
function details(d: Record<string, unknown>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');
}

function roleText(t: (key: string) => string, role: string): string {
  const key = `console.role.${role}`;
  const text = t(key);
  return text === key ? role : text;
}

function Row({ r, onActor, onTarget }: { r: AuditRecord; onActor: (id: string) => void; onTarget: (id: string) => void }) {
  const { t } = useT();
  return (
    <View className="console-tr console-audit-row" data-testid={`audit-${r.id}`}>
      <Text className="console-td console-td-time">{when(r.at)}</Text>
      <Text className="console-td console-mono">{r.action}</Text>
      <View className="console-td">
        <Text>{roleText(t, r.actorRole)}</Text>
        {r.actorId && (
          <Text className="console-link console-mono" onClick={() => onActor(r.actorId!)}>
            {r.actorId}
          </Text>
        )}
      </View>
      <View className="console-td">
        {r.targetType && <Text>{r.targetType}</Text>}
        {r.targetId && (
          <Text className="console-link console-mono" onClick={() => onTarget(r.targetId!)}>
            {r.targetId}
          </Text>
        )}
      </View>
      <Text className="console-td console-details">{details(r.details)}</Text>
    </View>
  );
}

function AuditLog() {
  const { t } = useT();
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [applied, setApplied] = useState<Filter>(EMPTY);
  const [page, setPage] = useState(1);
  const { state, reload } = useLoad(() => api.get<AuditAnswer>('/officials/audit', query(applied, page)), [applied, page]);

  const apply = (f: Filter) => {
    setDraft(f);
    setApplied(f);
    setPage(1);
  };
  const prefix = PREFIXES.find((p) => p !== '' && draft.action === `${p}.`) ?? (draft.action === '' ? '' : undefined);

  return (
    <View>
      <View className="card" data-testid="audit-filter">
        <View className="card-title">{t('console.audit.filter')}</View>
        <View className="console-grid">
          <TextField label={t('console.audit.actor')} value={draft.actorId} onChange={(actorId) => setDraft({ ...draft, actorId })} error={state.status === 'error' ? state.error : null} path="actorId" maxlength={64} />
          <TextField label={t('console.audit.target')} value={draft.targetId} onChange={(targetId) => setDraft({ ...draft, targetId })} error={state.status === 'error' ? state.error : null} path="targetId" maxlength={64} />
        </View>
        <Field label={t('console.audit.action')}>
          <Chips
            options={PREFIXES.map((p) => ({ value: p, text: p === '' ? t('console.audit.allActions') : t(`console.audit.family.${p}`) }))}
            value={prefix}
            onChange={(p) => setDraft({ ...draft, action: p === '' ? '' : `${p}.` })}
          />
        </Field>
        <TextField label={t('console.audit.actionPrefix')} value={draft.action} onChange={(action) => setDraft({ ...draft, action })} error={state.status === 'error' ? state.error : null} path="action" maxlength={64} placeholder="colour." />
        <View className="console-grid">
          <Field label={t('console.audit.from')} error={state.status === 'error' ? state.error.fieldMessage('from') : undefined}>
            <DateTimeInput label={t('console.audit.from')} value={draft.from} onChange={(from) => setDraft({ ...draft, from })} optional testId="audit-from" />
          </Field>
          <Field label={t('console.audit.to')} error={state.status === 'error' ? state.error.fieldMessage('to') : undefined}>
            <DateTimeInput label={t('console.audit.to')} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} optional testId="audit-to" />
          </Field>
        </View>
        <View className="console-actions">
          <Button className="btn btn-primary" onClick={() => apply(draft)}>
            {t('console.audit.search')}
          </Button>
          <Button className="btn" onClick={() => apply(EMPTY)}>
            {t('console.audit.reset')}
          </Button>
        </View>
        <View className="muted">{t('console.audit.readOnly')}</View>
      </View>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorBox error={state.error} onRetry={() => reload()} />}
      {state.status === 'ready' && (
        <View className="card">
          {state.data.records.length === 0 ? (
            <Empty text={t('console.audit.none')} />
          ) : (
            <View className="console-table">
              <View className="console-tr console-th">
                <Text className="console-td console-td-time">{t('console.audit.at')}</Text>
                <Text className="console-td">{t('console.audit.actionColumn')}</Text>
                <Text className="console-td">{t('console.audit.actor')}</Text>
                <Text className="console-td">{t('console.audit.target')}</Text>
                <Text className="console-td">{t('console.audit.details')}</Text>
              </View>
              {state.data.records.map((r) => (
                <Row key={r.id} r={r} onActor={(actorId) => apply({ ...applied, actorId })} onTarget={(targetId) => apply({ ...applied, targetId })} />
              ))}
            </View>
          )}
          <Pager page={page} pageSize={PAGE_SIZE} total={state.data.total} onPage={setPage} />
        </View>
      )}
    </View>
  );
}

/** The audit log (R33): every official action and every look at personal data; read-only, filterable, paged. */
export default function AuditLogPage() {
  const { t } = useT();
  return (
    <ConsolePage section="audit" title={t('console.menu.audit')}>
      {() => <AuditLog />}
    </ConsolePage>
  );
}
