/**
 * "Applied in": the version, and the lines of that version, where an accepted comment was taken
 * into the text. Part of the disposition form of the drafters' queue (QueuePage.tsx). The lines
 * are typed as numbers ("4, 7-9", see applied-lines.ts) rather than ticked in a list, so a
 * 20,000-line draft stays light and the field is keyboard-only friendly; the lines named are
 * listed back with their structural label so the drafter can check them.
 */
import { createMemo, For, Show } from 'solid-js';
import type { Block } from '../../../../shared/documents.ts';
import { SelectField, TextField } from '../../components/Field.tsx';
import { t, tp } from '../../i18n/index.ts';
import { blockKindLabel } from './labels.ts';
import { parseLines } from './applied-lines.ts';

/** How many of the chosen lines are listed back under the field. */
const LISTED = 12;

export interface AppliedInProps {
  id: string;
  /** The document's newest version; every version from 1 to it can be chosen. */
  currentVersion: number;
  /** The chosen version as the select holds it, '' when not stated. */
  version: string;
  onVersion: (version: string) => void;
  lines: string;
  onLines: (lines: string) => void;
  /** The blocks of the chosen version once loaded. */
  blocks: readonly Block[] | undefined;
  error: string;
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function AppliedInFields(props: AppliedInProps) {
  const versions = createMemo(() => Array.from({ length: props.currentVersion }, (_, i) => props.currentVersion - i));
  const chosen = createMemo(() => {
    const blocks = props.blocks;
    if (!blocks) return [];
    const parsed = parseLines(props.lines, blocks.length);
    return 'lines' in parsed ? parsed.lines : [];
  });
  return (
    <fieldset class="fieldset applied-in">
      <legend>{t('queue.applied.legend')}</legend>
      <SelectField
        id={`${props.id}-version`}
        label={t('queue.applied.version')}
        placeholder={t('queue.applied.version.none')}
        value={props.version}
        options={versions().map((n) => ({ value: String(n), label: t('queue.applied.versionOption', { version: n }) }))}
        onValue={props.onVersion}
      />
      <Show when={props.version}>
        <TextField
          id={`${props.id}-lines`}
          label={t('queue.applied.lines')}
          hint={t('queue.applied.lines.hint')}
          error={props.error}
          inputmode="numeric"
          autocomplete="off"
          dir="ltr"
          value={props.lines}
          onValue={props.onLines}
        />
        <Show when={props.blocks} fallback={<p class="field__hint">{t('common.loading')}</p>}>
          {(blocks) => (
            <Show when={chosen().length > 0}>
              <p class="field__hint" aria-live="polite">
                {tp('reader.lines', chosen().length)}
              </p>
              <ul class="applied-in__lines">
                <For each={chosen().slice(0, LISTED)}>
                  {(line) => {
                    const block = blocks()[line - 1];
                    return (
                      <li>
                        {t('queue.applied.line', { line })} · <bdi>{block.label ?? blockKindLabel(block.kind)}</bdi> · <bdi dir={block.dir}>{excerpt(block.text)}</bdi>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </fieldset>
  );
}
