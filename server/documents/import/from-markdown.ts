/**
 * Markdown sources: one block per non-empty line, with Markdown markers (`#`, `>`, `- `, `**`,
 * `_`, links) dropped from the stored text; heading levels pick the title and separate captions
 * from chapter names, while the words still decide what is an article (see markdown-lines.ts).
 */
import type { ParsedBlock } from '../../../shared/documents.ts';
import { detectStructure } from './detect-structure.ts';
import { checkBlocks, sourceLines } from './source-text.ts';

export function fromMarkdown(content: string): ParsedBlock[] {
  return checkBlocks(detectStructure(sourceLines(content), { markdown: true }));
}
