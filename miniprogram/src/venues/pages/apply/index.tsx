import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { checkPhone, checkPlate, checkSocialCreditCode, fieldMessage } from '@health-code/shared';
import { Page } from '../../../components/Page';
import { Field } from '../../../components/Field';
import { RegionPicker } from '../../../components/RegionPicker';
import { useT } from '../../../i18n';
import { api } from '../../../services/api';
import { asApiError } from '../../errors';
import { chosenRegion, pathTo } from '../../regions';
import type { Category, RegionChoice, Venue } from '../../types';
import '../../i18n';
import '../../venues.css';

interface Form {
  categoryId: string;
  name: string;
  address: string;
  region: RegionChoice[];
  unitName: string;
  socialCreditCode: string;
  contactPhone: string;
}
type FieldKey = keyof Form;
type Errors = Partial<Record<FieldKey, string>>;
const FIELDS: FieldKey[] = ['categoryId', 'name', 'address', 'region', 'unitName', 'socialCreditCode', 'contactPhone'];

type Categories = { status: 'loading' } | { status: 'ready'; list: Category[] } | { status: 'error'; message: string };
interface Banner {
  text: string;
  /** The application the server says this one repeats. */
  venueId?: string;
  /** The account has not registered (R9: only a registered resident applies). */
  register?: boolean;
}

const EMPTY: Form = { categoryId: '', name: '', address: '', region: [], unitName: '', socialCreditCode: '', contactPhone: '' };

/**
 * R9, R10: the application for a place code, made by the caller as the person in charge (the
 * body names nobody else). Checked on the phone first (the GB 32100 check character, the
 * mobile number, a plate for a mobile venue); the server's field refusals show under their
 * fields and its other refusals in a banner. `?from=<id>` fills it in from an earlier
 * application (R12: a mistake is fixed by applying again).
 */
