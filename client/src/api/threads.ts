/** Threads, comments, dispositions, endorsements and the report (API.md "Threads and comments"). */
import type { CommentDto, CreateThreadBody, DispositionBody, DispositionValue, ThreadDto } from '../../../shared/threads.ts';
import { answerOf, apiPath, http, type RequestOptions, send } from './http.ts';

export interface ReportRow {
  threadId: string;
  reference: string;
  line: number;
  quote: string;
  comment: string;
  replies: number;
  who: string;
  kind: string;
  visibility: string;
  endorsements: string[];
  disposition: string | null;
  rationale: string | null;
  appliedIn: number | null;
  status: string;
}

export function listThreads(documentId: string, version?: number): Promise<ThreadDto[]> {
  return http.get<ThreadDto[]>(apiPath`/documents/${documentId}/threads` + (version ? `?version=${version}` : ''));
}

/** A thread list with the document's event seq it was read at (null from a server that does not say). */
export interface ThreadList {
  threads: ThreadDto[];
  seq: number | null;
}

/** The `x-document-seq` header: every event up to it is already reflected in the list. */
export function seqOf(response: Response): number | null {
  const value = Number(response.headers.get('x-document-seq') ?? Number.NaN);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

export async function listThreadsAt(documentId: string, version?: number): Promise<ThreadList> {
  const response = await send('GET', apiPath`/documents/${documentId}/threads` + (version ? `?version=${version}` : ''));
  return { threads: await answerOf<ThreadDto[]>(response), seq: seqOf(response) };
}

/** Opens a thread; `body.version` names the version the span was selected on (an older one → 422 invalid_anchor). */
export async function createThread(documentId: string, body: CreateThreadBody, options?: RequestOptions): Promise<ThreadDto> {
  return (await http.post<{ thread: ThreadDto }>(apiPath`/documents/${documentId}/threads`, body, options)).thread;
}

export async function reply(threadId: string, body: string, options?: RequestOptions): Promise<CommentDto> {
  return (await http.post<{ comment: CommentDto }>(apiPath`/threads/${threadId}/comments`, { body }, options)).comment;
}

export async function editComment(commentId: string, body: string): Promise<CommentDto> {
  return (await http.patch<{ comment: CommentDto }>(apiPath`/comments/${commentId}`, { body })).comment;
}

export async function withdrawComment(commentId: string): Promise<CommentDto> {
  return (await http.post<{ comment: CommentDto }>(apiPath`/comments/${commentId}/withdraw`)).comment;
}

export async function hideComment(commentId: string, reason: string): Promise<CommentDto> {
  return (await http.post<{ comment: CommentDto }>(apiPath`/comments/${commentId}/hide`, { reason })).comment;
}

/** `applied`: where an accepted comment was taken into the text (a version, and lines of it). */
export async function dispose(threadId: string, value: DispositionValue, rationale: string, applied?: { version: number; blockIds: readonly string[] }): Promise<ThreadDto> {
  const body: DispositionBody = rationale.trim() ? { value, rationale } : { value };
  if (applied) {
    body.appliedVersion = applied.version;
    if (applied.blockIds.length > 0) body.appliedBlockIds = [...applied.blockIds];
  }
  return (await http.post<{ thread: ThreadDto }>(apiPath`/threads/${threadId}/disposition`, body)).thread;
}

export async function resolveThread(threadId: string, reopen = false): Promise<ThreadDto> {
  const path = reopen ? apiPath`/threads/${threadId}/reopen` : apiPath`/threads/${threadId}/resolve`;
  return (await http.post<{ thread: ThreadDto }>(path)).thread;
}

export async function endorse(threadId: string, organizationId: string, options?: RequestOptions): Promise<ThreadDto> {
  return (await http.post<{ thread: ThreadDto }>(apiPath`/threads/${threadId}/endorsements`, { organizationId }, options)).thread;
}

export async function getReport(documentId: string): Promise<{ title: string; version: number; rows: ReportRow[] }> {
  return http.get(apiPath`/documents/${documentId}/report`);
}

export function reportUrl(documentId: string, format: 'csv' | 'docx' | 'json'): string {
  return `/api${apiPath`/documents/${documentId}/report`}?format=${format}`;
}

export async function getThread(threadId: string): Promise<ThreadDto> {
  return (await http.get<{ thread: ThreadDto }>(apiPath`/threads/${threadId}`)).thread;
}
