/**
 * The form for one voice's entry on one measure in one period, in a modal <dialog>: labelled by
 * its heading, Escape (or Cancel) closes it and focus returns to the button that opened it.
 * The server decides who may write: 403, 409 `period_closed` and 409 `conflict` are explained.
 */
import { createSignal } from 'solid-js';
import type { AssessmentDto, AssessmentStatus, ImpactRating, Voice } from '../../../../shared/monitoring.ts';
import { ASSESSMENT_STATUSES, IMPACT_RATINGS, MONITORING_LIMITS } from '../../../../shared/monitoring.ts';
import { saveAssessment } from '../../api/monitoring.ts';
import { describedBy, FieldShell, SelectField, TextField } from '../../components/Field.tsx';
import { FormActions, FormOutcome } from '../../components/FormFeedback.tsx';
import { modalDialog } from '../../components/modal.ts';
import { errorMessage } from '../../i18n/errors.ts';
import { t } from '../../i18n/index.ts';
import { parseProgress, RATING_KEY, STATUS_KEY, VOICE_KEY } from './labels.ts';

export interface AssessmentTarget {
  measureId: string;
  measureName: string;
  periodId: string;
  voice: Voice;
  /** This voice's entry in this period, if any (its revision guards against lost updates). */
  current: AssessmentDto | null;
  /** This voice's latest entry of an earlier period, to start from. */
  previous: { status: AssessmentStatus; progress: number; impactRating: ImpactRating | null } | null;
}

export const ASSESSMENT_ERRORS = {
  period_closed: 'monitoring.error.periodClosed',
  forbidden: 'monitoring.error.forbidden',
  conflict: 'monitoring.error.conflict',
} as const;

export function AssessmentDialog(props: { target: AssessmentTarget; onClose: () => void; onSaved: (assessment: AssessmentDto) => void; onStale: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  const start = props.target.current ?? props.target.previous;
  const [status, setStatus] = createSignal<string>(start?.status ?? '');
  const [progress, setProgress] = createSignal(start ? String(start.progress) : '');
  const [evidence, setEvidence] = createSignal(props.target.current?.evidence ?? '');
  const [impact, setImpact] = createSignal(props.target.current?.impact ?? '');
  const [rating, setRating] = createSignal<string>(start?.impactRating ?? '');
  const [errors, setErrors] = createSignal<{ status?: string; progress?: string }>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const headingId = `assessment-${props.target.measureId}-${props.target.voice}`;
  const field = (name: string) => `${headingId}-${name}`;

  const close = modalDialog(() => dialog, () => props.onClose());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const value = parseProgress(progress());
    const found = {
      status: (ASSESSMENT_STATUSES as readonly string[]).includes(status()) ? undefined : t('monitoring.validation.status'),
      progress: value === null ? t('monitoring.validation.progress') : undefined,
    };
    setErrors(found);
    if (found.status || found.progress) {
      dialog?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const saved = await saveAssessment(props.target.measureId, props.target.periodId, {
        status: status() as AssessmentStatus,
        progress: value as number,
        evidence: evidence(),
        impact: impact(),
        ...(rating() ? { impactRating: rating() as ImpactRating } : {}),
        voice: props.target.voice,
        expectedRevision: props.target.current?.revision ?? 0,
      });
      props.onSaved(saved);
      close();
    } catch (error) {
      setFailure(errorMessage(error, ASSESSMENT_ERRORS));
      const code = (error as { code?: string }).code;
      if (code === 'conflict' || code === 'period_closed') props.onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="monitoring-dialog" aria-labelledby={headingId} onClose={() => props.onClose()}>
      <form class="form" novalidate onSubmit={submit}>
        <h2 id={headingId} class="monitoring-dialog__title">
          {t('monitoring.form.title', { voice: t(VOICE_KEY[props.target.voice]), measure: props.target.measureName })}
        </h2>
        <FormOutcome failure={failure()} />
        <SelectField
          id={field('status')}
          label={t('monitoring.form.status')}
          value={status()}
          onValue={setStatus}
          required
          error={errors().status}
          placeholder={t('monitoring.validation.status')}
          options={ASSESSMENT_STATUSES.map((s) => ({ value: s, label: t(STATUS_KEY[s]) }))}
        />
        <TextField
          id={field('progress')}
          label={t('monitoring.form.progress')}
          value={progress()}
          onValue={setProgress}
          inputmode="numeric"
          dir="ltr"
          required
          error={errors().progress}
          autocomplete="off"
        />
        <FieldShell id={field('evidence')} label={t('monitoring.form.evidence')} hint={t('monitoring.form.evidenceHint')}>
          <textarea
            id={field('evidence')}
            class="input"
            rows="4"
            dir="auto"
            maxlength={MONITORING_LIMITS.evidenceLength}
            value={evidence()}
            aria-describedby={describedBy({ id: field('evidence'), label: '', hint: 'x' })}
            onInput={(e) => setEvidence(e.currentTarget.value)}
          />
        </FieldShell>
        <FieldShell id={field('impact')} label={t('monitoring.form.impact')}>
          <textarea
            id={field('impact')}
            class="input"
            rows="3"
            dir="auto"
            maxlength={MONITORING_LIMITS.impactLength}
            value={impact()}
            onInput={(e) => setImpact(e.currentTarget.value)}
          />
        </FieldShell>
        <SelectField
          id={field('rating')}
          label={t('monitoring.form.rating')}
          value={rating()}
          onValue={setRating}
          placeholder={t('monitoring.form.ratingNone')}
          options={IMPACT_RATINGS.map((r) => ({ value: r, label: t(RATING_KEY[r]) }))}
        />
        <FormActions busy={busy()} submit={t('monitoring.form.save')} cancel={{ label: t('monitoring.cancel'), onClick: close }} />
      </form>
    </dialog>
  );
}
