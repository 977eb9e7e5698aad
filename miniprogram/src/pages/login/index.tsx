import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { View, Text, Input, Button } from '@tarojs/components';
import { checkIdNumber, fieldMessage } from '@health-code/shared';
import { Page } from '../../components/Page';
import { Field } from '../../components/Field';
import { useT } from '../../i18n';
import { adoptToken, api, ApiError, login, logout } from '../../services/api';
import { platform } from '../../platform';
import { storage } from '../../state/storage';

interface Form {
  name: string;
  idNumber: string;
  phone: string;
  smsCode: string;
}
type Errors = Partial<Record<keyof Form, string>>;

const PHONE = /^1[3-9]\d{9}$/;

/** Real-name registration (R1-R3): the form checks what it can before the server does. */
export default function RegisterPage() {
  const { t, lang } = useT();
  const serverLang = lang === 'en' ? 'en-US' : 'zh-CN';
  const [form, setForm] = useState<Form>({ name: '', idNumber: '', phone: '', smsCode: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState('');
  const [countdown, setCountdown] = useState(0);
  const [devCode, setDevCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [h5User, setH5User] = useState(storage.get<string>('hc.h5User') ?? '');

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown(countdown - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const set = (key: keyof Form) => (e: { detail: { value: string } }) => {
    setForm({ ...form, [key]: e.detail.value });
    setErrors({ ...errors, [key]: undefined });
  };

  const checkPhone = (): string | undefined => (PHONE.test(form.phone.trim()) ? undefined : fieldMessage('INVALID_FORMAT', serverLang));

  const showServerError = (err: unknown) => {
    if (!(err instanceof ApiError)) return setBanner(String(err));
    const fields: Errors = {};
    for (const f of err.fields) fields[f.path as keyof Form] = f.message;
    setErrors(fields);
    // A refusal that names its fields is shown under them; any other in the banner.
    setBanner(err.fields.length > 0 ? '' : err.message);
  };

  const sendCode = async () => {
    const phoneError = checkPhone();
    if (phoneError) return setErrors({ ...errors, phone: phoneError });
    setBanner('');
    try {
      const sent = await api.post<{ resendAfterSeconds: number }>('/sms/send', { phone: form.phone.trim() });
      setCountdown(sent.resendAfterSeconds);
      void Taro.showToast({ title: t('login.sent'), icon: 'none' });
      // The development outbox (absent in production) shows the code a real SMS would carry.
      const dev = await api.post<{ code: string }>('/dev/sms/latest', { phone: form.phone.trim() }).catch(() => null);
      if (dev) setDevCode(dev.code);
    } catch (err) {
      showServerError(err);
    }
  };

  const submit = async () => {
    const id = checkIdNumber(form.idNumber);
    const found: Errors = {
      name: form.name.trim() ? undefined : fieldMessage('REQUIRED', serverLang),
      idNumber: id.ok ? undefined : fieldMessage(id.problem, serverLang),
      phone: checkPhone(),
      smsCode: /^\d{6}$/.test(form.smsCode.trim()) ? undefined : fieldMessage('INVALID_FORMAT', serverLang),
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    setBanner('');
    try {
      const answer = await api.post<{ token: string; expiresAt: string; linked: boolean }>('/residents/register', {
        name: form.name.trim(),
        idNumber: form.idNumber.trim().toUpperCase(),
        phone: form.phone.trim(),
        smsCode: form.smsCode.trim(),
      });
      adoptToken(answer.token, answer.expiresAt);
      await Taro.showToast({ title: t(answer.linked ? 'login.linked' : 'login.done'), icon: 'success' });
      await Taro.reLaunch({ url: '/pages/index/index' });
    } catch (err) {
      showServerError(err);
    } finally {
      setBusy(false);
    }
  };

  const switchUser = async () => {
    if (!h5User.trim()) return;
    logout();
    try {
      const session = await login(h5User.trim());
      if (session.registered) await Taro.reLaunch({ url: '/pages/index/index' });
      else setBanner('');
    } catch (err) {
      showServerError(err);
    }
  };

  return (
    <Page>
      {platform.name === 'h5' && (
        <View className="card" data-testid="h5-login">
          <Field label={t('login.h5User')}>
            <Input className="input" value={h5User} onInput={(e) => setH5User(e.detail.value)} placeholder="demo-newcomer" ariaLabel={t('login.h5User')} />
          </Field>
          <Button className="btn" onClick={switchUser}>{t('login.switchUser')}</Button>
        </View>
      )}
      <View className="card">
        <View className="card-title">{t('login.title')}</View>
        <Text className="muted">{t('login.intro')}</Text>
      </View>
      {banner && <View className="banner error" role="alert">{banner}</View>}
      <View className="card">
        <Field label={t('login.name')} error={errors.name}>
          <Input className={`input ${errors.name ? 'invalid' : ''}`} value={form.name} onInput={set('name')} maxlength={30} ariaLabel={t('login.name')} />
        </Field>
        <Field label={t('login.idNumber')} error={errors.idNumber}>
          <Input className={`input ${errors.idNumber ? 'invalid' : ''}`} type="idcard" value={form.idNumber} onInput={set('idNumber')} maxlength={18} ariaLabel={t('login.idNumber')} />
        </Field>
        <Field label={t('login.phone')} error={errors.phone}>
          <Input className={`input ${errors.phone ? 'invalid' : ''}`} type="number" value={form.phone} onInput={set('phone')} maxlength={11} ariaLabel={t('login.phone')} />
        </Field>
        <Field label={t('login.smsCode')} error={errors.smsCode}>
          <View className="row">
            <Input className={`input ${errors.smsCode ? 'invalid' : ''}`} type="number" value={form.smsCode} onInput={set('smsCode')} maxlength={6} ariaLabel={t('login.smsCode')} />
            {/* Counting down, the button is disabled; btn-waiting keeps its text readable (Taro H5 draws a disabled button's text white). */}
            <Button className={`btn ${countdown > 0 ? 'btn-waiting' : ''}`} disabled={countdown > 0} onClick={sendCode}>
              {countdown > 0 ? t('login.resendIn', { s: countdown }) : t('login.sendCode')}
            </Button>
          </View>
          {devCode && <Text className="muted" data-testid="dev-sms-code">{t('login.devCode', { code: devCode })}</Text>}
        </Field>
        <Button className="btn btn-primary" loading={busy} onClick={submit}>{t('login.submit')}</Button>
      </View>
    </Page>
  );
}
