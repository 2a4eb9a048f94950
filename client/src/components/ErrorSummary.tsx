/**
 * The list of what is wrong with a form, shown above it after a failed submission. It takes
 * focus so keyboard and screen-reader users land on it; each entry links to its field.
 */
import { createEffect, For, on, Show } from 'solid-js';
import { t } from '../i18n/index.ts';

export interface FormError {
  /** The id of the control to fix; absent for errors about the whole form (from the server). */
  fieldId?: string;
  message: string;
}

function focusField(event: MouseEvent, fieldId: string): void {
  // A plain #id link would scroll but not focus, and would add a history entry.
  event.preventDefault();
  document.getElementById(fieldId)?.focus();
}

export function ErrorSummary(props: { errors: readonly FormError[] }) {
  let box: HTMLDivElement | undefined;
  // Each failed submission sets a new list: move focus to it every time.
  createEffect(
    on(
      () => props.errors,
      (errors) => errors.length > 0 && box?.focus(),
    ),
  );
  return (
    <Show when={props.errors.length > 0}>
      <div class="error-summary" role="alert" tabindex="-1" ref={box}>
        <h2 class="error-summary__title">{t('form.errorSummary.title')}</h2>
        <ul class="error-summary__list">
          <For each={props.errors}>
            {(error) => (
              <li>
                <Show when={error.fieldId} fallback={error.message}>
                  {(fieldId) => (
                    <a href={`#${fieldId()}`} onClick={(event) => focusField(event, fieldId())}>
                      {error.message}
                    </a>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}
