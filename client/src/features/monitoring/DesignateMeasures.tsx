/**
 * For drafters: designate lines of the plan as measures, one line at a time or every line of a
 * kind (optionally under one article) through the bulk endpoint, with the responsible body,
 * indicator, baseline, target and deadline.
 */
import { createMemo, createSignal, Show } from 'solid-js';
import type { Block, BlockKind } from '../../../../shared/documents.ts';
import { BLOCK_KINDS } from '../../../../shared/documents.ts';
import { createIdempotencyKeys } from '../../api/http.ts';
import { createMeasure, createMeasuresInBulk } from '../../api/monitoring.ts';
import { SelectField } from '../../components/Field.tsx';
import { FormActions, FormOutcome } from '../../components/FormFeedback.tsx';
import { RadioGroup } from '../../components/RadioGroup.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { t, tp } from '../../i18n/index.ts';
import { KIND_KEY, measureName } from './labels.ts';
import { createMeasureFields, MeasureFields } from './MeasureFields.tsx';

export function DesignateMeasures(props: { documentId: string; blocks: readonly Block[]; measuredBlockIds: ReadonlySet<string>; onDone: () => void }) {
  const [mode, setMode] = createSignal<'one' | 'bulk'>('one');
  const [blockId, setBlockId] = createSignal('');
  const [kind, setKind] = createSignal<string>('point');
  const [under, setUnder] = createSignal('');
  const measure = createMeasureFields();
  const [blockError, setBlockError] = createSignal<string | undefined>();
  const [failure, setFailure] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const keyFor = createIdempotencyKeys();

  const lineLabel = (b: Block) => `${t(KIND_KEY[b.kind])} · ${measureName(b.label, b.text, 50)}${b.label ? ` · ${measureName(null, b.text, 40)}` : ''}`;
  const candidates = createMemo(() => props.blocks.filter((b) => b.kind !== 'title' && !props.measuredBlockIds.has(b.id)));
  const containers = createMemo(() => props.blocks.filter((b) => ['part', 'chapter', 'section', 'article'].includes(b.kind)));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const blockError = mode() === 'one' && !blockId() ? t('monitoring.validation.block') : undefined;
    setBlockError(blockError);
    const filled = measure.validate();
    if (blockError || !filled) {
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const { responsible, indicator, baseline, target, deadline } = measure.values();
    const fields = { responsible, indicator, ...(baseline ? { baseline } : {}), ...(target ? { target } : {}), ...(deadline ? { deadline } : {}) };
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      if (mode() === 'one') {
        const body = { blockId: blockId(), ...fields };
        await createMeasure(props.documentId, body, { idempotencyKey: keyFor(body) });
        setDone(tp('monitoring.designate.done', 1));
        setBlockId('');
      } else {
        const body = { blockKind: kind() as BlockKind, ...(under() ? { underBlockId: under() } : {}), ...fields };
        const result = await createMeasuresInBulk(props.documentId, body, { idempotencyKey: keyFor(body) });
        setDone(`${tp('monitoring.designate.done', result.created.length)} ${result.skippedExisting ? tp('monitoring.designate.skipped', result.skippedExisting) : ''}`.trim());
      }
      props.onDone();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel monitoring-section" aria-labelledby="designate-title">
      <h2 id="designate-title">{t('monitoring.designate.title')}</h2>
      <p>{t('monitoring.designate.intro')}</p>
      <form class="form" novalidate onSubmit={submit}>
        <RadioGroup
          name="designate-mode"
          legend={t('monitoring.designate.mode')}
          value={mode()}
          onValue={(v) => setMode(v === 'bulk' ? 'bulk' : 'one')}
          options={[
            { value: 'one', label: t('monitoring.designate.one') },
            { value: 'bulk', label: t('monitoring.designate.bulk') },
          ]}
        />
        <Show
          when={mode() === 'bulk'}
          fallback={
            <SelectField
              id="designate-block"
              label={t('monitoring.designate.block')}
              value={blockId()}
              onValue={setBlockId}
              required
              error={blockError()}
              placeholder={t('monitoring.designate.blockPlaceholder')}
              options={candidates().map((b) => ({ value: b.id, label: lineLabel(b) }))}
            />
          }
        >
          <SelectField
            id="designate-kind"
            label={t('monitoring.designate.kind')}
            value={kind()}
            onValue={setKind}
            options={BLOCK_KINDS.filter((k) => k !== 'title').map((k) => ({ value: k, label: t(KIND_KEY[k]) }))}
          />
          <SelectField
            id="designate-under"
            label={t('monitoring.designate.under')}
            value={under()}
            onValue={setUnder}
            placeholder={t('monitoring.designate.underAll')}
            options={containers().map((b) => ({ value: b.id, label: lineLabel(b) }))}
          />
        </Show>
        <MeasureFields idPrefix="designate" fields={measure} />
        <FormOutcome failure={failure()} done={done()} />
        <FormActions busy={busy()} submit={t('monitoring.designate.submit')} />
      </form>
    </section>
  );
}
