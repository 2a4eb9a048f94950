/**
 * Looks inside an uploaded file before mammoth opens it: is it a Word .docx at all (and if not,
 * what is it, so the drafter can be told "save it as .docx"), is its ZIP directory intact, and does
 * its markup stay within a size that mammoth can parse in memory (a small ZIP can expand to
 * gigabytes). Reads only the ZIP central directory; nothing is decompressed here.
 */
import { LIMITS } from '../../../shared/common.ts';
import { AppError } from '../../http/errors.ts';
import { formatBytes } from './source-text.ts';

/** Markup mammoth will parse: generous for 20,000 paragraphs of formatted text, far below a zip bomb. */
export const DOCX_MARKUP_LIMIT = 8 * LIMITS.sourceBytes;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const SAVE_AS_DOCX = 'Open it in Word (or LibreOffice) and save it as "Word Document (.docx)", or paste the text instead.';

function notDocx(what: string): AppError {
  return new AppError('invalid_source', 415, `This file is ${what}, not a Word .docx document. ${SAVE_AS_DOCX}`);
}

function damaged(): AppError {
  return new AppError('invalid_source', 400, `This Word file is damaged or incomplete (its ZIP directory cannot be read). Upload it again, or open it in Word and save a new copy as .docx.`);
}

/** Names the common wrong uploads by their first bytes. */
function sniff(file: Buffer): AppError | null {
  const head = file.subarray(0, 8);
  if (head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') return null;
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return notDocx('an old-format Word .doc (Word 97–2003) file or a password-protected document');
  if (head.toString('latin1').startsWith('%PDF')) return notDocx('a PDF');
  if (head.toString('latin1').startsWith('{\\rtf')) return notDocx('an RTF document');
  if (head.subarray(0, 4).toString('latin1') === 'PK\u0005\u0006') return notDocx('an empty ZIP archive');
  return notDocx('not a ZIP-based Office file (perhaps plain text or HTML — choose the text or Markdown format for those)');
}

function findEndOfDirectory(file: Buffer): number {
  const stop = Math.max(0, file.length - 22 - 0xffff);
  for (let at = file.length - 22; at >= stop; at--) {
    if (file.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

interface Entry {
  name: string;
  size: number;
}

function readDirectory(file: Buffer): Entry[] {
  const end = findEndOfDirectory(file);
  if (end < 0) throw damaged();
  const count = file.readUInt16LE(end + 10);
  const offset = file.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== DIRECTORY_ENTRY) throw damaged();
    const nameLength = file.readUInt16LE(at + 28);
    const skip = nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    entries.push({ name: file.toString('utf8', at + 46, at + 46 + nameLength), size: file.readUInt32LE(at + 24) });
    at += 46 + skip;
  }
  return entries;
}

/** Throws a clear AppError unless `file` is a readable, reasonably sized .docx. */
export function checkDocxContainer(file: Buffer): void {
  const wrongKind = sniff(file);
  if (wrongKind) throw wrongKind;
  const entries = readDirectory(file);
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('word/document.xml')) {
    if (names.has('xl/workbook.xml')) throw notDocx('an Excel workbook');
    if (names.has('ppt/presentation.xml')) throw notDocx('a PowerPoint presentation');
    if (names.has('content.xml') && names.has('mimetype')) throw notDocx('an OpenDocument (.odt) file');
    throw notDocx('a ZIP archive');
  }
  const markup = entries.filter((entry) => /\.(xml|rels)$/i.test(entry.name)).reduce((sum, entry) => sum + entry.size, 0);
  if (markup > DOCX_MARKUP_LIMIT) {
    throw new AppError('payload_too_large', 413, `This Word file expands to ${formatBytes(markup)} of text and formatting; the limit is ${formatBytes(DOCX_MARKUP_LIMIT)}. Split the document into smaller files.`);
  }
}
