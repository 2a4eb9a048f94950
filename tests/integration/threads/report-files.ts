/**
 * Reading the comment-response report files back in tests: the CSV as records (RFC 4180, with
 * its byte-order mark) and the Word table as rows of cell texts.
 */
import JSZip from 'jszip';

/** The CSV's records, each a list of cells; the BOM is checked and removed. */
export function csvRecords(raw: Buffer | string): string[][] {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (!text.startsWith('\uFEFF')) throw new Error('the CSV has no UTF-8 byte-order mark');
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || record.length) records.push([...record, cell]);
  return records;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** word/document.xml of a .docx. */
export async function docxXml(raw: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(raw);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

/** The first table of a .docx as rows of cell texts (paragraphs of a cell joined with '\n'). */
export async function docxTable(raw: Buffer): Promise<string[][]> {
  const xml = await docxXml(raw);
  const table = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)?.[0] ?? '';
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) =>
    [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) =>
      [...tc.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join('')).join('\n'),
    ),
  );
}
