/**
 * The period picker, and for drafters and NHRI members: open a period (label, first and last
 * day) and close the chosen one after a confirmation.
 */
import { createSignal, For, Show } from 'solid-js';
import type { PeriodDto } from '../../../../shared/monitoring.ts';
import { MONITORING_LIMITS } from '../../../../shared/monitoring.ts';
import { createIdempotencyKeys } from '../../api/http.ts';
import { closePeriod, createPeriod } from '../../api/monitoring.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { TextField } from '../../components/Field.tsx';
import { FormActions, FormOutcome } from '../../components/FormFeedback.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { formatDate, t } from '../../i18n/index.ts';

const day = (value: string) => formatDate(`${value}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });

export function periodOptionLabel(period: PeriodDto): string {
  const params = { label: period.label, starts: day(period.startsOn), ends: day(period.endsOn) };
  return period.status === 'closed' ? t('monitoring.period.optionClosed', params) : t('monitoring.period.option', params);
}

export function PeriodPicker(props: { periods: readonly PeriodDto[]; value: string; onValue: (id: string) => void }) {
  return (
    <div class="field monitoring-filter">
      <label class="field__label" for="monitoring-period">
        {t('monitoring.period.label')}
      </label>
      <select id="monitoring-period" class="input select" onChange={(e) => props.onValue(e.currentTarget.value)}>
        <For each={props.periods}>
          {(period) => (
            <option value={period.id} selected={period.id === props.value}>
              {periodOptionLabel(period)}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

export function OpenPeriodForm(props: { documentId: string; onOpened: (period: PeriodDto) => void }) {
  const [label, setLabel] = createSignal('');
  const [startsOn, setStartsOn] = createSignal('');
  const [endsOn, setEndsOn] = createSignal('');
  const [errors, setErrors] = createSignal<{ label?: string; dates?: string }>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const keyFor = createIdempotencyKeys();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const found = {
      label: label().trim() ? undefined : t('monitoring.validation.periodName'),
      dates: !startsOn() || !endsOn() ? t('monitoring.validation.dates') : startsOn() > endsOn() ? t('monitoring.validation.dateOrder') : undefined,
    };
    setErrors(found);
    if (found.label || found.dates) {
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const body = { label: label().trim(), startsOn: startsOn(), endsOn: endsOn() };
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      const period = await createPeriod(props.documentId, body, { idempotencyKey: keyFor(body) });
      setDone(t('monitoring.period.opened', { label: period.label }));
      setLabel('');
      props.onOpened(period);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="monitoring-open-period">
      <summary>{t('monitoring.period.openTitle')}</summary>
      <form class="form" novalidate onSubmit={submit} aria-label={t('monitoring.period.openTitle')}>
        <TextField
          id="period-label"
          label={t('monitoring.period.name')}
          hint={t('monitoring.period.nameHint')}
          value={label()}
          onValue={setLabel}
          required
          dir="auto"
          maxlength={MONITORING_LIMITS.periodLabelLength}
          error={errors().label}
        />
        <TextField id="period-start" type="date" label={t('monitoring.period.start')} value={startsOn()} onValue={setStartsOn} required error={errors().dates} />
        <TextField id="period-end" type="date" label={t('monitoring.period.end')} value={endsOn()} onValue={setEndsOn} required error={errors().dates} />
        <FormOutcome failure={failure()} done={done()} />
        <FormActions busy={busy()} submit={t('monitoring.period.openSubmit')} />
      </form>
    </details>
  );
}

export function ClosePeriod(props: { period: PeriodDto; onClosed: (period: PeriodDto) => void }) {
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);

  let askButton: HTMLButtonElement | undefined;
  const cancel = () => {
    setAsking(false);
    queueMicrotask(() => askButton?.focus());
  };

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const closed = await closePeriod(props.period.id);
      setAsking(false);
      props.onClosed(closed);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="monitoring-close-period">
      <Show
        when={asking()}
        fallback={
          <Button variant="secondary" ref={(el) => (askButton = el)} onClick={() => setAsking(true)}>
            {t('monitoring.period.close')}
          </Button>
        }
      >
        <fieldset class="panel monitoring-confirm" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
          <legend>{t('monitoring.period.closeConfirm', { label: props.period.label })}</legend>
          <div class="actions">
            <Button busy={busy()} onClick={confirm} ref={(el) => queueMicrotask(() => el.focus())}>
              {t('monitoring.period.closeYes')}
            </Button>
            <Button variant="secondary" onClick={cancel}>
              {t('monitoring.cancel')}
            </Button>
          </div>
        </fieldset>
      </Show>
      <Show when={failure()}>
        <Alert tone="error">
          <p>{failure()}</p>
        </Alert>
      </Show>
    </div>
  );
}
