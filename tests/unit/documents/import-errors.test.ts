/**
 * What the importer refuses, with which code and status, and whether the message tells a drafter
 * what to do; and the clean-up every accepted source gets (line endings, BOM, NFC).
 */
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importSource } from '../../../server/documents/import/index.ts';
import { AppError } from '../../../server/http/errors.ts';
import { LIMITS } from '../../../shared/common.ts';
import type { Source } from '../../../shared/documents.ts';

async function refusal(source: Source): Promise<AppError> {
  try {
    await importSource(source);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('the source was accepted');
}

async function wordFile(lines: string[]): Promise<Buffer> {
  const document = new Document({ sections: [{ children: lines.map((text) => new Paragraph({ text })) }] });
  return Packer.toBuffer(document);
}

describe('empty sources', () => {
  it.each([
    ['text', ''],
    ['text', '   \n\t\n  '],
    ['markdown', '\n\n'],
    ['markdown', '# \n\n---\n\n![](logo.png)'],
    ['text', '\u200B\u200F\n\uFEFF'],
  ] as const)('refuses a %s source with no words (%j) with 422 empty_source', async (format, content) => {
    const error = await refusal({ format, content });
    expect(error).toMatchObject({ code: 'empty_source', status: 422 });
    expect(error.message).toMatch(/contains no text/);
  });

  it('refuses an empty Word upload and a Word file without text with 422', async () => {
    expect(await refusal({ format: 'docx', content: '' })).toMatchObject({ code: 'empty_source', status: 422 });
    const blank = (await wordFile(['', ' '])).toString('base64');
    expect(await refusal({ format: 'docx', content: blank })).toMatchObject({ code: 'empty_source', status: 422 });
  });
});

describe('characters a text cannot hold', () => {
  it('refuses a NUL byte with 400 invalid_character and names the line', async () => {
    const error = await refusal({ format: 'text', content: 'Article 1\nText\u0000more' });
    expect(error).toMatchObject({ code: 'invalid_character', status: 400 });
    expect(error.message).toMatch(/Line 2 .*NUL/);
  });

  it('refuses text that was decoded from invalid UTF-8 (U+FFFD) with 400', async () => {
    const latin1Bytes = Buffer.from('Article 1\nLa société', 'latin1');
    const content = new TextDecoder('utf-8').decode(latin1Bytes);
    const error = await refusal({ format: 'markdown', content });
    expect(error).toMatchObject({ code: 'invalid_character', status: 400 });
    expect(error.message).toMatch(/UTF-8/);
  });

  it('refuses lone surrogates and control characters with 400', async () => {
    expect(await refusal({ format: 'text', content: 'Article 1 \uD800' })).toMatchObject({ code: 'invalid_character', status: 400 });
    const error = await refusal({ format: 'text', content: 'Article 1\n\u001Bescape' });
    expect(error).toMatchObject({ code: 'invalid_character', status: 400 });
    expect(error.message).toContain('U+001B');
  });
});

describe('size limits', () => {
  it('refuses a text over LIMITS.sourceBytes with 413, naming the limit', async () => {
    const content = 'a'.repeat(LIMITS.sourceBytes + 1);
    const error = await refusal({ format: 'text', content });
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(error.message).toContain('10 MB');
  });

  it('counts bytes, not characters: Arabic letters take two bytes each', async () => {
    const content = 'ب'.repeat(LIMITS.sourceBytes / 2 + 1);
    expect(await refusal({ format: 'text', content })).toMatchObject({ code: 'payload_too_large', status: 413 });
  });

  it('refuses more lines than LIMITS.blocksPerDocument with 413 too_many_blocks, naming the limit', async () => {
    const content = Array.from({ length: LIMITS.blocksPerDocument + 1 }, (_, i) => `Line ${i}`).join('\n');
    const error = await refusal({ format: 'text', content });
    expect(error).toMatchObject({ code: 'too_many_blocks', status: 413 });
    expect(error.message).toContain('20,000');
  });

  it('accepts exactly LIMITS.blocksPerDocument lines', async () => {
    const content = Array.from({ length: LIMITS.blocksPerDocument }, (_, i) => `Line ${i}`).join('\n\n');
    await expect(importSource({ format: 'text', content })).resolves.toHaveLength(LIMITS.blocksPerDocument);
  });

  it('refuses a single line longer than LIMITS.blockTextLength with 413', async () => {
    const error = await refusal({ format: 'text', content: `Article 1\n${'x'.repeat(LIMITS.blockTextLength + 1)}` });
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(error.message).toMatch(/Line 2 .*100,000/);
  });

  it('refuses a Word file over LIMITS.sourceBytes before decoding it', async () => {
    const content = 'A'.repeat(Math.ceil((LIMITS.sourceBytes * 4) / 3) + 8);
    const error = await refusal({ format: 'docx', content });
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(error.message).toContain('10 MB');
  });
});

describe('files that are not a readable .docx', () => {
  it('refuses invalid base64 with 400 invalid_source', async () => {
    const error = await refusal({ format: 'docx', content: 'this is not base64!' });
    expect(error).toMatchObject({ code: 'invalid_source', status: 400 });
    expect(error.message).toMatch(/base64/);
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), /PDF/],
    ['an old Word .doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /\.doc \(Word 97/],
    ['plain text', Buffer.from('Article 1\nThe purposes of this Protocol are:'), /text or Markdown format/],
  ])('refuses %s sent as docx with 415 and says to save it as .docx', async (_, file, mention) => {
    const error = await refusal({ format: 'docx', content: file.toString('base64') });
    expect(error).toMatchObject({ code: 'invalid_source', status: 415 });
    expect(error.message).toMatch(mention);
    expect(error.message).toMatch(/save it as "Word Document \(\.docx\)"/);
  });

  it('refuses a ZIP that is not a Word document with 415', async () => {
    const workbook = await new JSZip().file('xl/workbook.xml', '<workbook/>').file('[Content_Types].xml', '<Types/>').generateAsync({ type: 'nodebuffer' });
    const error = await refusal({ format: 'docx', content: workbook.toString('base64') });
    expect(error).toMatchObject({ code: 'invalid_source', status: 415 });
    expect(error.message).toMatch(/Excel/);
  });

  it('refuses a truncated .docx with 400 and suggests saving a new copy', async () => {
    const file = await wordFile(['Article 1', 'Text']);
    const error = await refusal({ format: 'docx', content: file.subarray(0, Math.floor(file.length / 2)).toString('base64') });
    expect(error).toMatchObject({ code: 'invalid_source', status: 400 });
    expect(error.message).toMatch(/damaged/);
  });

  it('refuses a .docx whose markup is not Word XML with 400', async () => {
    const broken = await new JSZip().file('word/document.xml', '<w:document><not closed').file('[Content_Types].xml', '<Types/>').generateAsync({ type: 'nodebuffer' });
    expect(await refusal({ format: 'docx', content: broken.toString('base64') })).toMatchObject({ code: 'invalid_source', status: 400 });
  });

  it('refuses a .docx whose directory announces more markup than the limit (a ZIP bomb) with 413', async () => {
    const file = await wordFile(['Article 1']);
    // Rewrite the uncompressed size that the central directory records for word/document.xml.
    const entry = file.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), file.lastIndexOf('word/document.xml') - 46);
    expect(file.toString('utf8', entry + 46, entry + 46 + 'word/document.xml'.length)).toBe('word/document.xml');
    file.writeUInt32LE(8 * LIMITS.sourceBytes + 1, entry + 24);
    const error = await refusal({ format: 'docx', content: file.toString('base64') });
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(error.message).toContain('80 MB');
  });

  it('refuses an unknown format with 400', async () => {
    const error = await refusal({ format: 'pdf', content: 'x' } as unknown as Source);
    expect(error).toMatchObject({ code: 'invalid_source', status: 400 });
  });
});

describe('source clean-up', () => {
  it('accepts Windows and old Mac line endings and drops a byte-order mark', async () => {
    const blocks = await importSource({ format: 'text', content: '\uFEFFArticle 1\r\nFirst.\rSecond.\r\n' });
    expect(blocks.map((block) => block.text)).toEqual(['Article 1', 'First.', 'Second.']);
  });

  it('stores text in Unicode NFC', async () => {
    const decomposed = 'Article 1\nLa socie\u0301te\u0301 civile';
    const blocks = await importSource({ format: 'markdown', content: decomposed });
    expect(blocks[1].text).toBe('La société civile'.normalize('NFC'));
    expect(blocks[1].text).toHaveLength('La société civile'.normalize('NFC').length);
  });

  it('accepts a base64 data URL from a browser file reader', async () => {
    const file = await wordFile(['المادة الأولى', 'نص المادة.']);
    const content = `data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,${file.toString('base64')}`;
    const blocks = await importSource({ format: 'docx', content }, 'ar');
    expect(blocks.map((block) => [block.kind, block.label, block.dir])).toEqual([
      ['article', 'المادة الأولى', 'rtl'],
      ['paragraph', null, 'rtl'],
    ]);
  });
});
