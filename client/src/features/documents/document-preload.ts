/**
 * Starts GET /api/documents/:id as soon as the router matches the reader's route, in parallel
 * with the page's own chunk and GET /api/me, instead of after them (on a 20,000-line draft the
 * request used to start only once the lazy page had loaded). The page takes the answer once;
 * anything older than a few seconds, or a later refetch, goes to the network again.
 */
import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ThreadDto } from '../../../../shared/threads.ts';
import { type DocumentWithBlocks, getDocument } from '../../api/documents.ts';
import { preloadedAnswer } from '../../api/http.ts';
import { seqOf, type ThreadList } from '../../api/threads.ts';
import { formatDate, formatNumber, tp } from '../../i18n/index.ts';

const FRESH_MS = 10_000;

type Started = Promise<{ response: Response; body?: unknown }>;

/**
 * The answers public/document-preload.js started before the modules loaded (on a first visit
 * to a document's page, that is what saves the most: the shell's modules take a while).
 */
interface EarlyAnswers {
  id: string;
  version: number | null;
  at: number;
  document: Started | null;
  threads: Started | null;
}

function early(id: string, version: number | undefined): EarlyAnswers | null {
  const answers = (globalThis as { __tashawurPreload?: EarlyAnswers }).__tashawurPreload;
  if (!answers || answers.id !== id || (answers.version ?? undefined) !== version || Date.now() - answers.at >= FRESH_MS) return null;
  return answers;
}

/** The early thread list of this document (once), with the seq it was read at; null if none. */
export function takeThreads(id: string, version: number | undefined): Promise<ThreadList> | null {
  const answers = early(id, version);
  const started = answers?.threads;
  if (!answers || !started) return null;
  answers.threads = null;
  return preloadedAnswer<ThreadDto[]>(started).then(({ body, response }) => ({ threads: body, seq: seqOf(response) }));
}

let pending: { key: string; at: number; answer: Promise<DocumentWithBlocks> } | null = null;

const keyOf = (id: string, version: number | undefined) => `${id}@${version ?? ''}`;

function versionParam(search: string): number | undefined {
  const value = new URLSearchParams(search).get('version');
  return value ? Number(value) : undefined;
}

/**
 * The first number and date formatted in a language load its locale data (tens of ms, more on
 * a busy phone): done while the document is on its way, not when its lines are rendered.
 */
function warmFormats(): void {
  setTimeout(() => {
    formatNumber(1);
    tp('reader.lines', 1);
    formatDate(new Date());
  }, 0);
}

/** The route's `preload`: only for a real navigation, not for a hovered link. */
export function preloadDocument(args: RoutePreloadFuncArgs): void {
  if (args.intent === 'preload' || !args.params.id) return;
  warmFormats();
  const version = versionParam(args.location.search);
  if (early(args.params.id, version)?.document) return;
  const key = keyOf(args.params.id, version);
  if (pending?.key === key && Date.now() - pending.at < FRESH_MS) return;
  const answer = getDocument(args.params.id, version);
  // The page reports the failure when it takes the answer; nobody may ever take this one.
  answer.catch(() => {});
  pending = { key, at: Date.now(), answer };
}

/** The preloaded answer for this document, if fresh, else a new request. */
export function loadDocument(id: string, version?: number): Promise<DocumentWithBlocks> {
  const answers = early(id, version);
  const started = answers?.document;
  if (answers && started) {
    answers.document = null;
    return preloadedAnswer<DocumentWithBlocks>(started).then(({ body }) => body);
  }
  const hit = pending;
  pending = null;
  if (hit && hit.key === keyOf(id, version) && Date.now() - hit.at < FRESH_MS) return hit.answer;
  return getDocument(id, version);
}
