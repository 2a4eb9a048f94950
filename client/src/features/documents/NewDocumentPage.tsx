/** Upload a new draft: details, source (file or pasted), preview of the detected lines, create. */
import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Language } from '../../../../shared/common.ts';
import type { DocumentKind, DocumentVisibility, ParsedBlock, Source } from '../../../../shared/documents.ts';
import { createDocument, previewDocument } from '../../api/documents.ts';
import { createIdempotencyKeys } from '../../api/http.ts';
import { listOrganizations } from '../../api/organizations.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { collectErrors, createFormState } from '../../components/form.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { RadioGroup } from '../../components/RadioGroup.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { language as interfaceLanguage, LANGUAGES, t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { RequireSignIn } from '../account/RequireSignIn.tsx';
import { createPreviewMeasures, designateFromPreview, PreviewMeasures } from '../monitoring/PreviewMeasures.tsx';
import { BlockPreview } from './BlockPreview.tsx';
import { DOCUMENT_KIND_VALUES, documentKindLabel, VISIBILITY_VALUES, visibilityLabel } from './labels.ts';
import { SourceInput } from './SourceInput.tsx';

function InvitedOrganizations(props: { selected: readonly string[]; onChange: (ids: string[]) => void }) {
  const [organizations] = createResource(listOrganizations);
  const toggle = (id: string, on: boolean) => props.onChange(on ? [...props.selected, id] : props.selected.filter((x) => x !== id));
  return (
    <fieldset class="field checkbox-group">
      <legend class="field__label">{t('upload.invited')}</legend>
      <Show when={organizations()} fallback={<p role="status">{t('common.loading')}</p>}>
        <For each={(organizations() ?? []).filter((o) => o.approved && o.kind !== 'government')}>
          {(organization) => (
            <label class="radio">
              <input type="checkbox" checked={props.selected.includes(organization.id)} onChange={(event) => toggle(organization.id, event.currentTarget.checked)} />
              <bdi>{organization.name}</bdi>
            </label>
          )}
        </For>
      </Show>
    </fieldset>
  );
}

