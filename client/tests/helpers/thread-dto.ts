/** A thread as the API sends it, for client state tests: one public named comment on a line. */
import type { ThreadDto } from '../../../shared/threads.ts';

export function threadDto(id: string, options: { body?: string; blockId?: string; offset?: number } = {}): ThreadDto {
  const { body = id, blockId = 'b1', offset = 0 } = options;
  const anchor = { start: { blockId, offset }, end: { blockId, offset: offset + 3 } };
  return {
    id,
    documentId: 'd1',
    versionNumber: 1,
    anchor,
    originalAnchor: anchor,
    anchorState: 'unchanged',
    quote: 'abc',
    prefix: '',
    suffix: '',
    kind: 'comment',
    status: 'open',
    visibility: 'public',
    attribution: 'named',
    author: { name: 'Samira' },
    comments: [{ id: `${id}-c`, threadId: id, body, author: { name: 'Samira' }, createdAt: '2026-01-01T00:00:00Z', editedAt: null, withdrawn: false, hidden: false, revisionCount: 0 }],
    endorsements: [],
    createdAt: '2026-01-01T00:00:00Z',
  };
}
