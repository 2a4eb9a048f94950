/**
 * For drafters: edit a measure's responsible body, indicator, baseline, target and deadline
 * (PATCH /api/measures/:id; the server keeps earlier values in the audit trail). A modal
 * <dialog> labelled by its heading; Escape or Cancel closes it.
 */
import { createSignal, onMount, Show } from 'solid-js';
import type { MeasureDto, UpdateMeasureBody } from '../../../../shared/monitoring.ts';
import { MONITORING_LIMITS } from '../../../../shared/monitoring.ts';
import { updateMeasure } from '../../api/monitoring.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { TextField } from '../../components/Field.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { t } from '../../i18n/index.ts';
import { measureName } from './labels.ts';

export function MeasureDialog(props: { measure: MeasureDto; onClose: () => void; onSaved: (measure: MeasureDto) => void }) {
  let dialog: HTMLDialogElement | undefined;
  const m = props.measure;
  const [responsible, setResponsible] = createSignal(m.responsible);
  const [indicator, setIndicator] = createSignal(m.indicator);
  const [baseline, setBaseline] = createSignal(m.baseline ?? '');
  const [target, setTarget] = createSignal(m.target ?? '');
  const [deadline, setDeadline] = createSignal(m.deadline ?? '');
  const [errors, setErrors] = createSignal<{ responsible?: string; indicator?: string }>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const id = `measure-${m.id}`;

  onMount(() => {
    if (dialog && typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
  });
  const close = () => {
    if (dialog?.open) dialog.close();
    else props.onClose();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const found = {
      responsible: responsible().trim() ? undefined : t('monitoring.validation.responsible'),
      indicator: indicator().trim() ? undefined : t('monitoring.validation.indicator'),
    };
    setErrors(found);
    if (found.responsible || found.indicator) {
      dialog?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const body: UpdateMeasureBody = {
      responsible: responsible().trim(),
      indicator: indicator().trim(),
      baseline: baseline().trim() || null,
      target: target().trim() || null,
      deadline: deadline() || null,
    };
    setBusy(true);
    setFailure(null);
    try {
      props.onSaved(await updateMeasure(m.id, body));
      close();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="monitoring-dialog" aria-labelledby={`${id}-title`} onClose={() => props.onClose()}>
      <form class="form" novalidate onSubmit={submit}>
        <h2 id={`${id}-title`} class="monitoring-dialog__title">
          {t('monitoring.editMeasure.title', { measure: measureName(m.block.label, m.block.text) })}
        </h2>
        <Show when={failure()}>
          <Alert tone="error">
            <p>{failure()}</p>
          </Alert>
        </Show>
        <TextField
          id={`${id}-responsible`}
          label={t('monitoring.measures.responsible')}
          hint={t('monitoring.designate.responsibleHint')}
          value={responsible()}
          onValue={setResponsible}
          required
          dir="auto"
          maxlength={MONITORING_LIMITS.responsibleLength}
          error={errors().responsible}
        />
        <TextField
          id={`${id}-indicator`}
          label={t('monitoring.measures.indicator')}
          value={indicator()}
          onValue={setIndicator}
          required
          dir="auto"
          maxlength={MONITORING_LIMITS.indicatorLength}
          error={errors().indicator}
        />
        <TextField
          id={`${id}-baseline`}
          label={t('monitoring.measures.baseline')}
          value={baseline()}
          onValue={setBaseline}
          dir="auto"
          maxlength={MONITORING_LIMITS.baselineLength}
        />
        <TextField id={`${id}-target`} label={t('monitoring.measures.target')} value={target()} onValue={setTarget} dir="auto" maxlength={MONITORING_LIMITS.baselineLength} />
        <TextField id={`${id}-deadline`} type="date" label={t('monitoring.measures.deadline')} value={deadline()} onValue={setDeadline} />
        <div class="form__actions">
          <Button type="submit" busy={busy()}>
            {t('monitoring.editMeasure.save')}
          </Button>
          <Button variant="secondary" onClick={close}>
            {t('monitoring.cancel')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
