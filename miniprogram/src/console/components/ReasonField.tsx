import { Textarea, View } from '@tarojs/components';
import { Field } from '../../components/Field';
import type { ApiError } from '../../services/api';

/** A reason the other side will read (the owner, the resident, the audit log): typed in full sentences. */
export function ReasonField({
  label,
  value,
  onChange,
  error,
  path = 'reason',
  placeholder,
  testId = 'reason',
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: ApiError | null;
  path?: string;
  placeholder?: string;
  testId?: string;
}) {
  return (
    <Field label={label} error={error?.fieldMessage(path)}>
      <View data-testid={testId}>
        <Textarea
          className={`input console-textarea ${error?.fieldMessage(path) ? 'invalid' : ''}`}
          value={value}
          maxlength={500}
          placeholder={placeholder ?? label}
          ariaLabel={label}
          onInput={(e) => onChange(e.detail.value)}
        />
      </View>
    </Field>
  );
}
