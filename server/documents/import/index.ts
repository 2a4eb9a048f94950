/**
 * The document importer: a source (plain text, Markdown, or a Word .docx in base64) becomes the
 * ordered blocks ("lines") of a version, each with its kind, label, eId path, text and direction.
 * Pure code, no database: the documents service stores what this returns.
 */
import type { Language } from '../../../shared/common.ts';
import type { ParsedBlock, Source } from '../../../shared/documents.ts';
import { AppError } from '../../http/errors.ts';
import { fromDocx } from './from-docx.ts';
import { fromMarkdown } from './from-markdown.ts';
import { fromText } from './from-text.ts';

export { detectStructure } from './detect-structure.ts';
export { directionOf } from './direction.ts';

/**
 * Validates and imports a source. Throws AppError: `empty_source` 422, `invalid_character` 400
 * (NUL, U+FFFD, control characters), `payload_too_large` 413 (over LIMITS.sourceBytes),
 * `too_many_blocks` 413 (over LIMITS.blocksPerDocument), `invalid_source` 400/415 (bad base64,
 * a file that is not a .docx, a damaged .docx).
 *
 * `language` is the document's declared language. Detection does not depend on it — drafts mix
 * languages (an Arabic law citing a French code) and every pattern is tried on every line.
 */
export async function importSource(source: Source, language?: Language): Promise<ParsedBlock[]> {
  void language;
  switch (source.format) {
    case 'text':
      return fromText(source.content);
    case 'markdown':
      return fromMarkdown(source.content);
    case 'docx':
      return fromDocx(source.content);
    default:
      throw new AppError('invalid_source', 400, `Unknown source format "${String((source as { format: unknown }).format)}": use text, markdown or docx.`);
  }
}
