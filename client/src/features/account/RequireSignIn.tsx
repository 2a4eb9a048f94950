/**
 * Wraps pages that need an account: once the session is known, a signed-out visitor is sent to
 * the sign-in page, which brings them back here afterwards. This only decides what to show; the
 * server refuses the data itself to anyone not allowed.
 */
import { useLocation, useNavigate } from '@solidjs/router';
import { createEffect, type ParentProps, Show } from 'solid-js';
import { Loading } from '../../components/Spinner.tsx';
import { useSession } from '../../state/session.ts';

export function RequireSignIn(props: ParentProps) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  createEffect(() => {
    if (session.ready() && !session.user()) {
      navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    }
  });
  return (
    <Show when={session.user()} fallback={<Loading />}>
      {props.children}
    </Show>
  );
}
