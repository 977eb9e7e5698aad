import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { checkIdNumber, fieldMessage, maskIdNumber } from '@health-code/shared';
import { Field } from '../../components/Field';
import { useT } from '../../i18n';

/** The page's own check of an ID number (GB 11643 check character), in the person's language. */
export function idNumberProblem(value: string, lang: 'zh' | 'en'): string | undefined {
  const check = checkIdNumber(value);
  return check.ok ? undefined : fieldMessage(check.problem, lang === 'en' ? 'en-US' : 'zh-CN');
}

/**
 * An ID number typed by an official (R34): shown whole only while it is typed; once entered it is
 * shown masked (first 3 and last 4), and a tap opens it for a correction. It never goes into an
 * address, only into a request body.
 */
export function IdNumberInput({ label, value, onChange, error }: { label: string; value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useT();
  const [editing, setEditing] = useState(true);
  const entered = !editing && value.length > 0 && checkIdNumber(value).ok;
  return (
    <Field label={label} error={error}>
      {entered ? (
        <View className="input console-masked" data-testid="id-masked" onClick={() => setEditing(true)}>
          <Text>{maskIdNumber(value.trim().toUpperCase())}</Text>
          <Text className="console-link">{t('console.edit')}</Text>
        </View>
      ) : (
        <Input
          className={`input ${error ? 'invalid' : ''}`}
          value={value}
          maxlength={18}
          type="idcard"
          focus={!editing ? false : value.length > 0}
          placeholder={t('console.idNumberPlaceholder')}
          ariaLabel={label}
          onInput={(e) => onChange(e.detail.value)}
          onBlur={() => setEditing(false)}
        />
      )}
    </Field>
  );
}
