/**
 * A message box. Errors use role="alert" (announced at once); confirmations and information
 * use role="status" (announced politely).
 */
import { type ParentProps, Show } from 'solid-js';

export interface AlertProps {
  tone: 'error' | 'success' | 'info';
  title?: string;
}

export function Alert(props: ParentProps<AlertProps>) {
  return (
    <div class={`alert alert--${props.tone}`} role={props.tone === 'error' ? 'alert' : 'status'}>
      <Show when={props.title}>
        <p class="alert__title">{props.title}</p>
      </Show>
      <div class="alert__body">{props.children}</div>
    </div>
  );
}
