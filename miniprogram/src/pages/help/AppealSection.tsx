import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import type { z } from 'zod';
import { errorMessage, fieldMessage, type appealListResponse } from '@health-code/shared';
import { Field } from '../../components/Field';
import { useT } from '../../i18n';
import { api, ApiError } from '../../services/api';
import { pickImage, type PickedImage } from '../../platform/pick-image';
import { formatDateTime } from '../../lib/time';

type Appeals = z.infer<typeof appealListResponse>;
type Appeal = Appeals['appeals'][number];

/** The server's limit on the photo: 1 MB of image (about 1.33 MB as base64). */
const MAX_EVIDENCE_BYTES = 1024 * 1024;

function AppealItem({ appeal }: { appeal: Appeal }) {
  const { t } = useT();
  const tone = appeal.status === 'accepted' ? 'text-green' : appeal.status === 'refused' ? 'text-red' : 'text-yellow';
  return (
    <View className="appeal-item" data-testid={`appeal-${appeal.id}`} data-status={appeal.status}>
      <View className="row">
        <Text className={tone}>{t(`appeal.status.${appeal.status}`)}</Text>
        {appeal.correctedColour && <Text className={`text-${appeal.correctedColour}`}>{t('appeal.corrected', { colour: t(`colour.${appeal.correctedColour}`) })}</Text>}
      </View>
      <View className="muted">{t('appeal.filedAt', { time: formatDateTime(appeal.createdAt), colour: t(`colour.${appeal.colourAtFiling}`) })}</View>
      <View>{appeal.reason}</View>
      {appeal.answer && <View>{t('appeal.answer', { answer: appeal.answer })}</View>}
      {(appeal.byGuardian || appeal.hasEvidence) && (
        <View className="muted">{[appeal.byGuardian ? t('appeal.byGuardian') : '', appeal.hasEvidence ? t('appeal.withEvidence') : ''].filter(Boolean).join(' · ')}</View>
      )}
    </View>
  );
}

/**
 * A colour appeal (R35 "wrong colour"): the reason, an optional photo such as a test report,
 * and the appeals already filed with their state and answer. For a bound relative through
 * /me/relatives/{id}/appeals.
 */
export function AppealSection({ relativeId }: { relativeId?: string }) {
  const { t, lang } = useT();
  const serverLang = lang === 'en' ? 'en-US' : 'zh-CN';
  const base = relativeId ? `/me/relatives/${encodeURIComponent(relativeId)}` : '/me';
  const [list, setList] = useState<{ status: 'loading' } | { status: 'ready'; appeals: Appeal[] } | { status: 'error'; error: ApiError }>({ status: 'loading' });
  const [reason, setReason] = useState('');
  const [photo, setPhoto] = useState<PickedImage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setList({ status: 'loading' });
    try {
      const answer = await api.get<Appeals>(`${base}/appeals`);
      setList({ status: 'ready', appeals: answer.appeals });
    } catch (err) {
      setList({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err)) });
    }
  };

  useEffect(() => {
    void load();
  }, [base]);

  const choosePhoto = async () => {
    setLocal({ ...local, evidence: '' });
    try {
      const picked = await pickImage();
      if (!picked) return;
      if (picked.data.length * 0.75 > MAX_EVIDENCE_BYTES) return setLocal({ ...local, evidence: fieldMessage('EVIDENCE_TOO_LARGE', serverLang) });
      setPhoto(picked);
    } catch (err) {
      setLocal({ ...local, evidence: String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? err) });
    }
  };

  const submit = async () => {
    setError(null);
    if (reason.trim().length < 4) return setLocal({ reason: fieldMessage('TOO_SHORT', serverLang, { minimum: 4 }) });
    setLocal({});
    setBusy(true);
    try {
      await api.post(`${base}/appeals`, { reason: reason.trim(), ...(photo ? { evidence: { type: photo.type, data: photo.data } } : {}) });
      setReason('');
      setPhoto(null);
      void Taro.showToast({ title: t('appeal.submitted'), icon: 'success' });
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err)));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (path: string) => local[path] || error?.fieldMessage(path);
  const open = list.status === 'ready' && list.appeals.some((a) => a.status === 'open');

  return (
    <View className="card" id="appeal" data-testid="appeal">
      <View className="card-title">{relativeId ? t('appeal.forRelative') : t('appeal.title')}</View>

      {list.status === 'error' && (
        <View>
          <View className="banner error">{list.error.message}</View>
          {list.error.code === 'REGISTRATION_REQUIRED' ? (
            <Button className="btn btn-primary" onClick={() => Taro.navigateTo({ url: '/pages/login/index' })}>{t('code.register')}</Button>
          ) : (
            <Button className="btn" onClick={load}>{t('common.retry')}</Button>
          )}
        </View>
      )}
      {list.status === 'loading' && <Text className="muted">{t('common.loading')}</Text>}

      {list.status === 'ready' && open && <View className="banner" data-testid="appeal-open">{errorMessage('APPEAL_ALREADY_OPEN', serverLang)}</View>}

      {list.status === 'ready' && !open && (
        <View data-testid="appeal-form">
          {error && <View className="banner error" role="alert">{error.message}</View>}
          <Field label={t('appeal.reason')} error={fieldError('reason')}>
            <Textarea
              className={`input textarea ${fieldError('reason') ? 'invalid' : ''}`}
              value={reason}
              maxlength={1000}
              placeholder={t('appeal.reasonPlaceholder')}
              onInput={(e) => setReason(e.detail.value)}
            />
          </Field>
          <Field label={t('appeal.photo')} error={fieldError('evidence')}>
            {photo ? (
              <View>
                <Image className="appeal-photo" src={photo.preview} mode="aspectFill" />
                <View className="row">
                  <Text className="muted">{t('appeal.photoAdded')}</Text>
                  <Text className="text-red" onClick={() => setPhoto(null)}>{t('appeal.removePhoto')}</Text>
                </View>
              </View>
            ) : (
              <Button className="btn" onClick={choosePhoto}>{t('appeal.addPhoto')}</Button>
            )}
          </Field>
          <Button className="btn btn-primary" loading={busy} onClick={submit}>{t('appeal.submit')}</Button>
        </View>
      )}

      {list.status === 'ready' && (
        <View data-testid="appeal-list">
          <View className="card-title">{t('appeal.mine')}</View>
          {list.appeals.length === 0 ? <Text className="muted">{t('appeal.none')}</Text> : list.appeals.map((a) => <AppealItem key={a.id} appeal={a} />)}
        </View>
      )}
    </View>
  );
}
