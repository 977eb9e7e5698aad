import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import type { z } from 'zod';
import { fieldMessage, type redeemInvitationResponse } from '@health-code/shared';
import { Page } from '../../components/Page';
import { Field } from '../../components/Field';
import { Hotline } from '../../components/Hotline';
import { useT } from '../../i18n';
import { api, ApiError, logout } from '../../services/api';
import { forgetCredentials } from '../../services/credential';
import { isOfficial, readSession, saveSession, type Role } from '../../state/session';
import { saveSettings, useSettings, type Lang } from '../../state/settings';
import { forgetRecords } from '../records/cache';

type Redeemed = z.infer<typeof redeemInvitationResponse>;

/**
 * Settings: language (Chinese by default) and elder mode for every page, the hotline, a staff
 * invitation code (a colleague becomes checkpoint or official staff), and logout.
 */
export default function SettingsPage() {
  const { t } = useT();
  const { lang, elder } = useSettings();
  const serverLang = lang === 'en' ? 'en-US' : 'zh-CN';
  const [role, setRole] = useState<Role | undefined>(() => readSession()?.role);
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [localError, setLocalError] = useState('');
  const [redeemed, setRedeemed] = useState<Redeemed | null>(null);
  const [busy, setBusy] = useState(false);

  const redeem = async () => {
    setError(null);
    setRedeemed(null);
    const text = code.trim();
    if (text.length < 8) return setLocalError(fieldMessage('TOO_SHORT', serverLang, { minimum: 8 }));
    setLocalError('');
    setBusy(true);
    try {
      const answer = await api.post<Redeemed>('/staff/redeem', { code: text });
      // The server reads the role from the account on every request; the app's copy follows.
      const session = readSession();
      if (session) saveSession({ ...session, role: answer.role });
      setRole(answer.role);
      setRedeemed(answer);
      setCode('');
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err)));
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    const answer = await Taro.showModal({ title: t('settings.logout'), content: t('settings.logoutConfirm'), confirmText: t('common.confirm'), cancelText: t('common.cancel') });
    if (!answer.confirm) return;
    logout();
    forgetCredentials([{ kind: 'self' }]);
    forgetRecords();
    void Taro.showToast({ title: t('settings.loggedOut'), icon: 'none' });
    void Taro.reLaunch({ url: '/pages/login/index' });
  };

  const language = (next: Lang) => saveSettings({ lang: next });
  const fieldError = localError || error?.fieldMessage('code');

  return (
    <Page>
      <View className="card" data-testid="language">
        <View className="card-title">{t('settings.language')}</View>
        <View className="tabs">
          <Text className={`tab ${lang === 'zh' ? 'active' : ''}`} data-active={lang === 'zh' ? 'yes' : 'no'} onClick={() => language('zh')}>{t('settings.lang.zh')}</Text>
          <Text className={`tab ${lang === 'en' ? 'active' : ''}`} data-active={lang === 'en' ? 'yes' : 'no'} onClick={() => language('en')}>{t('settings.lang.en')}</Text>
        </View>
      </View>

      <View className="card">
        <View className="row">
          <View>
            <View className="card-title">{t('settings.elder')}</View>
            <Text className="muted">{t('settings.elderHint')}</Text>
          </View>
          <Switch checked={elder} ariaLabel={t('settings.elder')} onChange={(e) => saveSettings({ elder: e.detail.value })} />
        </View>
      </View>

      <Hotline />

      <View className="card" data-testid="staff">
        <View className="card-title">{t('settings.staff')}</View>
        <View className="muted">{t('settings.staffHint')}</View>
        {role && <View className="muted" data-testid="role">{t('settings.currentRole', { role: t(`role.${role}`) })}</View>}
        {redeemed && (
          <View className="banner" data-testid="redeemed">{t('settings.redeemed', { role: t(`role.${redeemed.role}`), name: redeemed.displayName })}</View>
        )}
        {error && !error.fields.length && <View className="banner error" role="alert">{error.message}</View>}
        <Field label={t('settings.staffCode')} error={fieldError}>
          <Input
            className={`input ${fieldError ? 'invalid' : ''}`}
            value={code}
            maxlength={64}
            placeholder={t('settings.staffCodePlaceholder')}
            onInput={(e) => setCode(e.detail.value)}
          />
        </Field>
        <Button className="btn btn-primary" loading={busy} onClick={redeem}>{t('settings.redeem')}</Button>
        {(role === 'checkpoint' || isOfficial(role)) && (
          <Button className="btn" onClick={() => Taro.navigateTo({ url: '/checkpoint/pages/verify/index' })}>{t('settings.toCheckpoint')}</Button>
        )}
      </View>

      <View className="card">
        <Button className="btn btn-danger" onClick={leave}>{t('settings.logout')}</Button>
      </View>
    </Page>
  );
}
