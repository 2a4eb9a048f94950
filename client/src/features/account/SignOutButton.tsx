/** Ends the session on the server, forgets it here, and goes to the home page. */
import { useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';

export function SignOutButton() {
  const session = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  const signOut = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await session.signOut();
      navigate('/');
    } catch (failure) {
      // Still signed in (e.g. offline): say so rather than pretend.
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="secondary" busy={busy()} onClick={() => void signOut()}>
        {t('account.signOut')}
      </Button>
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
    </>
  );
}
