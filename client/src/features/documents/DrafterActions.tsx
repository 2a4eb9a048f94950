/**
 * What the drafters do with their document from its page: open the consultation (with an
 * optional closing time, after which it behaves as closed) or close it, publish the report, and
 * publish a new version (upload and note, then the diff).
 */
import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import type { DocumentDto, DocumentStatus, Source } from '../../../../shared/documents.ts';
import { publishVersion, updateDocument } from '../../api/documents.ts';
import { createIdempotencyKeys } from '../../api/http.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { TextField } from '../../components/Field.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { t } from '../../i18n/index.ts';
import { SourceInput } from './SourceInput.tsx';

/** A `datetime-local` value (the drafter's local time) as an instant, or null when empty or invalid. */
function localInstant(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The current local time as a `datetime-local` value, for the field's `min`. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Open the consultation, optionally until a closing time that must lie in the future. */
function OpenForm(props: { busy: boolean; onOpen: (closesAt: string | undefined) => void }) {
  const [closesAt, setClosesAt] = createSignal('');
  const [error, setError] = createSignal('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const when = localInstant(closesAt());
    if (closesAt() && (!when || when.getTime() <= Date.now())) {
      setError(t('drafter.closesAt.past'));
      return;
    }
    setError('');
    props.onOpen(when ? when.toISOString() : undefined);
  };
  return (
    <form class="form" novalidate onSubmit={submit}>
      <TextField
        id="open-closes-at"
        type="datetime-local"
        label={t('drafter.closesAt')}
        hint={t('drafter.closesAt.hint')}
        error={error()}
        min={localNow()}
        value={closesAt()}
        onValue={setClosesAt}
      />
      <Button type="submit" variant="secondary" busy={props.busy}>
        {t('drafter.open')}
      </Button>
    </form>
  );
}

function NewVersionForm(props: { document: DocumentDto }) {
  const navigate = useNavigate();
  const [source, setSource] = createSignal<Source | null>(null);
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const keyFor = createIdempotencyKeys();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const current = source();
    if (!current || !note().trim()) {
      setError(t('version.required'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const body = { source: current, note: note().trim() };
      const version = await publishVersion(props.document.id, body, { idempotencyKey: keyFor(body) });
      navigate(`/documents/${encodeURIComponent(props.document.id)}/diff?from=${version.number - 1}&to=${version.number}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" novalidate onSubmit={(event) => void submit(event)}>
      <SourceInput idPrefix="version-source" onSource={setSource} />
      <TextField id="version-note" label={t('version.note')} hint={t('version.note.hint')} dir="auto" value={note()} onValue={setNote} />
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
      <Show when={busy()}>
        <p role="status" class="progress">
          <progress aria-label={t('upload.uploading')} />
          <span>{t('upload.uploading')}</span>
        </p>
      </Show>
      <Button type="submit" busy={busy()}>
        {t('version.publish')}
      </Button>
    </form>
  );
}

export function DrafterActions(props: { document: DocumentDto; onUpdated: (document: DocumentDto) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [showVersion, setShowVersion] = createSignal(false);
  const setStatus = async (status: DocumentStatus, closesAt?: string) => {
    setBusy(true);
    setError('');
    try {
      props.onUpdated(await updateDocument(props.document.id, closesAt ? { status, closesAt } : { status }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const base = () => `/documents/${encodeURIComponent(props.document.id)}`;
  return (
    <section class="drafter-actions" aria-labelledby="drafter-actions-title">
      <h2 id="drafter-actions-title" class="section-title">
        {t('drafter.title')}
      </h2>
      <div class="actions">
        <A class="button button--primary" href={`${base()}/queue`}>
          {t('drafter.queue')}
        </A>
        <Show when={props.document.status === 'open'}>
          <Button variant="secondary" busy={busy()} onClick={() => void setStatus('closed')}>
            {t('drafter.close')}
          </Button>
        </Show>
        <Show when={props.document.status === 'closed'}>
          <Button variant="secondary" busy={busy()} onClick={() => void setStatus('reported')}>
            {t('drafter.publishReport')}
          </Button>
        </Show>
        <Button variant="secondary" aria-expanded={showVersion() ? 'true' : 'false'} onClick={() => setShowVersion(!showVersion())}>
          {t('drafter.newVersion')}
        </Button>
      </div>
      <Show when={props.document.status === 'draft' || props.document.status === 'closed'}>
        <OpenForm busy={busy()} onOpen={(closesAt) => void setStatus('open', closesAt)} />
      </Show>
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
      <Show when={showVersion()}>
        <NewVersionForm document={props.document} />
      </Show>
    </section>
  );
}
