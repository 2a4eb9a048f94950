/** Sign in with email and password; afterwards return to the page that asked for it. */
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/Field.tsx';
import { collectErrors, createFormState } from '../../components/form.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { emailError, safeNext } from './validation.ts';

export default function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const form = createFormState();
  const next = () => safeNext(search.next);

  const validate = () => collectErrors(['signin-email', emailError(email())], ['signin-password', password() === '' ? t('validation.password.required') : undefined]);

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.submit(validate, async () => {
      await session.signIn({ email: email().trim(), password: password() });
      navigate(next(), { replace: true });
    });
  };

  return (
    <section class="page page--narrow">
      <PageHeading title={t('signin.title')} />
      <Show when={search.next}>
        <Alert tone="info">{t('signin.required')}</Alert>
      </Show>
      <p>{t('signin.intro')}</p>
      <ErrorSummary errors={form.errors()} />
      <form class="form" novalidate onSubmit={onSubmit}>
        <TextField
          id="signin-email"
          label={t('field.email')}
          type="email"
          dir="ltr"
          autocomplete="username"
          autocapitalize="off"
          spellcheck={false}
          required
          value={email()}
          onValue={setEmail}
          error={form.fieldError('signin-email')}
        />
        <PasswordField
          id="signin-password"
          label={t('field.password')}
          autocomplete="current-password"
          value={password()}
          onValue={setPassword}
          error={form.fieldError('signin-password')}
        />
        <div class="form__actions">
          <Button type="submit" busy={form.busy()}>
            {t('signin.submit')}
          </Button>
        </div>
      </form>
      <p class="page__aside">
        {t('signin.noAccount')} <A href={search.next ? `/signup?next=${encodeURIComponent(next())}` : '/signup'}>{t('account.signUp')}</A>
      </p>
    </section>
  );
}
