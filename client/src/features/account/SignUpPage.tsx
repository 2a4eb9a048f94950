/** Create an account (name, email, password), then continue to one's organisations. */
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/Field.tsx';
import { collectErrors, createFormState } from '../../components/form.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { emailError, nameError, newPasswordError, passwordRules, safeNext } from './validation.ts';

export default function SignUpPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const form = createFormState();

  const validate = () => collectErrors(['signup-name', nameError(name())], ['signup-email', emailError(email())], ['signup-password', newPasswordError(password())]);

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.submit(validate, async () => {
      await session.signUp({ name: name().trim(), email: email().trim(), password: password() });
      // A new account belongs to no organisation yet: that is the next step.
      navigate(safeNext(search.next, '/organizations'), { replace: true });
    });
  };

  return (
    <section class="page page--narrow">
      <PageHeading title={t('signup.title')} />
      <p>{t('signup.intro')}</p>
      <ErrorSummary errors={form.errors()} />
      <form class="form" novalidate onSubmit={onSubmit}>
        <TextField
          id="signup-name"
          label={t('field.name')}
          hint={t('field.name.hint')}
          dir="auto"
          autocomplete="name"
          required
          value={name()}
          onValue={setName}
          error={form.fieldError('signup-name')}
        />
        <TextField
          id="signup-email"
          label={t('field.email')}
          type="email"
          dir="ltr"
          autocomplete="email"
          autocapitalize="off"
          spellcheck={false}
          required
          value={email()}
          onValue={setEmail}
          error={form.fieldError('signup-email')}
        />
        <PasswordField
          id="signup-password"
          label={t('field.password')}
          hint={passwordRules()}
          autocomplete="new-password"
          value={password()}
          onValue={setPassword}
          error={form.fieldError('signup-password')}
        />
        <div class="form__actions">
          <Button type="submit" busy={form.busy()}>
            {t('signup.submit')}
          </Button>
        </div>
      </form>
      <p class="page__aside">
        {t('signup.haveAccount')} <A href="/signin">{t('account.signIn')}</A>
      </p>
    </section>
  );
}
