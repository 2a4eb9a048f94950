/**
 * For leads (and admins): add an existing account to the organisation by email, or change the
 * role of someone already in it.
 */
import { createSignal, Show } from 'solid-js';
import type { MembershipRole } from '../../../../shared/auth.ts';
import { addMember } from '../../api/organizations.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { collectErrors, createFormState } from '../../components/form.ts';
import { t } from '../../i18n/index.ts';
import { emailError } from '../account/validation.ts';
import { MEMBERSHIP_ROLES, roleLabel } from './labels.ts';

export interface AddMemberFormProps {
  organizationId: string;
  onAdded: () => void;
}

export function AddMemberForm(props: AddMemberFormProps) {
  const [email, setEmail] = createSignal('');
  const [role, setRole] = createSignal<MembershipRole>('member');
  const [added, setAdded] = createSignal<{ name: string; role: MembershipRole }>();
  const form = createFormState();

  const validate = () => collectErrors(['member-email', emailError(email(), 'validation.memberEmail.required')]);

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    setAdded(undefined);
    void form.submit(
      validate,
      async () => {
        const member = await addMember(props.organizationId, { email: email().trim(), role: role() });
        setAdded({ name: member.name, role: member.role });
        setEmail('');
        props.onAdded();
      },
      { not_found: 'org.addMember.noAccount' },
    );
  };

  const roleOptions = () => MEMBERSHIP_ROLES.map((value) => ({ value, label: roleLabel(value) }));

  return (
    <section class="subsection" aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('org.addMember.title')}</h3>
      <p>{t('org.addMember.intro')}</p>
      <Show when={added()}>{(done) => <Alert tone="success">{t('org.addMember.done', { name: done().name, role: roleLabel(done().role) })}</Alert>}</Show>
      <ErrorSummary errors={form.errors()} />
      <form class="form" novalidate onSubmit={onSubmit}>
        <TextField
          id="member-email"
          label={t('org.addMember.email')}
          type="email"
          dir="ltr"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          required
          value={email()}
          onValue={setEmail}
          error={form.fieldError('member-email')}
        />
        <SelectField id="member-role" label={t('org.addMember.role')} options={roleOptions()} value={role()} onValue={(value) => setRole(value as MembershipRole)} />
        <div class="form__actions">
          <Button type="submit" busy={form.busy()}>
            {t('org.addMember.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
