/**
 * A button. While `busy`, it stays focusable (a disabled button would drop keyboard focus) but
 * is marked aria-disabled and ignores clicks, so a form cannot be sent twice.
 */
import { type JSX, Show, splitProps } from 'solid-js';
import { t } from '../i18n/index.ts';
import { Spinner } from './Spinner.tsx';

export interface ButtonProps extends JSX.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'quiet';
  busy?: boolean;
}

export function Button(props: ButtonProps) {
  const [local, rest] = splitProps(props, ['variant', 'busy', 'type', 'class', 'children', 'onClick']);
  const onClick: JSX.EventHandler<HTMLButtonElement, MouseEvent> = (event) => {
    if (local.busy) {
      event.preventDefault();
      return;
    }
    if (typeof local.onClick === 'function') local.onClick(event);
  };
  return (
    <button
      {...rest}
      type={local.type ?? 'button'}
      class={`button button--${local.variant ?? 'primary'} ${local.class ?? ''}`}
      aria-disabled={local.busy ? 'true' : undefined}
      onClick={onClick}
    >
      <Show when={local.busy}>
        <Spinner />
      </Show>
      {local.children}
      <Show when={local.busy}>
        <span class="visually-hidden"> {t('common.working')}</span>
      </Show>
    </button>
  );
}
