/** A short status label. Its meaning is in its text, never in its colour alone. */
import type { ParentProps } from 'solid-js';

export function Badge(props: ParentProps<{ tone?: 'neutral' | 'success' | 'warning' }>) {
  return <span class={`badge badge--${props.tone ?? 'neutral'}`}>{props.children}</span>;
}
