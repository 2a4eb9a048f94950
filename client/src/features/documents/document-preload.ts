/**
 * Starts GET /api/documents/:id as soon as the router matches the reader's route, in parallel
 * with the page's own chunk and GET /api/me, instead of after them (on a 20,000-line draft the
 * request used to start only once the lazy page had loaded). The page takes the answer once;
 * anything older than a few seconds, or a later refetch, goes to the network again.
 */
import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { type DocumentWithBlocks, getDocument } from '../../api/documents.ts';

const FRESH_MS = 10_000;

let pending: { key: string; at: number; answer: Promise<DocumentWithBlocks> } | null = null;

const keyOf = (id: string, version: number | undefined) => `${id}@${version ?? ''}`;

function versionParam(search: string): number | undefined {
  const value = new URLSearchParams(search).get('version');
  return value ? Number(value) : undefined;
}

/** The route's `preload`: only for a real navigation, not for a hovered link. */
export function preloadDocument(args: RoutePreloadFuncArgs): void {
  if (args.intent === 'preload' || !args.params.id) return;
  const version = versionParam(args.location.search);
  const key = keyOf(args.params.id, version);
  if (pending?.key === key && Date.now() - pending.at < FRESH_MS) return;
  const answer = getDocument(args.params.id, version);
  // The page reports the failure when it takes the answer; nobody may ever take this one.
  answer.catch(() => {});
  pending = { key, at: Date.now(), answer };
}

/** The preloaded answer for this document, if fresh, else a new request. */
export function loadDocument(id: string, version?: number): Promise<DocumentWithBlocks> {
  const hit = pending;
  pending = null;
  if (hit && hit.key === keyOf(id, version) && Date.now() - hit.at < FRESH_MS) return hit.answer;
  return getDocument(id, version);
}
