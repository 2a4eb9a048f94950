/**
 * Bulk designation from the import preview of a new action plan: the drafter chooses "every
 * <kind> (optionally under <article>) becomes a measure" with the measure's fields, before the
 * plan exists; once it is created, `designateFromPreview` reads the stored lines (the preview's
 * paths are the stored version's paths) and calls POST /documents/:id/measures/bulk.
 */
import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import type { BlockKind, ParsedBlock } from '../../../../shared/documents.ts';
import { BLOCK_KINDS } from '../../../../shared/documents.ts';
import type { BulkMeasuresBody } from '../../../../shared/monitoring.ts';
import { getDocument } from '../../api/documents.ts';
import type { RequestOptions } from '../../api/http.ts';
import { createMeasuresInBulk } from '../../api/monitoring.ts';
import { SelectField } from '../../components/Field.tsx';
import { t } from '../../i18n/index.ts';
import { KIND_KEY, measureName } from './labels.ts';
import { createMeasureFields, MeasureFields } from './MeasureFields.tsx';

const CONTAINERS: readonly BlockKind[] = ['part', 'chapter', 'section', 'article'];
const LEVEL: Record<BlockKind, number> = { title: 0, part: 1, chapter: 2, section: 3, article: 4, paragraph: 5, point: 6, text: 7 };

/** The preview lines of `kind` in the scope (after `underPath`, until the next line of its level or higher). */
export function linesInScope(blocks: readonly ParsedBlock[], kind: BlockKind, underPath: string | null): ParsedBlock[] {
  if (!underPath) return blocks.filter((b) => b.kind === kind);
  const start = blocks.findIndex((b) => b.path === underPath);
  if (start < 0) return [];
  const level = LEVEL[blocks[start].kind];
  const scoped: ParsedBlock[] = [];
  for (let i = start + 1; i < blocks.length && LEVEL[blocks[i].kind] > level; i++) if (blocks[i].kind === kind) scoped.push(blocks[i]);
  return scoped;
}

export function createPreviewMeasures() {
  const [enabled, setEnabled] = createSignal(false);
  const [kind, setKind] = createSignal<BlockKind>('point');
  const [underPath, setUnderPath] = createSignal('');
  const fields = createMeasureFields();
  return {
    enabled,
    setEnabled,
    kind,
    setKind,
    underPath,
    setUnderPath,
    fields,
    /** True when nothing is asked, or the measure's required fields are filled. */
    validate: () => !enabled() || fields.validate(),
  };
}
export type PreviewMeasuresState = ReturnType<typeof createPreviewMeasures>;

/** After the plan was created: designate the chosen lines (nothing when the drafter did not ask). */
export async function designateFromPreview(documentId: string, state: PreviewMeasuresState, options?: (body: BulkMeasuresBody) => RequestOptions) {
  if (!state.enabled()) return null;
  let underBlockId: string | undefined;
  if (state.underPath()) {
    const { blocks } = await getDocument(documentId);
    underBlockId = blocks.find((b) => b.path === state.underPath())?.id;
  }
  const { responsible, indicator, baseline, target, deadline } = state.fields.values();
  const body: BulkMeasuresBody = {
    blockKind: state.kind(),
    ...(underBlockId ? { underBlockId } : {}),
    responsible,
    indicator,
    ...(baseline ? { baseline } : {}),
    ...(target ? { target } : {}),
    ...(deadline ? { deadline } : {}),
  };
  return createMeasuresInBulk(documentId, body, options?.(body));
}

export function PreviewMeasures(props: { blocks: readonly ParsedBlock[]; state: PreviewMeasuresState }) {
  const s = props.state;
  const kinds = createMemo(() => BLOCK_KINDS.filter((k) => k !== 'title' && props.blocks.some((b) => b.kind === k)));
  const containers = createMemo(() => props.blocks.filter((b) => CONTAINERS.includes(b.kind)));
  const matching = () => linesInScope(props.blocks, s.kind(), s.underPath() || null).length;
  const lineLabel = (b: ParsedBlock) => `${t(KIND_KEY[b.kind])} · ${measureName(b.label, b.text, 50)}`;
  // Offer only kinds the preview has; points when there are any, else the finest kind found.
  createEffect(() => {
    const found = kinds();
    if (found.length && !found.includes(s.kind())) s.setKind(found.includes('point') ? 'point' : found[found.length - 1]);
  });
  return (
    <fieldset class="field monitoring-preview-measures">
      <legend class="field__label">{t('monitoring.preview.legend')}</legend>
      <label class="radio">
        <input id="preview-measures-enabled" type="checkbox" checked={s.enabled()} onChange={(event) => s.setEnabled(event.currentTarget.checked)} />
        {t('monitoring.preview.enable')}
      </label>
      <Show when={s.enabled()}>
        <SelectField
          id="preview-measures-kind"
          label={t('monitoring.designate.kind')}
          value={s.kind()}
          onValue={(v) => s.setKind(v as BlockKind)}
          options={kinds().map((k) => ({ value: k, label: t(KIND_KEY[k]) }))}
        />
        <SelectField
          id="preview-measures-under"
          label={t('monitoring.designate.under')}
          value={s.underPath()}
          onValue={s.setUnderPath}
          placeholder={t('monitoring.designate.underAll')}
          options={containers().map((b) => ({ value: b.path, label: lineLabel(b) }))}
        />
        <p role="status">{t('monitoring.preview.matching', { count: matching() })}</p>
        <MeasureFields idPrefix="preview-measures" fields={s.fields} />
      </Show>
    </fieldset>
  );
}
