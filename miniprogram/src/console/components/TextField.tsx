import { Input } from '@tarojs/components';
import { Field } from '../../components/Field';
import type { ApiError } from '../../services/api';

/** A one-line field whose error comes from the server's answer for its path, or from the page's own check. */
export function TextField({
  label,
  value,
  onChange,
  error,
  path,
  local,
  placeholder,
  maxlength = 100,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: ApiError | null;
  path: string;
  /** The page's own check, before anything is sent. */
  local?: string;
  placeholder?: string;
  maxlength?: number;
}) {
  const message = local ?? error?.fieldMessage(path);
  return (
    <Field label={label} error={message}>
      <Input className={`input ${message ? 'invalid' : ''}`} value={value} maxlength={maxlength} placeholder={placeholder ?? label} ariaLabel={label} onInput={(e) => onChange(e.detail.value)} />
    </Field>
  );
}
