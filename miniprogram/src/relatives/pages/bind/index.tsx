import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { View, Text, Button, Input, Picker } from '@tarojs/components';
import {
  ageOn,
  checkIdNumber,
  errorMessage,
  fieldMessage,
  normaliseIdNumber,
  relativeAgeAllowed,
  FACE_CHECK_FROM_AGE,
  type Relationship,
} from '@health-code/shared';
import { Page } from '../../../components/Page';
import { useT } from '../../../i18n';
import { api, ApiError } from '../../../services/api';
import type { Relative } from '../../../services/types';
import { platform, FaceCheckIncomplete, PlatformCancelled } from '../../../platform';
import { backOr } from '../../navigation';
import { RELATIONSHIPS } from '../../i18n';
import '../../relatives.css';

type Field = 'name' | 'idNumber' | 'relationship';
type FieldErrors = Partial<Record<Field, string>>;
interface Banner {
  error: boolean;
  text: string;
}
interface FaceCheckStarted {
  faceCheckId: string;
  certifyId: string;
  certifyUrl: string;
  expiresAt: string;
}

/** Refusals about one field, shown under it with the server's message (it names the age, the hotline...). */
const FIELD_OF_CODE: Record<string, Field> = {
  RELATIVE_ID_NUMBER_INVALID: 'idNumber',
  RELATIVE_AGE_NOT_ALLOWED: 'idNumber',
  RELATIVE_IS_SELF: 'idNumber',
  RELATIVE_FACE_CHECK_NOT_NEEDED: 'idNumber',
  RELATIVE_NAME_MISMATCH: 'name',
};
const FIELDS: Field[] = ['name', 'idNumber', 'relationship'];

/** Where a server refusal goes: under its field, or in the banner (R21-R24). */
function placeError(error: ApiError): { fields: FieldErrors; banner: Banner | null } {
  const field = FIELD_OF_CODE[error.code];
  if (field) {
    // An invalid ID number says exactly why in its field code (checksum, birth date, ...).
    const text = error.code === 'RELATIVE_ID_NUMBER_INVALID' ? error.fieldMessage('idNumber') ?? error.message : error.message;
    return { fields: { [field]: text }, banner: null };
  }
  if (error.code === 'VALIDATION_FAILED') {
    const fields: FieldErrors = {};
    for (const f of FIELDS) {
      const message = error.fieldMessage(f);
      if (message) fields[f] = message;
    }
    if (Object.keys(fields).length > 0) return { fields, banner: null };
  }
  return { fields: {}, banner: { error: true, text: error.message } };
}

