/** Documents, versions, diffs and exports (API.md "Documents and versions"). */
import type { Block, CreateDocumentBody, DiffEntry, DocumentDto, DocumentKind, DocumentStatus, ParsedBlock, PreviewBody, UpdateDocumentBody, VersionSummary } from '../../../shared/documents.ts';
import { apiPath, http, type RequestOptions } from './http.ts';

export interface DocumentWithBlocks {
  document: DocumentDto;
  version: VersionSummary;
  blocks: Block[];
}

export function listDocuments(filters: { kind?: DocumentKind | ''; status?: DocumentStatus | '' } = {}): Promise<DocumentDto[]> {
  const query = new URLSearchParams();
  if (filters.kind) query.set('kind', filters.kind);
  if (filters.status) query.set('status', filters.status);
  const text = query.toString();
  return http.get<DocumentDto[]>(`/documents${text ? `?${text}` : ''}`);
}

export function getDocument(id: string, version?: number): Promise<DocumentWithBlocks> {
  return http.get<DocumentWithBlocks>(apiPath`/documents/${id}` + (version ? `?version=${version}` : ''));
}

export async function previewDocument(body: PreviewBody): Promise<ParsedBlock[]> {
  return (await http.post<{ blocks: ParsedBlock[] }>('/documents/preview', body)).blocks;
}

export function createDocument(body: CreateDocumentBody, options?: RequestOptions): Promise<{ document: DocumentDto; version: VersionSummary }> {
  return http.post('/documents', body, options);
}

export async function updateDocument(id: string, body: UpdateDocumentBody): Promise<DocumentDto> {
  return (await http.patch<{ document: DocumentDto }>(apiPath`/documents/${id}`, body)).document;
}

export async function publishVersion(id: string, body: { source: CreateDocumentBody['source']; note: string }, options?: RequestOptions): Promise<VersionSummary> {
  return (await http.post<{ version: VersionSummary }>(apiPath`/documents/${id}/versions`, body, options)).version;
}

export function listVersions(id: string): Promise<VersionSummary[]> {
  return http.get<VersionSummary[]>(apiPath`/documents/${id}/versions`);
}

export function getDiff(id: string, from: number, to: number): Promise<DiffEntry[]> {
  return http.get<DiffEntry[]>(apiPath`/documents/${id}/diff` + `?from=${from}&to=${to}`);
}

export function exportUrl(id: string, version: number, format: 'akn' | 'md' | 'docx'): string {
  return `/api${apiPath`/documents/${id}/versions/${String(version)}/export`}?format=${format}`;
}
