// Taro's components as plain DOM elements: the pages' own logic and text are under test, and
// Taro's real H5 components are exercised by the browser tests.
import { createElement, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string };

function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'onClick' || key === 'className' || key === 'style' || key === 'children' || key.startsWith('data-') || key === 'id') out[key] = value;
    if (key === 'ariaLabel') out['aria-label'] = value;
  }
  return out;
}

const element = (tag: string) =>
  function TaroElement(props: Props) {
    return createElement(tag, domProps(props), props.children as ReactNode);
  };

export const View = element('div');
export const Text = element('span');
export const ScrollView = element('div');
export const Label = element('label');
export const Form = element('form');

export function Button(props: Props & { disabled?: boolean; loading?: boolean }) {
  return createElement('button', { ...domProps(props), disabled: Boolean(props.disabled || props.loading), type: 'button' }, props.children as ReactNode);
}

export function Image(props: Props & { src: string }) {
  return createElement('img', { ...domProps(props), src: props.src, alt: (props.ariaLabel as string) ?? '' });
}

function inputHandlers(props: Props) {
  return {
    onChange: (e: { target: { value: string } }) => (props.onInput as ((e: unknown) => void) | undefined)?.({ detail: { value: e.target.value } }),
    onBlur: (e: { target: { value: string } }) => (props.onBlur as ((e: unknown) => void) | undefined)?.({ detail: { value: e.target.value } }),
  };
}

export function Input(props: Props & { value?: string; placeholder?: string; type?: string; maxlength?: number; name?: string }) {
  return createElement('input', {
    ...domProps(props),
    value: props.value ?? '',
    placeholder: props.placeholder,
    name: props.name,
    'aria-label': (props.ariaLabel as string) ?? props.placeholder,
    ...inputHandlers(props),
  });
}

export function Textarea(props: Props & { value?: string; placeholder?: string; name?: string }) {
  return createElement('textarea', { ...domProps(props), value: props.value ?? '', placeholder: props.placeholder, name: props.name, 'aria-label': (props.ariaLabel as string) ?? props.placeholder, ...inputHandlers(props) });
}

export function Switch(props: Props & { checked?: boolean; onChange?: (e: { detail: { value: boolean } }) => void }) {
  return createElement('input', {
    ...domProps(props),
    type: 'checkbox',
    role: 'switch',
    checked: Boolean(props.checked),
    'aria-label': props.ariaLabel as string,
    onChange: (e: { target: { checked: boolean } }) => props.onChange?.({ detail: { value: e.target.checked } }),
  });
}

/** Picker (mode selector): a <select> whose change reports the index, as Taro does. */
export function Picker(props: Props & { mode?: string; range?: unknown[]; rangeKey?: string; value?: number | string; onChange?: (e: { detail: { value: number | string } }) => void }) {
  // Date and time pickers: a text box whose change reports 'YYYY-MM-DD' or 'HH:mm', as Taro does.
  if (props.mode === 'date' || props.mode === 'time') {
    return createElement(
      'label',
      domProps(props),
      createElement('input', { type: 'text', 'data-mode': props.mode, 'aria-label': props.ariaLabel as string, defaultValue: String(props.value ?? ''), onChange: (e: { target: { value: string } }) => props.onChange?.({ detail: { value: e.target.value } }) }),
      props.children as ReactNode,
    );
  }
  const range = (props.range ?? []) as Array<Record<string, unknown> | string>;
  const label = (item: Record<string, unknown> | string) => (typeof item === 'string' ? item : String(item[props.rangeKey ?? 'name']));
  return createElement(
    'label',
    domProps(props),
    createElement(
      'select',
      { 'aria-label': props.ariaLabel as string, value: String(props.value ?? ''), onChange: (e: { target: { value: string } }) => props.onChange?.({ detail: { value: Number(e.target.value) } }) },
      createElement('option', { value: '' }, '-'),
      ...range.map((item, i) => createElement('option', { key: i, value: String(i) }, label(item))),
    ),
    props.children as ReactNode,
  );
}
