/**
 * The checks and clean-up every source goes through before structure detection, whatever its
 * format: size, emptiness, characters that betray a wrong encoding or a binary file, line endings
 * and Unicode NFC (the form we store, so that the same word is always the same code points).
 * Each refusal names the limit or the line, so a drafter knows what to fix.
 */
import type { ParsedBlock } from '../../../shared/documents.ts';
import { LIMITS } from '../../../shared/common.ts';
import { AppError } from '../../http/errors.ts';

/** Every character that ends a line; all become LF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: vertical tab and form feed are line ends here
export const LINE_BREAKS = /\r\n?|[\n\u000B\u000C\u0085\u2028\u2029]/g;
/** C0/C1 controls other than tab and line breaks, and lone surrogates: never part of a real text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const BAD_CHARACTER = /[\u0000\uFFFD\u0001-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]|\p{Cs}/u;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function tooLarge(what: string, bytes: number): AppError {
  return new AppError(
    'payload_too_large',
    413,
    `${what} is ${formatBytes(bytes)}; the limit is ${formatBytes(LIMITS.sourceBytes)} (${LIMITS.sourceBytes.toLocaleString('en')} bytes). Split the document into smaller parts or remove images.`,
  );
}

export function emptySource(what = 'The document'): AppError {
  return new AppError('empty_source', 422, `${what} contains no text. Paste or upload the text of the draft.`);
}

function describeBadCharacter(content: string, index: number): AppError {
  const line = content.slice(0, index).split('\n').length;
  const code = content.codePointAt(index) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0) {
    return new AppError('invalid_character', 400, `Line ${line} contains a NUL byte (U+0000): this looks like a binary file, not text. Upload a Word file as .docx, or paste the text itself.`);
  }
  if (code === 0xfffd) {
    return new AppError('invalid_character', 400, `Line ${line} contains U+FFFD replacement characters: the file was not read as UTF-8, so some letters were lost. Save the file as UTF-8 and upload it again.`);
  }
  return new AppError('invalid_character', 400, `Line ${line} contains the invisible control character ${hex}, which a text cannot hold. Remove it (or save the file as plain UTF-8 text) and try again.`);
}

/** Validated, NFC, LF-only lines of a text source (text, Markdown, or text extracted from Word). */
export function sourceLines(content: string, what = 'The text'): string[] {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > LIMITS.sourceBytes) throw tooLarge(what, bytes);
  const text = content.replace(/^\uFEFF/, '').replace(LINE_BREAKS, '\n');
  const bad = BAD_CHARACTER.exec(text);
  if (bad) throw describeBadCharacter(text, bad.index);
  if (text.trim() === '') throw emptySource();
  const lines = text.normalize('NFC').split('\n');
  let nonEmpty = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length > LIMITS.blockTextLength) {
      throw new AppError('payload_too_large', 413, `Line ${i + 1} is ${lines[i].length.toLocaleString('en')} characters long; a line may hold at most ${LIMITS.blockTextLength.toLocaleString('en')}. Break it into paragraphs.`);
    }
    if (lines[i].trim() !== '') nonEmpty += 1;
  }
  // Checked before detection too, so a huge paste is refused before any work is spent on it.
  if (nonEmpty > LIMITS.blocksPerDocument) throw tooManyBlocks(nonEmpty);
  return lines;
}

export function tooManyBlocks(count: number): AppError {
  return new AppError(
    'too_many_blocks',
    413,
    `The document has ${count.toLocaleString('en')} lines; a document may have at most ${LIMITS.blocksPerDocument.toLocaleString('en')}. Split it into several documents (for example one per part).`,
  );
}

/** Final checks on the detected blocks: something to show, and not over the per-document limit. */
export function checkBlocks(blocks: ParsedBlock[]): ParsedBlock[] {
  if (blocks.length === 0) throw emptySource();
  if (blocks.length > LIMITS.blocksPerDocument) throw tooManyBlocks(blocks.length);
  return blocks;
}
