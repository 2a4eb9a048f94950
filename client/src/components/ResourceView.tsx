/**
 * Shows a Solid resource: "Loading…" until its first answer, a translated error with a retry
 * button if it failed, else the content. The content receives an accessor, so a refetch
 * updates it in place instead of rebuilding it (forms inside keep what the user typed).
 */
import { type Accessor, type JSX, Match, type Resource, Show, Switch } from 'solid-js';
import { type ErrorOverrides, errorMessage } from '../i18n/errors.ts';
import { t } from '../i18n/index.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';
import { Loading } from './Spinner.tsx';

export interface ResourceViewProps<T> {
  resource: Resource<T>;
  onRetry?: () => void;
  errorOverrides?: ErrorOverrides;
  children: (value: Accessor<T>) => JSX.Element;
}

export function ResourceView<T>(props: ResourceViewProps<T>) {
  const ready = () => props.resource.state === 'ready' || props.resource.state === 'refreshing';
  return (
    <Switch fallback={<Loading />}>
      <Match when={props.resource.state === 'errored'}>
        <Alert tone="error">
          <p>{errorMessage(props.resource.error, props.errorOverrides)}</p>
          <Show when={props.onRetry}>
            {(retry) => (
              <Button variant="secondary" onClick={() => retry()()}>
                {t('common.retry')}
              </Button>
            )}
          </Show>
        </Alert>
      </Match>
      <Match when={ready()}>{(_ready) => props.children(() => props.resource.latest as T)}</Match>
    </Switch>
  );
}
