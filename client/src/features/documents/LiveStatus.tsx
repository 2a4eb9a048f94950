/**
 * The connection line of a live page (the reader and the drafters' queue): "Reconnecting…" while
 * the socket is away, how many posts wait in the outbox, and who else is reading.
 */
import { Show } from 'solid-js';
import { Badge } from '../../components/Badge.tsx';
import { t, tp } from '../../i18n/index.ts';
import type { LiveDocument } from '../../state/live-document.ts';

export function LiveStatus(props: { live: LiveDocument }) {
  const presence = () => props.live.presence();
  // Comments and replies; a waiting endorsement is shown on its thread's card instead.
  const waiting = () => props.live.outbox().filter((entry) => entry.kind !== 'endorsement').length;
  return (
    <div class="live-status">
      <p role="status" class="live-status__connection">
        <Show when={props.live.status() === 'reconnecting' || props.live.status() === 'connecting'}>
          <Badge tone="warning">{t('live.reconnecting')}</Badge>
        </Show>
        <Show when={props.live.status() === 'ended'}>
          <Badge tone="warning">{t('live.ended')}</Badge>
        </Show>
        <Show when={waiting() > 0}>
          {' '}
          <span>{tp('live.outbox', waiting())}</span>
        </Show>
      </p>
      <Show when={presence()}>
        {(readers) => (
          <p class="live-status__presence">
            {tp('live.reading', readers().total)}
            <Show when={readers().colleagues.length > 0}>
              {' · '}
              {t('live.colleagues', { names: readers().colleagues.map((c) => c.name).join(', ') })}
            </Show>
          </p>
        )}
      </Show>
    </div>
  );
}
