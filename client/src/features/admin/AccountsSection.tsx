/**
 * Find an account and disable or re-enable it. Disabling asks for a confirmation (it signs the
 * person out everywhere at once) and an optional reason for the audit trail. The server
 * refuses all of this to non-admins and refuses an admin's own account, whatever is shown here.
 */
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { AdminAccount } from '../../../../shared/admin.ts';
import { disableAccount, enableAccount, searchAccounts } from '../../api/admin.ts';
import { Alert } from '../../components/Alert.tsx';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { TextField } from '../../components/Field.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { formatDate, t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';

interface Outcome {
  tone: 'success' | 'error';
  message: string;
}

function AccountCard(props: { account: AdminAccount; isSelf: boolean; onChange: (account: AdminAccount, done: Outcome) => void; onError: (error: unknown) => void }) {
  const [confirming, setConfirming] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const idBase = () => `account-${props.account.id}`;

  const run = async (action: () => Promise<AdminAccount>, message: 'admin.accounts.disabled' | 'admin.accounts.enabled') => {
    setBusy(true);
    try {
      const account = await action();
      setConfirming(false);
      setReason('');
      props.onChange(account, { tone: 'success', message: t(message, { name: account.name }) });
    } catch (error) {
      props.onError(error);
    }
    setBusy(false);
  };

  return (
    <li class="card">
      <h3 class="card__title">
        <bdi>{props.account.name}</bdi>
      </h3>
      <p class="card__meta">
        <bdi dir="ltr">{props.account.email}</bdi>
        <Show when={props.account.disabledAt} fallback={<Badge tone="success">{t('admin.accounts.active')}</Badge>}>
          {(since) => <Badge tone="warning">{t('admin.accounts.disabledSince', { date: formatDate(since()) })}</Badge>}
        </Show>
        <Show when={props.account.isAdmin}>
          <Badge>{t('admin.accounts.isAdmin')}</Badge>
        </Show>
      </p>
      <Show when={!props.isSelf} fallback={<p>{t('admin.accounts.you')}</p>}>
        <Show
          when={props.account.disabledAt}
          fallback={
            <Show
              when={confirming()}
              fallback={
                <Button variant="secondary" aria-label={t('admin.accounts.disableNamed', { name: props.account.name })} onClick={() => setConfirming(true)}>
                  {t('admin.accounts.disable')}
                </Button>
              }
            >
              <form
                class="form"
                novalidate
                onSubmit={(event) => {
                  event.preventDefault();
                  void run(() => disableAccount(props.account.id, reason()), 'admin.accounts.disabled');
                }}
              >
                <TextField id={`${idBase()}-reason`} label={t('admin.accounts.reason')} dir="auto" maxLength={2000} value={reason()} onValue={setReason} />
                <div class="form__actions">
                  <Button type="submit" busy={busy()} aria-label={t('admin.accounts.disableNamed', { name: props.account.name })}>
                    {t('admin.accounts.confirm')}
                  </Button>
                  <Button variant="quiet" onClick={() => setConfirming(false)}>
                    {t('admin.accounts.cancel')}
                  </Button>
                </div>
              </form>
            </Show>
          }
        >
          <Button variant="secondary" busy={busy()} aria-label={t('admin.accounts.enableNamed', { name: props.account.name })} onClick={() => void run(() => enableAccount(props.account.id), 'admin.accounts.enabled')}>
            {t('admin.accounts.enable')}
          </Button>
        </Show>
      </Show>
    </li>
  );
}

export function AccountsSection() {
  const session = useSession();
  const [text, setText] = createSignal('');
  // A store, so a changed account updates its row in place (same element, focus kept nearby).
  const [found, setFound] = createStore<{ accounts: AdminAccount[] | null }>({ accounts: null });
  const [searching, setSearching] = createSignal(false);
  const [outcome, setOutcome] = createSignal<Outcome>();
  let status: HTMLDivElement | undefined;

  const search = async () => {
    setSearching(true);
    setOutcome(undefined);
    try {
      setFound('accounts', await searchAccounts(text()));
    } catch (error) {
      setOutcome({ tone: 'error', message: errorMessage(error) });
    }
    setSearching(false);
  };

  // The row stays in place with its new state, so the list does not jump under the pointer;
  // focus goes to the message that says what happened.
  const onChange = (account: AdminAccount, done: Outcome) => {
    setFound('accounts', (a) => a.id === account.id, account);
    setOutcome(done);
    status?.focus();
  };
  const onError = (error: unknown) => {
    setOutcome({ tone: 'error', message: errorMessage(error) });
    status?.focus();
  };

  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">{t('admin.accounts.title')}</h2>
      <p>{t('admin.accounts.intro')}</p>
      <form
        class="form"
        novalidate
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <TextField id="account-search" label={t('admin.accounts.search')} type="search" dir="auto" autocomplete="off" spellcheck={false} maxLength={254} value={text()} onValue={setText} />
        <div class="form__actions">
          <Button type="submit" busy={searching()}>
            {t('admin.accounts.searchSubmit')}
          </Button>
        </div>
      </form>
      <div class="status-slot" tabindex="-1" ref={status} aria-live="polite">
        <Show when={outcome()}>{(shown) => <Alert tone={shown().tone}>{shown().message}</Alert>}</Show>
      </div>
      <Show when={found.accounts}>
        {(accounts) => (
          <Show when={accounts().length > 0} fallback={<p>{t('admin.accounts.none')}</p>}>
            <ul class="cards">
              <For each={accounts()}>{(account) => <AccountCard account={account} isSelf={account.id === session.user()?.id} onChange={onChange} onError={onError} />}</For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
