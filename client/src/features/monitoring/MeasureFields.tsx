/**
 * The fields that describe a measure (responsible body, indicator, baseline, target, deadline),
 * shared by the designation form and the edit dialog so both validate and trim alike.
 */
import { createSignal } from 'solid-js';
import { MONITORING_LIMITS } from '../../../../shared/monitoring.ts';
import { TextField } from '../../components/Field.tsx';
import { t } from '../../i18n/index.ts';

export interface MeasureValues {
  responsible: string;
  indicator: string;
  baseline: string | null;
  target: string | null;
  deadline: string | null;
}

export function createMeasureFields(initial?: Partial<MeasureValues>) {
  const [responsible, setResponsible] = createSignal(initial?.responsible ?? '');
  const [indicator, setIndicator] = createSignal(initial?.indicator ?? '');
  const [baseline, setBaseline] = createSignal(initial?.baseline ?? '');
  const [target, setTarget] = createSignal(initial?.target ?? '');
  const [deadline, setDeadline] = createSignal(initial?.deadline ?? '');
  const [errors, setErrors] = createSignal<{ responsible?: string; indicator?: string }>({});
  return {
    responsible,
    setResponsible,
    indicator,
    setIndicator,
    baseline,
    setBaseline,
    target,
    setTarget,
    deadline,
    setDeadline,
    errors,
    /** Shows the errors and says whether the two required fields are filled. */
    validate(): boolean {
      const found = {
        responsible: responsible().trim() ? undefined : t('monitoring.validation.responsible'),
        indicator: indicator().trim() ? undefined : t('monitoring.validation.indicator'),
      };
      setErrors(found);
      return !found.responsible && !found.indicator;
    },
    /** Trimmed values; an empty optional field is null (so an edit can clear it). */
    values(): MeasureValues {
      return {
        responsible: responsible().trim(),
        indicator: indicator().trim(),
        baseline: baseline().trim() || null,
        target: target().trim() || null,
        deadline: deadline() || null,
      };
    },
  };
}

export type MeasureFieldsState = ReturnType<typeof createMeasureFields>;

export function MeasureFields(props: { idPrefix: string; fields: MeasureFieldsState }) {
  const f = props.fields;
  return (
    <>
      <TextField
        id={`${props.idPrefix}-responsible`}
        label={t('monitoring.measures.responsible')}
        hint={t('monitoring.designate.responsibleHint')}
        value={f.responsible()}
        onValue={f.setResponsible}
        required
        dir="auto"
        maxlength={MONITORING_LIMITS.responsibleLength}
        error={f.errors().responsible}
      />
      <TextField
        id={`${props.idPrefix}-indicator`}
        label={t('monitoring.measures.indicator')}
        value={f.indicator()}
        onValue={f.setIndicator}
        required
        dir="auto"
        maxlength={MONITORING_LIMITS.indicatorLength}
        error={f.errors().indicator}
      />
      <TextField
        id={`${props.idPrefix}-baseline`}
        label={t('monitoring.measures.baseline')}
        value={f.baseline()}
        onValue={f.setBaseline}
        dir="auto"
        maxlength={MONITORING_LIMITS.baselineLength}
      />
      <TextField id={`${props.idPrefix}-target`} label={t('monitoring.measures.target')} value={f.target()} onValue={f.setTarget} dir="auto" maxlength={MONITORING_LIMITS.baselineLength} />
      <TextField id={`${props.idPrefix}-deadline`} type="date" label={t('monitoring.measures.deadline')} value={f.deadline()} onValue={f.setDeadline} />
    </>
  );
}
