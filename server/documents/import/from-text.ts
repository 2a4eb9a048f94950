/**
 * Plain-text sources: one block per non-empty line, structure from the words alone.
 */
import type { ParsedBlock } from '../../../shared/documents.ts';
import { detectStructure } from './detect-structure.ts';
import { checkBlocks, sourceLines } from './source-text.ts';

export function fromText(content: string): ParsedBlock[] {
  return checkBlocks(detectStructure(sourceLines(content), { markdown: false }));
}
