/**
 * The end of a form: what happened to the last submission (a failure announced at once, a
 * confirmation announced politely), and the submit button, with Cancel in dialogs.
 */
import { Show } from 'solid-js';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';

export function FormOutcome(props: { failure: string | null; done?: string | null }) {
  return (
    <>
      <Show when={props.failure}>
        <Alert tone="error">
          <p>{props.failure}</p>
        </Alert>
      </Show>
      <Show when={props.done}>
        <Alert tone="success">
          <p>{props.done}</p>
        </Alert>
      </Show>
    </>
  );
}

export function FormActions(props: { busy: boolean; submit: string; cancel?: { label: string; onClick: () => void } }) {
  return (
    <div class="form__actions">
      <Button type="submit" busy={props.busy}>
        {props.submit}
      </Button>
      <Show when={props.cancel}>
        {(cancel) => (
          <Button variant="secondary" onClick={cancel().onClick}>
            {cancel().label}
          </Button>
        )}
      </Show>
    </div>
  );
}
