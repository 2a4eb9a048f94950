/**
 * For drafters: edit a measure's responsible body, indicator, baseline, target and deadline
 * (PATCH /api/measures/:id; the server keeps earlier values in the audit trail). A modal
 * <dialog> labelled by its heading; Escape or Cancel closes it.
 */
import { createSignal } from 'solid-js';
import type { MeasureDto, UpdateMeasureBody } from '../../../../shared/monitoring.ts';
import { updateMeasure } from '../../api/monitoring.ts';
import { FormActions, FormOutcome } from '../../components/FormFeedback.tsx';
import { modalDialog } from '../../components/modal.ts';
import { errorMessage } from '../../i18n/errors.ts';
import { t } from '../../i18n/index.ts';
import { measureTitle } from './labels.ts';
import { createMeasureFields, MeasureFields } from './MeasureFields.tsx';

export function MeasureDialog(props: { measure: MeasureDto; onClose: () => void; onSaved: (measure: MeasureDto) => void }) {
  let dialog: HTMLDialogElement | undefined;
  const m = props.measure;
  const fields = createMeasureFields(m);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const id = `measure-${m.id}`;

  const close = modalDialog(() => dialog, () => props.onClose());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!fields.validate()) {
      dialog?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const body: UpdateMeasureBody = fields.values();
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
          {t('monitoring.editMeasure.title', { measure: measureTitle(m.block) })}
        </h2>
        <FormOutcome failure={failure()} />
        <MeasureFields idPrefix={id} fields={fields} />
        <FormActions busy={busy()} submit={t('monitoring.editMeasure.save')} cancel={{ label: t('monitoring.cancel'), onClick: close }} />
      </form>
    </dialog>
  );
}
