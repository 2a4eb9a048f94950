/**
 * Word .docx sources, sent as base64: checked (base64, size, really a .docx, not a ZIP bomb),
 * converted by mammoth to HTML for its paragraphs and heading styles, then detected like text.
 * Heading styles help pick the title; the words still decide what is an article.
 */
import mammoth from 'mammoth';
import { LIMITS } from '../../../shared/common.ts';
import type { ParsedBlock } from '../../../shared/documents.ts';
import { AppError } from '../../http/errors.ts';
import { detectLines } from './detect-structure.ts';
import { checkDocxContainer } from './docx-container.ts';
import { htmlToLines } from './docx-html.ts';
import { checkBlocks, emptySource, sourceLines, tooLarge } from './source-text.ts';

/** Browsers' FileReader gives a data URL; accept it as well as bare (optionally wrapped) base64. */
const DATA_URL_PREFIX = /^data:[^,]*;base64,/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const URL_SAFE = /[-_]/g;
/** Word's Title style is the document title; mammoth maps only Heading 1–6 by default. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"];

export function decodeBase64(content: string): Buffer {
  const compact = content.replace(DATA_URL_PREFIX, '').replace(/\s+/g, '');
  if (compact === '') throw emptySource('The Word file');
  // Refuse before decoding: 4 base64 characters carry 3 bytes.
  const estimated = Math.floor((compact.length * 3) / 4);
  if (estimated > LIMITS.sourceBytes + 2) throw tooLarge('The Word file', estimated);
  const standard = compact.replace(URL_SAFE, (ch) => (ch === '-' ? '+' : '/'));
  if (!BASE64.test(standard)) {
    throw new AppError('invalid_source', 400, 'The Word file is not valid base64. Send the .docx file encoded in base64 (or as a base64 data URL).');
  }
  const file = Buffer.from(standard, 'base64');
  if (file.length > LIMITS.sourceBytes) throw tooLarge('The Word file', file.length);
  return file;
}

async function convert(file: Buffer): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: file },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        // Images are not lines of the law; never decode them.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    return result.value;
  } catch {
    throw new AppError('invalid_source', 400, 'This Word file could not be read: it may be damaged or password-protected. Open it in Word, save a new copy as .docx (without a password) and upload that.');
  }
}

export async function fromDocx(base64: string): Promise<ParsedBlock[]> {
  const file = decodeBase64(base64);
  checkDocxContainer(file);
  const paragraphs = htmlToLines(await convert(file));
  if (paragraphs.length === 0) throw emptySource('The Word file');
  // Same character, size and NFC rules as pasted text; paragraphs hold no line breaks, so lines stay aligned.
  const texts = sourceLines(paragraphs.map((paragraph) => paragraph.text).join('\n'), 'The text of the Word file');
  return checkBlocks(detectLines(paragraphs.map((paragraph, i) => ({ text: texts[i], heading: paragraph.heading }))));
}