export default function BindRelative() {
  const { t, lang } = useT();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [relationship, setRelationship] = useState<Relationship | null>(null);
  const [idTouched, setIdTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [nameMissing, setNameMissing] = useState(false);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('relatives.bindTitle') });
  }, [lang]);

  // What the phone can tell from the ID number alone (R21, R24); the server checks again.
  const sharedLang = lang === 'en' ? 'en-US' : 'zh-CN';
  const typed = normaliseIdNumber(idNumber);
  const showIdCheck = idTouched || typed.length >= 18;
  const idCheck = typed ? checkIdNumber(typed) : null;
  const age = idCheck?.ok ? ageOn(idCheck.info.birthDate, new Date()) : null;
  const ageAllowed = age !== null && relativeAgeAllowed(age);
  const needsFace = age !== null && ageAllowed && age >= FACE_CHECK_FROM_AGE;

  let idError: string | undefined = serverErrors.idNumber;
  if (!idError && showIdCheck && idCheck && !idCheck.ok) idError = fieldMessage(idCheck.problem, sharedLang);
  if (!idError && showIdCheck && typed === '' && idTouched) idError = fieldMessage('REQUIRED', sharedLang);
  if (!idError && age !== null && !ageAllowed) idError = errorMessage('RELATIVE_AGE_NOT_ALLOWED', sharedLang, { age });
  const nameError = serverErrors.name ?? (nameMissing ? t('relatives.nameRequired') : undefined);

  const clearServerError = (field: Field) =>
    setServerErrors((all) => {
      const next = { ...all };
      delete next[field];
      return next;
    });

  const fail = (error: ApiError) => {
    const placed = placeError(error);
    setServerErrors(placed.fields);
    setBanner(placed.banner);
  };

  const submit = async () => {
    setBanner(null);
    setServerErrors({});
    setIdTouched(true);
    const cleanName = name.trim();
    setNameMissing(!cleanName);
    // Refused up front with the rule's own message: no request, no face check for nothing.
    if (!cleanName || !idCheck?.ok || !ageAllowed) return;
    const body = { name: cleanName, idNumber: idCheck.info.idNumber, ...(relationship ? { relationship } : {}) };

    setSubmitting(true);
    try {
      let faceCheckToken: string | undefined;
      if (needsFace) {
        try {
          faceCheckToken = await platform.faceCheck({
            name: body.name,
            idNumber: body.idNumber,
            startOnServer: () => api.post<FaceCheckStarted>('/me/relatives/face-checks', { name: body.name, idNumber: body.idNumber }),
          });
        } catch (err) {
          if (err instanceof PlatformCancelled) return setBanner({ error: false, text: t('relatives.faceCancelled') });
          if (err instanceof FaceCheckIncomplete) return setBanner({ error: true, text: t('relatives.faceIncomplete', { detail: err.detail }) });
          throw err;
        }
      }
      await api.post<Relative>('/me/relatives', { ...body, ...(faceCheckToken ? { faceCheckToken } : {}) });
      void Taro.showToast({ title: t('relatives.added'), icon: 'success' });
      backOr('/relatives/pages/list/index');
    } catch (err) {
      fail(err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err)));
    } finally {
      setSubmitting(false);
    }
  };

  const relationshipLabels = RELATIONSHIPS.map((r) => t(`relatives.rel.${r}`));
  const relationshipIndex = relationship ? RELATIONSHIPS.indexOf(relationship) : -1;

  return (
    <Page>
      <View className="card">
        <Text className="muted">{t('relatives.bindIntro')}</Text>
      </View>

      {banner && <View className={`banner ${banner.error ? 'error' : ''}`} data-testid="banner">{banner.text}</View>}

      <View className="card">
        <View className="field">
          <Text className="field-label">{t('relatives.name')}</Text>
          <Input
            className={`input ${nameError ? 'invalid' : ''}`}
            value={name}
            placeholder={t('relatives.namePlaceholder')}
            ariaLabel={t('relatives.name')}
            maxlength={30}
            onInput={(e) => {
              setName(e.detail.value);
              setNameMissing(false);
              clearServerError('name');
            }}
          />
          {nameError && <View className="error-text" data-testid="name-error">{nameError}</View>}
        </View>

        <View className="field">
          <Text className="field-label">{t('relatives.idNumberLabel')}</Text>
          <Input
            className={`input ${idError ? 'invalid' : ''}`}
            type="idcard"
            value={idNumber}
            placeholder={t('relatives.idPlaceholder')}
            ariaLabel={t('relatives.idNumberLabel')}
            maxlength={18}
            onInput={(e) => {
              setIdNumber(e.detail.value);
              clearServerError('idNumber');
            }}
            onBlur={() => setIdTouched(idNumber.trim() !== '')}
          />
          {idError && <View className="error-text" data-testid="id-error">{idError}</View>}
          {age !== null && ageAllowed && !serverErrors.idNumber && (
            <View className="id-facts" data-testid="id-facts">
              <Text>{t('relatives.ageIs', { age })}</Text>
              <Text className={needsFace ? 'text-yellow' : 'muted'}>{t(needsFace ? 'relatives.faceNeeded' : 'relatives.faceNotNeeded')}</Text>
            </View>
          )}
        </View>

        <View className="field">
          <Text className="field-label">{t('relatives.relationship')}</Text>
          <Picker
            mode="selector"
            range={relationshipLabels}
            value={relationshipIndex >= 0 ? relationshipIndex : undefined}
            onChange={(e) => {
              setRelationship(RELATIONSHIPS[Number(e.detail.value)] ?? null);
              clearServerError('relationship');
            }}
          >
            <View className="input">{relationshipIndex >= 0 ? relationshipLabels[relationshipIndex] : t('relatives.relationshipNone')}</View>
          </Picker>
          {serverErrors.relationship && <View className="error-text">{serverErrors.relationship}</View>}
        </View>

        {/* The label changes with the age typed: in its own Text, so that React does not replace
            every child of Taro H5's button (its loading icon's anchor too, a console error). */}
        <Button className="btn btn-primary" data-testid="bind-submit" loading={submitting} disabled={submitting} onClick={submit}>
          <Text>{t(needsFace ? 'relatives.submitWithFace' : 'relatives.submit')}</Text>
        </Button>
      </View>
    </Page>
  );
}
