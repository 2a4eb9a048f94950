/**
 * The composer: a modal dialog (Escape closes it and focus returns to where it was) to open a
 * thread on a passage: kind, text, suggested wording, who may read it, how it is signed, and
 * for whom. A failed post keeps the text; a retry reuses the same Idempotency-Key. Posts made
 * offline are queued by the store and sent when the connection returns.
 */
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { Membership } from '../../../../shared/auth.ts';
import type { Anchor, Attribution, CreateThreadBody, ThreadKind, ThreadVisibility } from '../../../../shared/threads.ts';
import { createIdempotencyKeys } from '../../api/http.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { SelectField } from '../../components/Field.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { t } from '../../i18n/index.ts';
import type { PostResult } from '../../state/live-document.ts';
import { ATTRIBUTION_VALUES, attributionHint, attributionLabel, THREAD_KIND_VALUES, threadKindLabel } from './labels.ts';

export interface ComposerTarget {
  anchor: Anchor;
  quote: string;
  /** The version the passage was selected on: the server refuses a span of an older one. */
  version: number;
}

export interface ComposerProps {
  target: ComposerTarget | null;
  organizations: readonly Membership[];
  onPost: (body: CreateThreadBody, key: string) => Promise<PostResult>;
  onClose: () => void;
}

function Choice(props: { name: string; value: string; checked: boolean; label: string; hint: string; onChoose: () => void }) {
  const hintId = () => `${props.name}-${props.value}-hint`;
  return (
    <div class="choice">
      <label class="radio">
        <input type="radio" name={props.name} value={props.value} checked={props.checked} aria-describedby={hintId()} onChange={() => props.onChoose()} />
        <span>{props.label}</span>
      </label>
      <p class="field__hint choice__hint" id={hintId()}>
        {props.hint}
      </p>
    </div>
  );
}

export function Composer(props: ComposerProps) {
  let dialog: HTMLDialogElement | undefined;
  let returnFocus: Element | null = null;
  const [kind, setKind] = createSignal<ThreadKind>('comment');
  const [body, setBody] = createSignal('');
  const [suggestion, setSuggestion] = createSignal('');
  const [visibility, setVisibility] = createSignal<ThreadVisibility>('public');
  const [attribution, setAttribution] = createSignal<Attribution>('named');
  const [organizationId, setOrganizationId] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const keyFor = createIdempotencyKeys();

  createEffect(
    on(
      () => props.target,
      (target) => {
        if (!dialog) return;
        if (target && !dialog.open) {
          returnFocus = document.activeElement;
          setError('');
          if (kind() === 'suggestion' && !suggestion()) setSuggestion(target.quote);
          dialog.showModal();
        } else if (!target && dialog.open) dialog.close();
      },
    ),
  );

  const close = () => {
    props.onClose();
    if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const target = props.target;
    if (!target || busy()) return;
    if (!body().trim()) {
      setError(t('composer.body.required'));
      return;
    }
    const request: CreateThreadBody = {
      anchor: target.anchor,
      version: target.version,
      kind: kind(),
      body: body().trim(),
      visibility: visibility(),
      attribution: attribution(),
      ...(kind() === 'suggestion' && suggestion().trim() ? { suggestion: suggestion().trim() } : {}),
      ...(props.organizations.length > 1 ? { organizationId: organizationId() || props.organizations[0].organizationId } : {}),
    };
    setBusy(true);
    setError('');
    const result = await props.onPost(request, keyFor(request));
    setBusy(false);
    if (result.ok || result.queued) {
      setBody('');
      setSuggestion('');
      close();
    } else {
      setError(errorMessage(result.error));
    }
  };

  const chooseKind = (value: ThreadKind) => {
    setKind(value);
    if (value === 'suggestion' && !suggestion()) setSuggestion(props.target?.quote ?? '');
  };

  return (
    <dialog
      class="composer"
      aria-labelledby="composer-title"
      aria-describedby="composer-quote"
      ref={dialog}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <form class="form" novalidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id="composer-title">{t('composer.title')}</h2>
        <Show when={props.target}>
          {(target) => (
            // Read out with the dialog's name, so whoever selected by keyboard hears what is quoted.
            <blockquote class="quote" id="composer-quote" dir="auto">
              {target().quote}
            </blockquote>
          )}
        </Show>
        <fieldset class="field radio-group">
          <legend class="field__label">{t('composer.kind')}</legend>
          <For each={THREAD_KIND_VALUES}>
            {(value) => (
              <label class="radio">
                <input type="radio" name="composer-kind" value={value} checked={kind() === value} onChange={() => chooseKind(value)} />
                <span>{threadKindLabel(value)}</span>
              </label>
            )}
          </For>
        </fieldset>
        <div class="field">
          <label class="field__label" for="composer-body">
            {t('composer.body')}
          </label>
          <textarea id="composer-body" class="input textarea" dir="auto" rows={5} maxLength={10000} required value={body()} onInput={(event) => setBody(event.currentTarget.value)} />
        </div>
        <Show when={kind() === 'suggestion'}>
          <div class="field">
            <label class="field__label" for="composer-suggestion">
              {t('composer.suggestion')}
            </label>
            <p class="field__hint" id="composer-suggestion-hint">
              {t('composer.suggestion.hint')}
            </p>
            <textarea
              id="composer-suggestion"
              class="input textarea"
              dir="auto"
              rows={4}
              aria-describedby="composer-suggestion-hint"
              value={suggestion()}
              onInput={(event) => setSuggestion(event.currentTarget.value)}
            />
          </div>
        </Show>
        <fieldset class="field radio-group">
          <legend class="field__label">{t('composer.visibility')}</legend>
          <Choice name="composer-visibility" value="public" checked={visibility() === 'public'} label={t('composer.visibility.public')} hint={t('composer.visibility.public.hint')} onChoose={() => setVisibility('public')} />
          <Choice
            name="composer-visibility"
            value="confidential"
            checked={visibility() === 'confidential'}
            label={t('composer.visibility.confidential')}
            hint={t('composer.visibility.confidential.hint')}
            onChoose={() => setVisibility('confidential')}
          />
        </fieldset>
        <fieldset class="field radio-group">
          <legend class="field__label">{t('composer.attribution')}</legend>
          <For each={ATTRIBUTION_VALUES}>
            {(value) => (
              <Choice name="composer-attribution" value={value} checked={attribution() === value} label={attributionLabel(value)} hint={attributionHint(value)} onChoose={() => setAttribution(value)} />
            )}
          </For>
        </fieldset>
        <Show when={props.organizations.length > 1}>
          <SelectField
            id="composer-organization"
            label={t('composer.organization')}
            value={organizationId() || props.organizations[0].organizationId}
            options={props.organizations.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
            onValue={setOrganizationId}
          />
        </Show>
        <Show when={error()}>
          <Alert tone="error">{error()}</Alert>
        </Show>
        <div class="form__actions">
          <Button type="submit" busy={busy()}>
            {error() ? t('composer.retry') : t('composer.post')}
          </Button>
          <Button variant="secondary" onClick={close}>
            {t('composer.cancel')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