function NewDocumentForm() {
  const session = useSession();
  const navigate = useNavigate();
  const governments = () => session.memberships().filter((m) => m.organizationKind === 'government' && m.approved);
  const [title, setTitle] = createSignal('');
  const [kind, setKind] = createSignal<DocumentKind>('law');
  const [language, setLanguage] = createSignal<Language>(interfaceLanguage());
  const [visibility, setVisibility] = createSignal<DocumentVisibility>('public');
  const [organizationId, setOrganizationId] = createSignal('');
  const [invited, setInvited] = createSignal<string[]>([]);
  const [source, setSource] = createSignal<Source | null>(null);
  const [note, setNote] = createSignal('');
  const [preview, setPreview] = createSignal<ParsedBlock[] | null>(null);
  const [previewError, setPreviewError] = createSignal('');
  const [previewing, setPreviewing] = createSignal(false);
  const form = createFormState();
  const keyFor = createIdempotencyKeys();
  const bulkKeyFor = createIdempotencyKeys();
  const measures = createPreviewMeasures();
  const designating = () => kind() === 'action_plan' && preview() !== null && measures.enabled();
  const orgId = () => organizationId() || governments()[0]?.organizationId || '';

  const validate = () => {
    if (designating()) measures.validate();
    const measureErrors = designating() ? measures.fields.errors() : {};
    return collectErrors(
      ['doc-title', title().trim() ? undefined : t('upload.title.required')],
      ['doc-source-file', source() ? undefined : t('upload.source.required')],
      ['preview-measures-responsible', measureErrors.responsible],
      ['preview-measures-indicator', measureErrors.indicator],
    );
  };

  const onPreview = async () => {
    const current = source();
    if (!current) {
      setPreviewError(t('upload.source.required'));
      return;
    }
    setPreviewing(true);
    setPreviewError('');
    try {
      setPreview(await previewDocument({ source: current, language: language() }));
    } catch (error) {
      setPreviewError(errorMessage(error));
    } finally {
      setPreviewing(false);
    }
  };

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.submit(validate, async () => {
      const body = {
        title: title().trim(),
        kind: kind(),
        organizationId: orgId(),
        visibility: visibility(),
        ...(visibility() === 'invited' ? { invitedOrganizationIds: invited() } : {}),
        language: language(),
        source: source() as Source,
        ...(note().trim() ? { note: note().trim() } : {}),
      };
      // A retry after a failed designation replays the creation (same key) instead of a second plan.
      const created = await createDocument(body, { idempotencyKey: keyFor(body) });
      const id = encodeURIComponent(created.document.id);
      if (designating()) {
        await designateFromPreview(created.document.id, measures, (bulk) => ({ idempotencyKey: bulkKeyFor({ id, bulk }) }));
        navigate(`/documents/${id}/monitoring`);
        return;
      }
      navigate(`/documents/${id}`);
    });
  };

  return (
    <Show when={governments().length > 0} fallback={<Alert tone="info">{t('upload.notDrafter')}</Alert>}>
      <ErrorSummary errors={form.errors()} />
      <form class="form" novalidate onSubmit={onSubmit}>
        <TextField id="doc-title" label={t('upload.title')} dir="auto" required value={title()} onValue={setTitle} error={form.fieldError('doc-title')} />
        <Show when={governments().length > 1}>
          <SelectField
            id="doc-org"
            label={t('upload.organization')}
            value={orgId()}
            options={governments().map((m) => ({ value: m.organizationId, label: m.organizationName }))}
            onValue={setOrganizationId}
          />
        </Show>
        <RadioGroup name="doc-kind" legend={t('upload.kind')} value={kind()} options={DOCUMENT_KIND_VALUES.map((value) => ({ value, label: documentKindLabel(value) }))} onValue={(v) => setKind(v as DocumentKind)} />
        <RadioGroup name="doc-language" legend={t('upload.language')} value={language()} options={LANGUAGES.map((l) => ({ value: l.code, label: l.autonym, lang: l.code }))} onValue={(v) => setLanguage(v as Language)} />
        <RadioGroup
          name="doc-visibility"
          legend={t('upload.visibility')}
          value={visibility()}
          options={VISIBILITY_VALUES.map((value) => ({ value, label: visibilityLabel(value) }))}
          onValue={(v) => setVisibility(v as DocumentVisibility)}
        />
        <Show when={visibility() === 'invited'}>
          <InvitedOrganizations selected={invited()} onChange={setInvited} />
        </Show>
        <SourceInput idPrefix="doc-source" onSource={(s) => { setSource(s); setPreview(null); }} error={form.fieldError('doc-source-file')} />
        <TextField id="doc-note" label={t('upload.note')} hint={t('upload.note.hint')} dir="auto" maxLength={2000} value={note()} onValue={setNote} />
        <Show when={kind() === 'action_plan' ? preview() : null}>{(blocks) => <PreviewMeasures blocks={blocks()} state={measures} />}</Show>
        <div class="form__actions">
          <Button variant="secondary" busy={previewing()} onClick={() => void onPreview()}>
            {t('upload.preview')}
          </Button>
          <Button type="submit" busy={form.busy()}>
            {t('upload.create')}
          </Button>
        </div>
        <Show when={form.busy()}>
          <p role="status" class="progress">
            <progress aria-label={t('upload.uploading')} />
            <span>{t('upload.uploading')}</span>
          </p>
        </Show>
        <Show when={previewError()}>
          <Alert tone="error">{previewError()}</Alert>
        </Show>
      </form>
      <Show when={preview()}>{(blocks) => <BlockPreview blocks={blocks()} />}</Show>
    </Show>
  );
}

export default function NewDocumentPage() {
  return (
    <section class="page">
      <PageHeading title={t('upload.pageTitle')} />
      <p>{t('upload.intro')}</p>
      <RequireSignIn>
        <NewDocumentForm />
      </RequireSignIn>
    </section>
  );
}
