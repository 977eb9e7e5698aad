import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Switch, Text, View } from '@tarojs/components';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { ConsolePage } from '../../components/ConsolePage';
import { Dialog, namesField } from '../../components/Dialog';
import { ReasonField } from '../../components/ReasonField';
import { TextField } from '../../components/TextField';
import { ActionError, Chips, Empty, ErrorBox, KV, Loading } from '../../components/States';
import { when } from '../../format';
import type { Category, CategoryRequest } from '../../types';
import { asApiError, useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

type Tab = 'categories' | 'requests';
type RequestStatus = CategoryRequest['status'];

/** Whether a row's action is running, and what the server said when it refused. */
function useRowState() {
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, ApiError>>({});
  const setError = (id: string, error: ApiError | null) =>
    setErrors((all) => {
      const next = { ...all };
      if (error) next[id] = error;
      else delete next[id];
      return next;
    });
  return { busy, setBusy, errors, setError };
}

function Categories() {
  const { t } = useT();
  const { state, reload } = useLoad(() => api.get<{ categories: Category[] }>('/officials/venue-categories'), []);
  const rows = useRowState();
  const [form, setForm] = useState({ nameZh: '', nameEn: '', mobile: false });
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<ApiError | null>(null);
  const [renaming, setRenaming] = useState<{ category: Category; nameZh: string; nameEn: string } | null>(null);
  const [renameError, setRenameError] = useState<ApiError | null>(null);

  const add = async () => {
    setAdding(true);
    setAddError(null);
    try {
      await api.post('/officials/venue-categories', { nameZh: form.nameZh, nameEn: form.nameEn, mobile: form.mobile });
      void Taro.showToast({ title: t('console.category.added'), icon: 'success' });
      setForm({ nameZh: '', nameEn: '', mobile: false });
      await reload(true);
    } catch (err) {
      setAddError(asApiError(err));
    } finally {
      setAdding(false);
    }
  };

  /** Rename, mark mobile, retire or bring back: venues already passed keep their category (R10). */
  const patch = async (category: Category, change: Partial<Pick<Category, 'nameZh' | 'nameEn' | 'mobile' | 'active'>>, done: string) => {
    rows.setError(category.id, null);
    rows.setBusy(category.id);
    try {
      await api.patch(`/officials/venue-categories/${encodeURIComponent(category.id)}`, change);
      void Taro.showToast({ title: t(done), icon: 'success' });
      await reload(true);
      return true;
    } catch (err) {
      const error = asApiError(err);
      if (renaming) setRenameError(error);
      else rows.setError(category.id, error);
      return false;
    } finally {
      rows.setBusy(null);
    }
  };

  const retire = async (category: Category) => {
    const answer = await Taro.showModal({ title: t('console.category.retireTitle', { name: category.nameZh }), content: t('console.category.retireContent'), confirmText: t('console.category.retire'), cancelText: t('common.cancel') });
    if (answer.confirm) await patch(category, { active: false }, 'console.category.retired');
  };

  const rename = async () => {
    if (!renaming) return;
    setRenameError(null);
    const ok = await patch(renaming.category, { nameZh: renaming.nameZh, nameEn: renaming.nameEn }, 'console.category.renamed');
    if (ok) setRenaming(null);
  };

  return (
    <View className="console-split">
      <View className="card" data-testid="category-add">
        <View className="card-title">{t('console.category.add')}</View>
        <TextField label={t('console.category.nameZh')} value={form.nameZh} onChange={(nameZh) => setForm({ ...form, nameZh })} error={addError} path="nameZh" maxlength={64} />
        <TextField label={t('console.category.nameEn')} value={form.nameEn} onChange={(nameEn) => setForm({ ...form, nameEn })} error={addError} path="nameEn" maxlength={64} />
        <View className="row">
          <View>
            <View>{t('console.category.mobile')}</View>
            <Text className="muted">{t('console.category.mobileHint')}</Text>
          </View>
          <Switch checked={form.mobile} ariaLabel={t('console.category.mobile')} onChange={(e) => setForm({ ...form, mobile: e.detail.value })} />
        </View>
        {!namesField(addError, ['nameZh', 'nameEn']) && <ActionError error={addError} />}
        <Button className="btn btn-primary" loading={adding} onClick={add}>
          {t('console.category.addButton')}
        </Button>
      </View>
      <View>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorBox error={state.error} onRetry={() => reload()} />}
        {state.status === 'ready' && state.data.categories.length === 0 && <Empty />}
        {state.status === 'ready' &&
          state.data.categories.map((c) => (
            <View key={c.id} className={`card ${c.active ? '' : 'console-retired'}`} data-testid={`category-${c.id}`}>
              <View className="console-card-head">
                <Text className="card-title">{c.nameZh}</Text>
                <Text className={`console-badge ${c.active ? 'state-passed' : 'state-retired'}`}>{t(c.active ? 'console.category.active' : 'console.category.inactive')}</Text>
              </View>
              <KV label={t('console.category.nameEn')}>{c.nameEn}</KV>
              <KV label={t('console.category.kind')}>{t(c.mobile ? 'console.category.isMobile' : 'console.category.isFixed')}</KV>
              <ActionError error={rows.errors[c.id] ?? null} />
              <View className="console-actions">
                <Button className="btn" disabled={rows.busy === c.id} onClick={() => { setRenameError(null); setRenaming({ category: c, nameZh: c.nameZh, nameEn: c.nameEn }); }}>
                  {t('console.category.rename')}
                </Button>
                <Button className="btn" disabled={rows.busy === c.id} onClick={() => patch(c, { mobile: !c.mobile }, 'common.saved')}>
                  {t(c.mobile ? 'console.category.markFixed' : 'console.category.markMobile')}
                </Button>
                {c.active ? (
                  <Button className="btn btn-danger" disabled={rows.busy === c.id} onClick={() => retire(c)}>
                    {t('console.category.retire')}
                  </Button>
                ) : (
                  <Button className="btn" disabled={rows.busy === c.id} onClick={() => patch(c, { active: true }, 'console.category.restored')}>
                    {t('console.category.restore')}
                  </Button>
                )}
              </View>
            </View>
          ))}
      </View>
      {renaming && (
        <Dialog
          title={t('console.category.renameTitle', { name: renaming.category.nameZh })}
          confirmText={t('common.save')}
          busy={rows.busy === renaming.category.id}
          error={renameError}
          showError={!namesField(renameError, ['nameZh', 'nameEn'])}
          onConfirm={rename}
          onCancel={() => setRenaming(null)}
        >
          <TextField label={t('console.category.nameZh')} value={renaming.nameZh} onChange={(nameZh) => setRenaming({ ...renaming, nameZh })} error={renameError} path="nameZh" maxlength={64} />
          <TextField label={t('console.category.nameEn')} value={renaming.nameEn} onChange={(nameEn) => setRenaming({ ...renaming, nameEn })} error={renameError} path="nameEn" maxlength={64} />
        </Dialog>
      )}
    </View>
  );
}

