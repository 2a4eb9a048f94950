/** Propose a new organisation; its creator becomes its lead and an admin approves it. */
import { useNavigate } from '@solidjs/router';
import { createSignal } from 'solid-js';
import type { OrganizationKind } from '../../../../shared/auth.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { createIdempotencyKeys } from '../../api/http.ts';
import { createOrganization } from '../../api/organizations.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { collectErrors, createFormState } from '../../components/form.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { RequireSignIn } from '../account/RequireSignIn.tsx';
import { characterCount } from '../account/validation.ts';
import { kindLabel, ORGANIZATION_KINDS } from './labels.ts';

// Mirrors CreateOrganizationBody in shared/auth.ts.
const NAME_MIN = 2;
const COUNTRY = { min: 2, max: 60 } as const;

function lengthError(
  value: string,
  min: number,
  max: number,
  requiredKey: 'validation.orgName.required' | 'validation.country.required',
  lengthKey: 'validation.orgName.length' | 'validation.country.length',
) {
  const length = characterCount(value.trim());
  if (length === 0) return t(requiredKey);
  if (length < min || length > max) return t(lengthKey, { min, max });
  return undefined;
}

function CreateOrganizationForm() {
  const session = useSession();
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const [kind, setKind] = createSignal<OrganizationKind | ''>('');
  const [country, setCountry] = createSignal('');
  const form = createFormState();
  const idempotencyKeyFor = createIdempotencyKeys();

  const validate = () =>
    collectErrors(
      ['org-name', lengthError(name(), NAME_MIN, LIMITS.nameLength, 'validation.orgName.required', 'validation.orgName.length')],
      ['org-kind', kind() === '' ? t('validation.kind.required') : undefined],
      ['org-country', lengthError(country(), COUNTRY.min, COUNTRY.max, 'validation.country.required', 'validation.country.length')],
    );

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.submit(validate, async () => {
      const body = { name: name().trim(), kind: kind() as OrganizationKind, country: country().trim() };
      const organization = await createOrganization(body, { idempotencyKey: idempotencyKeyFor(body) });
      await session.refresh();
      navigate(`/organizations/${encodeURIComponent(organization.id)}`, { state: { created: true } });
    });
  };

  const kindOptions = () => ORGANIZATION_KINDS.map((value) => ({ value, label: kindLabel(value) }));

  return (
    <>
      <ErrorSummary errors={form.errors()} />
      <form class="form" novalidate onSubmit={onSubmit}>
        <TextField
          id="org-name"
          label={t('createOrg.name')}
          hint={t('createOrg.name.hint')}
          dir="auto"
          autocomplete="organization"
          required
          value={name()}
          onValue={setName}
          error={form.fieldError('org-name')}
        />
        <SelectField
          id="org-kind"
          label={t('createOrg.kind')}
          placeholder={t('createOrg.kind.choose')}
          required
          options={kindOptions()}
          value={kind()}
          onValue={(value) => setKind(value as OrganizationKind | '')}
          error={form.fieldError('org-kind')}
        />
        <TextField
          id="org-country"
          label={t('createOrg.country')}
          hint={t('createOrg.country.hint')}
          dir="auto"
          autocomplete="country-name"
          required
          value={country()}
          onValue={setCountry}
          error={form.fieldError('org-country')}
        />
        <div class="form__actions">
          <Button type="submit" busy={form.busy()}>
            {t('createOrg.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}

export default function CreateOrganizationPage() {
  return (
    <section class="page page--narrow">
      <PageHeading title={t('createOrg.title')} />
      <p>{t('createOrg.intro')}</p>
      <RequireSignIn>
        <CreateOrganizationForm />
      </RequireSignIn>
    </section>
  );
}
