import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { ConsolePage } from '../../components/ConsolePage';
import { namesField } from '../../components/Dialog';
import { ShownOnce } from '../../components/ShownOnce';
import { TextField } from '../../components/TextField';
import { ActionError, Chips, Empty, ErrorBox, KV, Loading } from '../../components/States';
import { when } from '../../format';
import type { CreatedInstitution, Institution } from '../../types';
import { asApiError, useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

type Kind = Institution['kind'];

function Institutions() {
  const { t } = useT();
  const { state, reload } = useLoad(() => api.get<{ institutions: Institution[] }>('/officials/institutions'), []);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('testing');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // The key lives only here, in this page's memory, until the official says it is saved.
  const [created, setCreated] = useState<CreatedInstitution | null>(null);
  const [rowBusy, setRowBusy] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, ApiError>>({});

  /** R28, R29: the institution's API key is made now and shown once. */
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await api.post<CreatedInstitution>('/officials/institutions', { name: name.trim(), kind });
      setCreated(made);
      setName('');
      await reload(true);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (i: Institution) => {
    const answer = await Taro.showModal({ title: t('console.inst.revokeTitle', { name: i.name }), content: t('console.inst.revokeContent'), confirmText: t('console.inst.revoke'), confirmColor: '#cf222e', cancelText: t('common.cancel') });
    if (!answer.confirm) return;
    setRowBusy(i.id);
    setRowErrors(({ [i.id]: _, ...rest }) => rest);
    try {
      await api.post(`/officials/institutions/${encodeURIComponent(i.id)}/revoke`);
      void Taro.showToast({ title: t('console.inst.revoked'), icon: 'success' });
      await reload(true);
    } catch (err) {
      const e = asApiError(err);
      setRowErrors((all) => ({ ...all, [i.id]: e }));
    } finally {
      setRowBusy(null);
    }
  };

  return (
    <View className="console-split">
      <View>
        {created ? (
          <ShownOnce
            testId="inst-key"
            title={t('console.inst.createdTitle', { name: created.name })}
            label={t('console.inst.apiKey')}
            secret={created.apiKey}
            warning={t('console.inst.onceWarning')}
            facts={[
              { label: t('console.inst.kind'), value: t(`console.inst.kind.${created.kind}`) },
              { label: t('console.inst.keyId'), value: created.keyId },
            ]}
            hint={t('console.inst.howToUse')}
            onDone={() => setCreated(null)}
          />
        ) : (
          <View className="card" data-testid="inst-create">
            <View className="card-title">{t('console.inst.create')}</View>
            <TextField label={t('console.inst.name')} value={name} onChange={setName} error={error} path="name" maxlength={128} />
            <Field label={t('console.inst.kind')} error={error?.fieldMessage('kind')}>
              <Chips options={(['testing', 'vaccination'] as const).map((k) => ({ value: k, text: t(`console.inst.kind.${k}`) }))} value={kind} onChange={setKind} />
            </Field>
            {!namesField(error, ['name', 'kind']) && <ActionError error={error} />}
            <Button className="btn btn-primary" loading={busy} onClick={create}>
              {t('console.inst.createButton')}
            </Button>
          </View>
        )}
      </View>
      <View>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorBox error={state.error} onRetry={() => reload()} />}
        {state.status === 'ready' && state.data.institutions.length === 0 && <Empty />}
        {state.status === 'ready' &&
          state.data.institutions.map((i) => (
            <View key={i.id} className={`card ${i.status === 'revoked' ? 'console-retired' : ''}`} data-testid={`inst-${i.id}`}>
              <View className="console-card-head">
                <Text className="card-title">{i.name}</Text>
                <Text className={`console-badge state-${i.status}`}>{t(`console.inst.status.${i.status}`)}</Text>
              </View>
              <KV label={t('console.inst.kind')}>{t(`console.inst.kind.${i.kind}`)}</KV>
              <KV label={t('console.inst.keyId')}>{i.keyId}</KV>
              <KV label={t('console.inst.createdAt')}>{when(i.createdAt)}</KV>
              {i.revokedAt && <KV label={t('console.inst.revokedAt')}>{when(i.revokedAt)}</KV>}
              <ActionError error={rowErrors[i.id] ?? null} />
              {i.status === 'active' && (
                <View className="console-actions">
                  <Button className="btn btn-danger" loading={rowBusy === i.id} onClick={() => revoke(i)}>
                    {t('console.inst.revoke')}
                  </Button>
                </View>
              )}
            </View>
          ))}
      </View>
    </View>
  );
}

/** Testing institutions and vaccination units with their API credentials (R28, R29, R31). */
export default function InstitutionsPage() {
  const { t } = useT();
  return (
    <ConsolePage section="institutions" title={t('console.menu.institutions')}>
      {() => <Institutions />}
    </ConsolePage>
  );
}
