/**
 * Form fields with a visible label, an optional hint and an error message, wired together with
 * aria-describedby and aria-invalid so screen readers read all three with the control.
 * Inputs carry `required` for assistive technology; forms use `novalidate` and validate
 * themselves, so errors appear in the page's language and in the error summary.
 */
import { For, type JSX, type ParentProps, Show, splitProps } from 'solid-js';
import { t } from '../i18n/index.ts';

export interface FieldShellProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

/** The ids of the hint and error paragraphs that describe control `id`. */
export function describedBy(props: FieldShellProps): string | undefined {
  const ids = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldShell(props: ParentProps<FieldShellProps>) {
  return (
    <div class="field" classList={{ 'field--invalid': !!props.error }}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <p class="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field__error" id={`${props.id}-error`}>
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {props.error}
        </p>
      </Show>
      {props.children}
    </div>
  );
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onInput'>;

export interface TextFieldProps extends FieldShellProps, InputAttributes {
  value: string;
  onValue: (value: string) => void;
}

export function TextField(props: TextFieldProps) {
  const [shell, local, input] = splitProps(props, ['id', 'label', 'hint', 'error'], ['value', 'onValue', 'class']);
  return (
    <FieldShell {...shell}>
      <input
        type="text"
        {...input}
        id={shell.id}
        class={`input ${local.class ?? ''}`}
        value={local.value}
        onInput={(event) => local.onValue(event.currentTarget.value)}
        aria-invalid={shell.error ? 'true' : undefined}
        aria-describedby={describedBy(shell)}
      />
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends FieldShellProps {
  value: string;
  onValue: (value: string) => void;
  options: readonly SelectOption[];
  /** Text of an empty first option, so nothing is chosen for the user by accident. */
  placeholder?: string;
  required?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const [shell] = splitProps(props, ['id', 'label', 'hint', 'error']);
  return (
    <FieldShell {...shell}>
      <select
        id={props.id}
        class="input select"
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(shell)}
        onChange={(event) => props.onValue(event.currentTarget.value)}
      >
        <Show when={props.placeholder}>
          <option value="" selected={props.value === ''}>
            {props.placeholder}
          </option>
        </Show>
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={props.value === option.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </FieldShell>
  );
}