type Answering = { request: CategoryRequest; decision: 'accept' | 'decline'; nameZh: string; nameEn: string; mobile: boolean; reply: string };

function Requests() {
  const { t } = useT();
  const [status, setStatus] = useState<RequestStatus>('pending');
  const { state, reload } = useLoad(() => api.get<{ requests: CategoryRequest[] }>('/officials/venue-categories/requests', { status }), [status]);
  const [answering, setAnswering] = useState<Answering | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const open = (request: CategoryRequest, decision: Answering['decision']) => {
    setError(null);
    setAnswering({ request, decision, nameZh: request.nameZh, nameEn: request.nameEn ?? '', mobile: request.mobile, reply: '' });
  };

  /** Accept (the category is added, names as the official settles them) or decline with a reply (R10, R31). */
  const answer = async () => {
    if (!answering) return;
    setBusy(true);
    setError(null);
    const body =
      answering.decision === 'accept'
        ? { decision: 'accept', nameZh: answering.nameZh, ...(answering.nameEn ? { nameEn: answering.nameEn } : {}), mobile: answering.mobile, ...(answering.reply ? { reply: answering.reply } : {}) }
        : { decision: 'decline', reply: answering.reply };
    try {
      await api.post(`/officials/venue-categories/requests/${encodeURIComponent(answering.request.id)}/answer`, body);
      void Taro.showToast({ title: t(answering.decision === 'accept' ? 'console.request.accepted' : 'console.request.declined'), icon: 'success' });
      setAnswering(null);
      await reload(true);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <Chips options={(['pending', 'accepted', 'declined'] as const).map((s) => ({ value: s, text: t(`console.request.status.${s}`) }))} value={status} onChange={setStatus} />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorBox error={state.error} onRetry={() => reload()} />}
      {state.status === 'ready' && state.data.requests.length === 0 && <Empty />}
      <View className="console-grid">
        {state.status === 'ready' &&
          state.data.requests.map((r) => (
            <View key={r.id} className="card" data-testid={`request-${r.id}`}>
              <View className="console-card-head">
                <Text className="card-title">{r.nameZh}</Text>
                <Text className="console-badge">{t(`console.request.status.${r.status}`)}</Text>
              </View>
              {r.nameEn && <KV label={t('console.category.nameEn')}>{r.nameEn}</KV>}
              <KV label={t('console.category.kind')}>{t(r.mobile ? 'console.category.isMobile' : 'console.category.isFixed')}</KV>
              {r.note && <KV label={t('console.request.note')}>{r.note}</KV>}
              <KV label={t('console.request.askedAt')}>{when(r.createdAt)}</KV>
              {r.answeredAt && <KV label={t('console.request.answeredAt')}>{when(r.answeredAt)}</KV>}
              {r.reply && <KV label={t('console.request.reply')}>{r.reply}</KV>}
              {r.status === 'pending' && (
                <View className="console-actions">
                  <Button className="btn btn-primary" onClick={() => open(r, 'accept')}>
                    {t('console.request.accept')}
                  </Button>
                  <Button className="btn btn-danger" onClick={() => open(r, 'decline')}>
                    {t('console.request.decline')}
                  </Button>
                </View>
              )}
            </View>
          ))}
      </View>
      {answering && (
        <Dialog
          title={t(answering.decision === 'accept' ? 'console.request.acceptTitle' : 'console.request.declineTitle', { name: answering.request.nameZh })}
          confirmText={t(answering.decision === 'accept' ? 'console.request.accept' : 'console.request.decline')}
          danger={answering.decision === 'decline'}
          busy={busy}
          error={error}
          showError={!namesField(error, ['nameZh', 'nameEn', 'reply'])}
          onConfirm={answer}
          onCancel={() => setAnswering(null)}
        >
          {answering.decision === 'accept' && (
            <View>
              <TextField label={t('console.category.nameZh')} value={answering.nameZh} onChange={(nameZh) => setAnswering({ ...answering, nameZh })} error={error} path="nameZh" maxlength={64} />
              <TextField label={t('console.category.nameEn')} value={answering.nameEn} onChange={(nameEn) => setAnswering({ ...answering, nameEn })} error={error} path="nameEn" maxlength={64} />
              <View className="row">
                <Text>{t('console.category.mobile')}</Text>
                <Switch checked={answering.mobile} ariaLabel={t('console.category.mobile')} onChange={(e) => setAnswering({ ...answering, mobile: e.detail.value })} />
              </View>
            </View>
          )}
          <ReasonField
            label={t(answering.decision === 'accept' ? 'console.request.replyOptional' : 'console.request.replyRequired')}
            value={answering.reply}
            onChange={(reply) => setAnswering({ ...answering, reply })}
            error={error}
            path="reply"
          />
        </Dialog>
      )}
    </View>
  );
}

/** Venue categories and residents' requests for missing ones (R10, R31). */
export default function CategoriesPage() {
  const { t } = useT();
  const [tab, setTab] = useState<Tab>('categories');
  return (
    <ConsolePage section="categories" title={t('console.menu.categories')}>
      {() => (
        <View>
          <View className="tabs">
            {(['categories', 'requests'] as const).map((k) => (
              <View key={k} className={`tab ${tab === k ? 'active' : ''}`} data-testid={`tab-${k}`} onClick={() => setTab(k)}>
                {t(`console.category.tab.${k}`)}
              </View>
            ))}
          </View>
          {tab === 'categories' ? <Categories /> : <Requests />}
        </View>
      )}
    </ConsolePage>
  );
}
