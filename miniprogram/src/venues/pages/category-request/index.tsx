import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { fieldMessage } from '@health-code/shared';
import { Page } from '../../../components/Page';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { asApiError } from '../../errors';
import { formatDate } from '../../format';
import type { CategoryRequest, CategoryRequestList } from '../../types';
import '../../i18n';
import '../../venues.css';

type Mine = { status: 'loading' } | { status: 'ready'; requests: CategoryRequest[] } | { status: 'error'; error: ApiError };
type Errors = Partial<Record<'nameZh' | 'note', string>>;
interface Banner {
  text: string;
  /** The category already exists: back to the form to pick it. */
  exists?: boolean;
}

/**
 * R10, R31: officials keep the category list; a resident asks for one it lacks, with what kind
 * of place it is, and follows the answers here.
 */
export default function CategoryRequestPage() {
  const { t, lang } = useT();
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [mobile, setMobile] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<Banner | null>(null);
  const [busy, setBusy] = useState(false);
  const [mine, setMine] = useState<Mine>({ status: 'loading' });
  const loadId = useRef(0);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('venues.catreq.title') });
  }, [lang]);

  const load = async () => {
    const run = ++loadId.current;
    try {
      const list = await api.get<CategoryRequestList>('/me/venue-categories/requests');
      if (run === loadId.current) setMine({ status: 'ready', requests: list.requests });
    } catch (err) {
      if (run === loadId.current) setMine({ status: 'error', error: asApiError(err) });
    }
  };

  useDidShow(() => {
    void load();
  });

  const submit = async () => {
    setBanner(null);
    const found: Errors = {};
    if (!name.trim()) found.nameZh = fieldMessage('REQUIRED', lang === 'en' ? 'en-US' : 'zh-CN');
    if (!note.trim()) found.note = fieldMessage('REQUIRED', lang === 'en' ? 'en-US' : 'zh-CN');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const created = await api.post<CategoryRequest>('/venue-categories/requests', { nameZh: name.trim(), note: note.trim(), mobile });
      setName('');
      setNote('');
      setMobile(false);
      setMine((m) => (m.status === 'ready' ? { status: 'ready', requests: [created, ...m.requests] } : m));
      void load();
      void Taro.showToast({ title: t('venues.catreq.sent'), icon: 'success' });
    } catch (err) {
      const error = asApiError(err);
      const onForm: Errors = {};
      for (const f of error.fields) {
        if (f.path === 'nameZh' || f.path === 'note') onForm[f.path] ??= f.message;
      }
      setErrors(onForm);
      setBanner({ text: error.message, exists: error.code === 'VENUE_CATEGORY_EXISTS' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page>
      <View className="card">
        <Text className="muted">{t('venues.catreq.intro')}</Text>
      </View>

      <View className="card">
        <Field label={t('venues.catreq.name')} error={errors.nameZh}>
          <Input
            className={`input ${errors.nameZh ? 'invalid' : ''}`}
            value={name}
            maxlength={64}
            placeholder={t('venues.catreq.name.placeholder')}
            ariaLabel={t('venues.catreq.name')}
            onInput={(e) => {
              setName(e.detail.value);
              setErrors((all) => ({ ...all, nameZh: undefined }));
            }}
          />
        </Field>
        <View className="field switch-row">
          <Text>{t('venues.catreq.mobile')}</Text>
          <Switch checked={mobile} ariaLabel={t('venues.catreq.mobile')} onChange={(e) => setMobile(Boolean(e.detail.value))} />
        </View>
        <Field label={t('venues.catreq.reason')} error={errors.note}>
          <Textarea
            className={`input ${errors.note ? 'invalid' : ''}`}
            value={note}
            maxlength={500}
            placeholder={t('venues.catreq.reason.placeholder')}
            ariaLabel={t('venues.catreq.reason')}
            onInput={(e) => {
              setNote(e.detail.value);
              setErrors((all) => ({ ...all, note: undefined }));
            }}
          />
        </Field>
        {banner && (
          <View className="banner error" data-testid="banner">
            <View>{banner.text}</View>
            {banner.exists && <Button className="btn" onClick={() => Taro.navigateBack()}>{t('venues.catreq.backToForm')}</Button>}
          </View>
        )}
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={submit}>{t('venues.catreq.submit')}</Button>
      </View>

      <View className="card">
        <View className="card-title">{t('venues.catreq.mine')}</View>
        {mine.status === 'loading' && <Text className="muted">{t('common.loading')}</Text>}
        {mine.status === 'error' && (
          <View className="banner error" data-testid="mine-error">
            <View>{t('venues.catreq.loadFailed')}: {mine.error.message}</View>
            <Button className="btn" size="mini" onClick={() => { setMine({ status: 'loading' }); void load(); }}>{t('common.retry')}</Button>
          </View>
        )}
        {mine.status === 'ready' && mine.requests.length === 0 && <Text className="muted" data-testid="mine-empty">{t('venues.catreq.empty')}</Text>}
        {mine.status === 'ready' &&
          mine.requests.map((r) => (
            <View key={r.id} className="venue-item field" data-testid={`request-${r.id}`}>
              <View className="venue-item-head">
                <Text className="venue-name">{r.nameZh}</Text>
                <Text className={`venue-status status-${r.status === 'accepted' ? 'passed' : r.status === 'declined' ? 'failed' : 'under_review'}`}>{t(`venues.catreq.status.${r.status}`)}</Text>
              </View>
              {r.note && <Text className="muted">{r.note}</Text>}
              {r.reply && <Text>{t('venues.catreq.reply', { reply: r.reply })}</Text>}
              <Text className="muted">{t('venues.catreq.askedOn', { date: formatDate(r.createdAt) })}</Text>
            </View>
          ))}
      </View>
    </Page>
  );
}
