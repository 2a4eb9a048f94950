/**
 * Change one's password. The server then ends every other session and sets a new cookie for
 * this one, so someone who learnt the old password is locked out at once.
 */
import { createSignal, Show } from 'solid-js';
import { changePassword } from '../../api/auth.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { collectErrors, createFormState } from '../../components/form.ts';
import { PasswordField } from '../../components/PasswordField.tsx';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { newPasswordError, passwordRules } from './validation.ts';

export function ChangePasswordForm() {
  const session = useSession();
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [done, setDone] = createSignal(false);
  const form = createFormState();

  const validate = () => collectErrors(['password-current', current() === '' ? t('validation.currentPassword.required') : undefined], ['password-new', newPasswordError(next())]);

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    setDone(false);
    void form.submit(
      validate,
      async () => {
        await changePassword({ currentPassword: current(), newPassword: next() });
        setCurrent('');
        setNext('');
        setDone(true);
        await session.refresh();
      },
      // Here a 401 means the current password was wrong, not that the session ended.
      { invalid_credentials: 'changePassword.wrongCurrent' },
    );
  };

  return (
    <section class="panel" aria-labelledby="change-password-title">
      <h2 id="change-password-title">{t('changePassword.title')}</h2>
      <Show when={done()}>
        <Alert tone="success">{t('changePassword.done')}</Alert>
      </Show>
      <ErrorSummary errors={form.errors()} />
      <form class="form" novalidate onSubmit={onSubmit}>
        <PasswordField
          id="password-current"
          label={t('field.currentPassword')}
          autocomplete="current-password"
          value={current()}
          onValue={setCurrent}
          error={form.fieldError('password-current')}
        />
        <PasswordField
          id="password-new"
          label={t('field.newPassword')}
          hint={passwordRules()}
          autocomplete="new-password"
          value={next()}
          onValue={setNext}
          error={form.fieldError('password-new')}
        />
        <div class="form__actions">
          <Button type="submit" busy={form.busy()}>
            {t('changePassword.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
