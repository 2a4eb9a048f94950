/** A set of radio buttons in a fieldset whose legend names the choice. */
import { For, Show } from 'solid-js';

export interface RadioOption {
  value: string;
  label: string;
  /** Language of the label when it differs from the page (language names in their own tongue). */
  lang?: string;
}

export interface RadioGroupProps {
  name: string;
  legend: string;
  hint?: string;
  value: string;
  options: readonly RadioOption[];
  onValue: (value: string) => void;
}

export function RadioGroup(props: RadioGroupProps) {
  const hintId = () => `${props.name}-hint`;
  return (
    <fieldset class="field radio-group" aria-describedby={props.hint ? hintId() : undefined}>
      <legend class="field__label">{props.legend}</legend>
      <Show when={props.hint}>
        <p class="field__hint" id={hintId()}>
          {props.hint}
        </p>
      </Show>
      <For each={props.options}>
        {(option) => (
          <label class="radio">
            <input type="radio" name={props.name} value={option.value} checked={props.value === option.value} onChange={() => props.onValue(option.value)} />
            <span lang={option.lang}>{option.label}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}
