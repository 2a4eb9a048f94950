/**
 * العربية / English / Français, each written in its own language and marked with its `lang`,
 * so a screen reader pronounces it properly whatever the current language.
 */
import { For } from 'solid-js';
import { LANGUAGES, language, setLanguage, t } from '../i18n/index.ts';

export function LanguageSwitch() {
  return (
    <fieldset class="language-switch">
      <legend class="visually-hidden">{t('language.label')}</legend>
      <For each={LANGUAGES}>
        {(option) => (
          <button
            type="button"
            class="language-switch__button"
            lang={option.code}
            aria-pressed={language() === option.code ? 'true' : 'false'}
            onClick={() => setLanguage(option.code)}
          >
            {option.autonym}
          </button>
        )}
      </For>
    </fieldset>
  );
}
