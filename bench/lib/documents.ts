/** Drafts created through the HTTP API, as a ministry drafter would (POST, then open). */
import type { Block } from '../../shared/documents.ts';
import { call, expectStatus } from './http.ts';
import type { World } from './world.ts';

export interface Draft {
  id: string;
  blocks: Block[];
  /** Time of POST /api/documents (import + storage), ms. */
  createMs: number;
}

export async function createDraft(
  base: string,
  world: World,
  source: { format: 'text' | 'docx'; content: string },
  title = 'Draft law on combating trafficking in persons (benchmark)',
): Promise<Draft> {
  const start = performance.now();
  const res = await expectStatus(
    call(base, 'POST', '/api/documents', {
      token: world.drafter.token,
      body: { title, kind: 'law', organizationId: world.ministryId, visibility: 'public', language: 'en', source },
    }),
    201,
    'create document',
  );
  const createMs = performance.now() - start;
  const id = res.json().document.id as string;
  await expectStatus(call(base, 'PATCH', `/api/documents/${id}`, { token: world.drafter.token, body: { status: 'open' } }), 200, 'open document');
  const blocks = (await expectStatus(call(base, 'GET', `/api/documents/${id}`), 200, 'get document')).json().blocks as Block[];
  return { id, blocks, createMs };
}
