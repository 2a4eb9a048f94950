/**
 * The state every form needs: the errors to show (from validation or from the server), and
 * whether it is being sent. `submit` validates, stops on errors, runs the action once at a
 * time, and turns a failure into a translated message for the error summary.
 */
import { createSignal } from 'solid-js';
import { type ErrorOverrides, errorMessage } from '../i18n/errors.ts';
import type { FormError } from './ErrorSummary.tsx';

export interface FormState {
  busy(): boolean;
  errors(): readonly FormError[];
  /** The message for one field, for its aria-invalid and inline error. */
  fieldError(fieldId: string): string | undefined;
  submit(validate: () => FormError[], action: () => Promise<void>, overrides?: ErrorOverrides): Promise<void>;
}

export function createFormState(): FormState {
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<readonly FormError[]>([]);
  return {
    busy,
    errors,
    fieldError: (fieldId) => errors().find((error) => error.fieldId === fieldId)?.message,
    async submit(validate, action, overrides) {
      if (busy()) return;
      const found = validate();
      setErrors(found);
      if (found.length > 0) return;
      setBusy(true);
      try {
        await action();
      } catch (error) {
        setErrors([{ message: errorMessage(error, overrides) }]);
      } finally {
        setBusy(false);
      }
    },
  };
}

/** Collects the messages of failed checks: `collectErrors(['email', check1], ['password', check2])`. */
export function collectErrors(...checks: ReadonlyArray<readonly [fieldId: string, message: string | undefined]>): FormError[] {
  return checks.filter(([, message]) => message !== undefined).map(([fieldId, message]) => ({ fieldId, message: message as string }));
}
