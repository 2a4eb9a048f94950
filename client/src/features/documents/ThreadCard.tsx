/**
 * One thread: the passage (and, for a suggestion, the proposed wording as a word diff), its
 * state on this version, the comments with their authors as the API presents them, the
 * drafters' answer, endorsements, and what this reader may do: reply, endorse, edit or
 * withdraw their own comment, hide a comment (admins), confirm or correct an uncertain position.
 */
import { useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { DocumentDto } from '../../../../shared/documents.ts';
import type { Anchor, Author, CommentDto, ConfirmAnchorBody, ThreadDto } from '../../../../shared/threads.ts';
import { getDocument } from '../../api/documents.ts';
import { apiPath, createIdempotencyKeys, http } from '../../api/http.ts';
import { editComment, endorse, getThread, hideComment, reply, withdrawComment } from '../../api/threads.ts';
import { Alert } from '../../components/Alert.tsx';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { formatDateTime, t } from '../../i18n/index.ts';
import { useLiveDocument } from '../../state/live-document.ts';
import { useSession } from '../../state/session.ts';
import { anchorStateLabel, dispositionLabel, orgKindLabel, threadKindLabel } from './labels.ts';
import { wordDiff } from './text-ranges.ts';

export function AuthorLine(props: { author: Author }) {
  return (
    <span class="author">
      <Show when={props.author.isYou}>
        <Badge>{t('thread.you')}</Badge>{' '}
      </Show>
      <Show when={props.author.name}>
        <bdi>{props.author.name}</bdi>{' '}
      </Show>
      <Show when={props.author.organization}>
        {(org) => (
          <span>
            <bdi>{org().name}</bdi> <span class="muted">({orgKindLabel(org().kind)})</span>
          </span>
        )}
      </Show>
      <Show when={!props.author.name && !props.author.organization && !props.author.isYou}>
        <span>{t('thread.anonymous')}</span>
      </Show>
      <Show when={props.author.official}>
        {' '}
        <Badge tone="success">{t('thread.official')}</Badge>
      </Show>
    </span>
  );
}

function SuggestionDiff(props: { quote: string; suggestion: string }) {
  return (
    <div class="suggestion">
      <p class="suggestion__title">{t('thread.suggestion')}</p>
      <p class="suggestion__diff" dir="auto">
        <For each={wordDiff(props.quote, props.suggestion)}>
          {(part) => (part.change === 'same' ? part.text : part.change === 'deleted' ? <del>{part.text}</del> : <ins>{part.text}</ins>)}
        </For>
      </p>
    </div>
  );
}

function CommentItem(props: { comment: CommentDto; thread: ThreadDto; onChanged: () => void }) {
  const session = useSession();
  const [editing, setEditing] = createSignal(false);
  const [text, setText] = createSignal('');
  const [hiding, setHiding] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await action();
      setEditing(false);
      setHiding(false);
      props.onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const own = () => props.comment.author.isYou && !props.comment.withdrawn && !props.comment.hidden;
  const idBase = () => `comment-${props.comment.id}`;
  return (
    <li class="comment">
      <p class="comment__meta">
        <AuthorLine author={props.comment.author} /> <span class="muted">{formatDateTime(props.comment.createdAt)}</span>
        <Show when={props.comment.editedAt}>
          {' '}
          <Badge>{t('thread.comment.edited')}</Badge>
        </Show>
      </p>
      <Show when={props.comment.withdrawn}>
        <p class="comment__mark">{t('thread.comment.withdrawn')}</p>
      </Show>
      <Show when={props.comment.hidden}>
        <p class="comment__mark">
          {t('thread.comment.hidden')}
          <Show when={props.comment.hiddenReason}>
            {(why) => (
              <>
                {' '}
                <bdi>{why()}</bdi>
              </>
            )}
          </Show>
        </p>
      </Show>
      <Show when={props.comment.body !== undefined && !editing()}>
        <p class="comment__body" dir="auto">
          {props.comment.body}
        </p>
      </Show>
      <Show when={editing()}>
        <label class="field__label" for={`${idBase()}-edit`}>
          {t('thread.comment.editLabel')}
        </label>
        <textarea id={`${idBase()}-edit`} class="input textarea" dir="auto" rows={3} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
        <div class="actions">
          <Button busy={busy()} onClick={() => void run(() => editComment(props.comment.id, text().trim()))}>
            {t('thread.comment.save')}
          </Button>
          <Button variant="secondary" onClick={() => setEditing(false)}>
            {t('composer.cancel')}
          </Button>
        </div>
      </Show>
      <Show when={hiding()}>
        <label class="field__label" for={`${idBase()}-reason`}>
          {t('thread.comment.hideReason')}
        </label>
        <input id={`${idBase()}-reason`} class="input" dir="auto" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        <div class="actions">
          <Button busy={busy()} onClick={() => reason().trim() && void run(() => hideComment(props.comment.id, reason().trim()))}>
            {t('thread.comment.hideConfirm')}
          </Button>
          <Button variant="secondary" onClick={() => setHiding(false)}>
            {t('composer.cancel')}
          </Button>
        </div>
      </Show>
      <Show when={!editing() && !hiding()}>
        <div class="actions">
          <Show when={own()}>
            <Button
              variant="quiet"
              onClick={() => {
                setText(props.comment.body ?? '');
                setEditing(true);
              }}
            >
              {t('thread.comment.edit')}
            </Button>
            <Button variant="quiet" busy={busy()} onClick={() => void run(() => withdrawComment(props.comment.id))}>
              {t('thread.comment.withdraw')}
            </Button>
          </Show>
          <Show when={session.isAdmin() && !props.comment.hidden}>
            <Button variant="quiet" onClick={() => setHiding(true)}>
              {t('thread.comment.hide')}
            </Button>
          </Show>
        </div>
      </Show>
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
    </li>
  );
}

function ReplyForm(props: { thread: ThreadDto; onChanged: () => void }) {
  const live = useLiveDocument();
  const [text, setText] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const keyFor = createIdempotencyKeys();
  const id = () => `reply-${props.thread.id}`;
  // Replies written offline wait in the page's outbox (sent with their key when the connection returns).
  const pending = () => (live?.outbox() ?? []).flatMap((entry) => (entry.kind === 'reply' && entry.threadId === props.thread.id ? [entry] : []));
  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!text().trim() || busy()) return;
    setBusy(true);
    setError('');
    try {
      const body = text().trim();
      const idempotencyKey = keyFor({ thread: props.thread.id, body });
      if (live) {
        const result = await live.reply(props.thread.id, body, idempotencyKey);
        if (!result.ok && !result.queued) throw result.error;
        setText('');
      } else {
        await reply(props.thread.id, body, { idempotencyKey });
        setText('');
        props.onChanged();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="reply" novalidate onSubmit={(event) => void send(event)}>
      <Show when={pending().length > 0}>
        <ul class="comments comments--pending">
          <For each={pending()}>
            {(entry) => (
              <li class="comment comment--pending">
                <p class="comment__body" dir="auto">
                  {entry.body}
                </p>
                <p class="muted">{t('thread.reply.pending')}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <label class="field__label" for={id()}>
        {t('thread.reply')}
      </label>
      <textarea id={id()} class="input textarea" dir="auto" rows={2} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
      <Button type="submit" variant="secondary" busy={busy()}>
        {error() ? t('composer.retry') : t('thread.reply.send')}
      </Button>
    </form>
  );
}

function Endorse(props: { thread: ThreadDto; onChanged: (thread: ThreadDto) => void }) {
  const session = useSession();
  const live = useLiveDocument();
  const [error, setError] = createSignal('');
  const pending = () => (live?.outbox() ?? []).flatMap((entry) => (entry.kind === 'endorsement' && entry.threadId === props.thread.id ? [entry.organizationId] : []));
  const candidates = () =>
    session
      .memberships()
      .filter((m) => m.approved && m.organizationKind !== 'government' && m.organizationId !== props.thread.author.organization?.id)
      .filter((m) => !props.thread.endorsements.some((e) => e.organizationId === m.organizationId));
  const keyFor = createIdempotencyKeys();
  const endorseAs = async (organizationId: string) => {
    setError('');
    try {
      const idempotencyKey = keyFor({ thread: props.thread.id, org: organizationId });
      if (!live) {
        props.onChanged(await endorse(props.thread.id, organizationId, { idempotencyKey }));
        return;
      }
      const result = await live.endorse(props.thread.id, organizationId, idempotencyKey);
      if (!result.ok && !result.queued) throw result.error;
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <For each={candidates()}>
        {(membership) => (
          <Show when={pending().includes(membership.organizationId)} fallback={<Button variant="secondary" onClick={() => void endorseAs(membership.organizationId)}>{t('thread.endorseAs', { name: membership.organizationName })}</Button>}>
            <p class="muted" role="status">
              {t('thread.endorse.pending', { name: membership.organizationName })}
            </p>
          </Show>
        )}
      </For>
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
    </>
  );
}

async function confirmAnchor(threadId: string, body: ConfirmAnchorBody): Promise<ThreadDto> {
  return (await http.post<{ thread: ThreadDto }>(apiPath`/threads/${threadId}/confirm-anchor`, body)).thread;
}

/**
 * After a new version the server found this thread's passage only approximately. Those who may
 * settle it (the drafters, and the thread's own organisation while the consultation is open —
 * the server decides) confirm the place, or select the right passage in the line. The line is
 * shown in a read-only text box: its selection gives UTF-16 offsets, as the API counts them, and
 * works with the keyboard (Shift + arrows) as well as the mouse.
 */
function ConfirmAnchor(props: { thread: ThreadDto; document: DocumentDto; onChanged: (thread: ThreadDto) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [lineText, setLineText] = createSignal<string | null>(null);
  let box: HTMLTextAreaElement | undefined;
  const id = () => `confirm-${props.thread.id}`;
  const singleLine = () => props.thread.anchor.start.blockId === props.thread.anchor.end.blockId;
  const send = async (anchor?: Anchor) => {
    setBusy(true);
    setError('');
    try {
      const threadId = props.thread.id;
      props.onChanged(await confirmAnchor(threadId, { version: props.document.currentVersion, ...(anchor ? { anchor } : {}) }));
      // The control just used is gone with the uncertainty: keep the keyboard on the thread.
      globalThis.document.getElementById(`thread-${threadId}`)?.focus();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const openEditor = async () => {
    setError('');
    try {
      const { blocks } = await getDocument(props.thread.documentId, props.document.currentVersion);
      const block = blocks.find((b) => b.id === props.thread.anchor.start.blockId);
      setLineText(block?.text ?? '');
      queueMicrotask(() => {
        box?.focus();
        box?.setSelectionRange(props.thread.anchor.start.offset, props.thread.anchor.end.offset);
      });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const useSelection = () => {
    if (!box || box.selectionStart === box.selectionEnd) {
      setError(t('thread.anchor.confirm.selectFirst'));
      return;
    }
    const blockId = props.thread.anchor.start.blockId;
    void send({ start: { blockId, offset: box.selectionStart }, end: { blockId, offset: box.selectionEnd } });
  };
  return (
    <div class="anchor-confirm">
      <p>{t('thread.anchor.confirm.intro')}</p>
      <Show when={lineText() !== null}>
        <label class="field__label" for={`${id()}-line`}>
          {t('thread.anchor.confirm.selectLabel')}
        </label>
        <textarea id={`${id()}-line`} ref={box} class="input textarea" dir="auto" rows={3} readonly value={lineText() ?? ''} />
      </Show>
      <div class="actions">
        <Show
          when={lineText() !== null}
          fallback={
            <>
              <Button variant="secondary" busy={busy()} onClick={() => void send()}>
                {t('thread.anchor.confirm.keep')}
              </Button>
              <Show when={singleLine()}>
                <Button variant="quiet" onClick={() => void openEditor()}>
                  {t('thread.anchor.confirm.repoint')}
                </Button>
              </Show>
            </>
          }
        >
          <Button variant="secondary" busy={busy()} onClick={useSelection}>
            {t('thread.anchor.confirm.useSelection')}
          </Button>
          <Button variant="quiet" onClick={() => setLineText(null)}>
            {t('composer.cancel')}
          </Button>
        </Show>
      </div>
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
    </div>
  );
}

export function ThreadCard(props: { thread: ThreadDto; document: DocumentDto; onChanged: (thread: ThreadDto) => void; headingLevel?: 'h3' | 'h4' }) {
  const session = useSession();
  const refresh = async () => {
    try {
      props.onChanged(await getThread(props.thread.id));
    } catch {
      /* the live update will bring it */
    }
  };
  const commentIds = createMemo(() => props.thread.comments.map((c) => c.id), undefined, { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) });
  const state = () => anchorStateLabel(props.thread.anchorState);
  const canReply = () => !!session.user() && (props.document.can.comment || props.document.can.answer);
  const [search] = useSearchParams();
  // Mirrors the server's rule so the control shows only to those it will accept; only on the
  // current version, the one whose position can still be settled.
  const canConfirmAnchor = () => {
    if (props.thread.anchorState !== 'uncertain' || !session.user()) return false;
    if (search.version && Number(search.version) !== props.document.currentVersion) return false;
    if (props.document.can.answer) return true;
    const org = props.thread.author.organization?.id;
    const own = props.thread.author.isYou || (!!org && session.memberships().some((m) => m.approved && m.organizationId === org));
    return own && props.document.can.comment;
  };
  return (
    <article class="thread" id={`thread-${props.thread.id}`} tabindex="-1" aria-labelledby={`thread-${props.thread.id}-title`}>
      <p class="thread__badges" id={`thread-${props.thread.id}-title`}>
        <Badge>{threadKindLabel(props.thread.kind)}</Badge> <Show when={props.thread.visibility === 'confidential'}>
          <Badge tone="warning">{t('thread.confidential')}</Badge>{' '}
        </Show>
        <Badge tone={props.thread.status === 'resolved' ? 'success' : 'neutral'}>{props.thread.status === 'resolved' ? t('thread.status.resolved') : t('thread.status.open')}</Badge>{' '}
        <Show when={state()}>
          {(label) => <Badge tone={props.thread.anchorState === 'moved' ? 'neutral' : 'warning'}>{label()}</Badge>}
        </Show>
      </p>
      <p class="thread__author">
        <AuthorLine author={props.thread.author} />
      </p>
      <blockquote class="quote" dir="auto">
        {props.thread.quote}
      </blockquote>
      <Show when={props.thread.anchorState === 'outdated' || props.thread.anchorState === 'uncertain'}>
        <p class="muted">{t('thread.originalQuote')}</p>
      </Show>
      <Show when={canConfirmAnchor()}>
        <ConfirmAnchor thread={props.thread} document={props.document} onChanged={props.onChanged} />
      </Show>
      <Show when={props.thread.suggestion}>{(suggestion) => <SuggestionDiff quote={props.thread.quote} suggestion={suggestion()} />}</Show>
      <ol class="comments">
        {/* Keyed by comment id: a live update brings new objects, and must not close a comment being edited. */}
        <For each={commentIds()}>
          {(commentId) => <Show when={props.thread.comments.find((c) => c.id === commentId)}>{(comment) => <CommentItem comment={comment()} thread={props.thread} onChanged={() => void refresh()} />}</Show>}
        </For>
      </ol>
      <Show when={props.thread.disposition}>
        {(disposition) => (
          <div class="disposition">
            <p>
              <strong>{t('thread.disposition')}</strong> <Badge tone="success">{dispositionLabel(disposition().value)}</Badge>
            </p>
            <Show when={disposition().rationale}>
              <p dir="auto">{disposition().rationale}</p>
            </Show>
            <Show when={disposition().appliedVersion}>{(n) => <p class="disposition__applied">{t('report.appliedIn', { number: n() })}</p>}</Show>
            <p class="muted">
              <AuthorLine author={disposition().by} /> · {formatDateTime(disposition().at)}
            </p>
          </div>
        )}
      </Show>
      <Show when={props.thread.endorsements.length > 0}>
        <p>
          {t('thread.endorsedBy')}{' '}
          <For each={props.thread.endorsements}>
            {(e, i) => (
              <>
                <Show when={i() > 0}>{' · '}</Show>
                <bdi>{e.name}</bdi>
              </>
            )}
          </For>
        </p>
      </Show>
      <Show when={session.user() && props.document.can.comment}>
        <div class="actions">
          <Endorse thread={props.thread} onChanged={props.onChanged} />
        </div>
      </Show>
      <Show when={canReply()}>
        <ReplyForm thread={props.thread} onChanged={() => void refresh()} />
      </Show>
    </article>
  );
}