export default function ApplyPage() {
  const { t, lang } = useT();
  const serverLang = lang === 'en' ? 'en-US' : 'zh-CN';
  const { params } = useRouter();
  const from = params?.from;
  const [categories, setCategories] = useState<Categories>({ status: 'loading' });
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<Banner | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const shown = useRef(false);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('venues.apply.title') });
  }, [lang]);

  const loadCategories = async () => {
    try {
      const { categories: list } = await api.get<{ categories: Category[] }>('/venue-categories', undefined, true);
      setCategories({ status: 'ready', list });
    } catch (err) {
      setCategories((now) => (now.status === 'ready' ? now : { status: 'error', message: asApiError(err).message }));
    }
  };

  useEffect(() => {
    void loadCategories();
    if (!from) return;
    (async () => {
      try {
        const v = await api.get<Venue>(`/me/venues/${encodeURIComponent(from)}`);
        const region = await pathTo(v.region).catch(() => []);
        // The phone is never sent back whole (R34): it is typed again.
        setForm({ categoryId: v.categoryId, name: v.name, address: v.address, region, unitName: v.unitName, socialCreditCode: v.socialCreditCode, contactPhone: '' });
        setNotice(t('venues.apply.prefilled'));
      } catch (err) {
        setNotice(t('venues.apply.prefillFailed', { reason: asApiError(err).message }));
      }
    })();
  }, []);

  // Back from asking for a category: an official may have added it meanwhile.
  useDidShow(() => {
    if (shown.current) void loadCategories();
    shown.current = true;
  });

  const list = categories.status === 'ready' ? categories.list : [];
  const category = list.find((c) => c.id === form.categoryId);
  const mobile = Boolean(category?.mobile);
  const categoryName = (c: Category) => (lang === 'en' ? c.nameEn : c.nameZh);

  const change = <K extends FieldKey>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const onInput = (key: FieldKey) => (e: { detail: { value: string } }) => change(key, e.detail.value);

  /** What the phone can check before sending: the same codes the server answers with. */
  const check = (): Errors => {
    const found: Errors = {};
    const required = fieldMessage('REQUIRED', serverLang);
    const name = form.name.trim();
    if (!form.categoryId) found.categoryId = required;
    if (!name) found.name = required;
    else if (mobile && !checkPlate(name)) found.name = fieldMessage('PLATE_FORMAT', serverLang);
    else if (Array.from(name).length < 2) found.name = fieldMessage('TOO_SHORT', serverLang, { minimum: 2 });
    const address = form.address.trim();
    if (!address) found.address = required;
    else if (Array.from(address).length < 4) found.address = fieldMessage('TOO_SHORT', serverLang, { minimum: 4 });
    if (form.region.length === 0) found.region = required;
    else if (!chosenRegion(form.region)) found.region = t('venues.region.incomplete');
    const unit = form.unitName.trim();
    if (!unit) found.unitName = required;
    else if (Array.from(unit).length < 2) found.unitName = fieldMessage('TOO_SHORT', serverLang, { minimum: 2 });
    if (!form.socialCreditCode.trim()) found.socialCreditCode = required;
    else {
      const uscc = checkSocialCreditCode(form.socialCreditCode);
      if (!uscc.ok) found.socialCreditCode = fieldMessage(uscc.problem, serverLang);
    }
    if (!form.contactPhone.trim()) found.contactPhone = required;
    else if (!checkPhone(form.contactPhone)) found.contactPhone = fieldMessage('PHONE_FORMAT', serverLang);
    return found;
  };

  const submit = async () => {
    setBanner(null);
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const venue = await api.post<Venue>('/me/venues', {
        name: form.name.trim(),
        categoryId: form.categoryId,
        address: form.address.trim(),
        region: chosenRegion(form.region),
        socialCreditCode: form.socialCreditCode.trim().toUpperCase(),
        unitName: form.unitName.trim(),
        contactPhone: form.contactPhone.trim(),
      });
      void Taro.showToast({ title: t('venues.apply.submitted'), icon: 'success' });
      void Taro.redirectTo({ url: `/venues/pages/detail/index?id=${encodeURIComponent(venue.id)}` });
    } catch (err) {
      const error = asApiError(err);
      const onForm: Errors = {};
      const elsewhere: string[] = [];
      for (const f of error.fields) {
        const key = FIELDS.find((k) => f.path === k || f.path.startsWith(`${k}.`));
        if (key) onForm[key] ??= f.message;
        // A field the form does not have (a relative's id, R9): the server's own words.
        else elsewhere.push(`${f.path}: ${f.message}`);
      }
      setErrors(onForm);
      if (error.fields.length > 0 && elsewhere.length === 0) setBanner({ text: error.message });
      else if (elsewhere.length > 0) setBanner({ text: [error.message, ...elsewhere].join('\n') });
      else if (error.code === 'VENUE_APPLICATION_DUPLICATE') setBanner({ text: error.message, venueId: typeof error.details.venueId === 'string' ? error.details.venueId : undefined });
      else setBanner({ text: error.message, register: error.code === 'REGISTRATION_REQUIRED' });
    } finally {
      setBusy(false);
    }
  };

  if (categories.status === 'loading') {
    return (
      <Page>
        <View className="card"><Text className="muted">{t('common.loading')}</Text></View>
      </Page>
    );
  }
  if (categories.status === 'error') {
    return (
      <Page>
        <View className="card">
          <View className="card-title">{t('venues.apply.categoriesFailed')}</View>
          <View className="banner error" data-testid="load-error">{categories.message}</View>
          <Button className="btn" onClick={() => { setCategories({ status: 'loading' }); void loadCategories(); }}>{t('common.retry')}</Button>
        </View>
      </Page>
    );
  }

  const selected = list.findIndex((c) => c.id === form.categoryId);
  const input = (key: FieldKey) => `input ${errors[key] ? 'invalid' : ''}`;

  return (
    <Page>
      <View className="card">
        <Text className="muted">{t('venues.apply.intro')}</Text>
      </View>
      {notice && <View className="banner" data-testid="notice">{notice}</View>}

      <View className="card">
        <Field label={t('venues.field.category')} error={errors.categoryId}>
          <Picker
            mode="selector"
            range={list.map((c) => ({ id: c.id, label: categoryName(c) }))}
            rangeKey="label"
            value={selected < 0 ? undefined : selected}
            data-testid="category-picker"
            onChange={(e) => {
              const picked = list[Number(e.detail.value)];
              if (picked) {
                change('categoryId', picked.id);
                // A plate error no longer applies once the category changes, nor the other way round.
                setErrors((all) => ({ ...all, name: undefined }));
              }
            }}
          >
            <View className={input('categoryId')}>
              <Text className={category ? '' : 'muted'}>{category ? categoryName(category) : t('venues.field.choose')}</Text>
            </View>
          </Picker>
          <Text className="link" onClick={() => Taro.navigateTo({ url: '/venues/pages/category-request/index' })}>{t('venues.apply.missingCategory')}</Text>
        </Field>
        {mobile && <View className="banner" data-testid="mobile-hint">{t('venues.apply.mobileHint')}</View>}

        <Field label={t(mobile ? 'venues.field.plate' : 'venues.field.name')} error={errors.name}>
          <Input
            className={input('name')}
            value={form.name}
            maxlength={100}
            placeholder={t(mobile ? 'venues.field.plate.placeholder' : 'venues.field.name.placeholder')}
            ariaLabel={t(mobile ? 'venues.field.plate' : 'venues.field.name')}
            onInput={onInput('name')}
          />
        </Field>
        <Field label={t('venues.field.region')} error={errors.region}>
          <RegionPicker
            path={form.region}
            labels={[t('venues.region.province'), t('venues.region.city'), t('venues.region.district')]}
            placeholder={t('venues.field.choose')}
            invalid={Boolean(errors.region)}
            onChange={(path) => change('region', path)}
          />
        </Field>
        <Field label={t('venues.field.address')} error={errors.address}>
          <Input className={input('address')} value={form.address} maxlength={200} placeholder={t('venues.field.address.placeholder')} ariaLabel={t('venues.field.address')} onInput={onInput('address')} />
        </Field>
        <Field label={t(mobile ? 'venues.field.operator' : 'venues.field.unit')} error={errors.unitName}>
          <Input
            className={input('unitName')}
            value={form.unitName}
            maxlength={100}
            placeholder={t('venues.field.unit.placeholder')}
            ariaLabel={t(mobile ? 'venues.field.operator' : 'venues.field.unit')}
            onInput={onInput('unitName')}
          />
        </Field>
        <Field label={t('venues.field.uscc')} error={errors.socialCreditCode}>
          <Input
            className={input('socialCreditCode')}
            value={form.socialCreditCode}
            maxlength={18}
            placeholder={t('venues.field.uscc.placeholder')}
            ariaLabel={t('venues.field.uscc')}
            onInput={(e) => change('socialCreditCode', e.detail.value.toUpperCase())}
          />
        </Field>
        <Field label={t('venues.field.phone')} error={errors.contactPhone}>
          <Input className={input('contactPhone')} type="number" value={form.contactPhone} maxlength={11} placeholder={t('venues.field.phone.placeholder')} ariaLabel={t('venues.field.phone')} onInput={onInput('contactPhone')} />
        </Field>

        {banner && (
          <View className="banner error" data-testid="banner">
            {banner.text.split('\n').map((line, i) => <View key={i}>{line}</View>)}
            {banner.venueId && (
              <Button className="btn" onClick={() => Taro.navigateTo({ url: `/venues/pages/detail/index?id=${encodeURIComponent(banner.venueId!)}` })}>{t('venues.apply.viewExisting')}</Button>
            )}
            {banner.register && <Button className="btn" onClick={() => Taro.navigateTo({ url: '/pages/login/index' })}>{t('venues.register')}</Button>}
          </View>
        )}
        <Button className="btn btn-primary" loading={busy} disabled={busy} onClick={submit}>{t('venues.apply.submit')}</Button>
      </View>
    </Page>
  );
}
