/**
 * A password input with a "Show password" toggle: seeing what one typed beats typing it twice,
 * especially on a phone or in a script one is less used to.
 * Passwords are always written left to right, whatever the page direction.
 */
import { createSignal } from 'solid-js';
import { t } from '../i18n/index.ts';
import { describedBy, FieldShell, type FieldShellProps } from './Field.tsx';

export interface PasswordFieldProps extends FieldShellProps {
  value: string;
  onValue: (value: string) => void;
  autocomplete: 'current-password' | 'new-password';
}

export function PasswordField(props: PasswordFieldProps) {
  const [visible, setVisible] = createSignal(false);
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      <div class="password">
        <input
          id={props.id}
          class="input"
          type={visible() ? 'text' : 'password'}
          dir="ltr"
          autocomplete={props.autocomplete}
          autocapitalize="off"
          spellcheck={false}
          required
          value={props.value}
          onInput={(event) => props.onValue(event.currentTarget.value)}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy(props)}
        />
        <button
          type="button"
          class="button button--secondary password__toggle"
          aria-pressed={visible() ? 'true' : 'false'}
          aria-controls={props.id}
          onClick={() => setVisible(!visible())}
        >
          {t('form.showPassword')}
        </button>
      </div>
    </FieldShell>
  );
}
