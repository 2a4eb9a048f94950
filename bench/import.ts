/**
 * Import of a 20,000-line text and of a ~2 MB Word .docx: the pure importer (importSource, in
 * this process) and the whole POST /api/documents (upload, import, storing every block).
 */
import fs from 'node:fs';
import { importSource } from '../server/documents/import/index.ts';
import { createDraft } from './lib/documents.ts';
import { draftDocx, draftText } from './lib/drafts.ts';
import { OUT_DIR, outPath } from './lib/paths.ts';
import type { Row, Section } from './lib/report.ts';
import type { ServerProcess } from './lib/server-process.ts';
import { fmtBytes, fmtMs, fmtNum, median } from './lib/stats.ts';
import type { World } from './lib/world.ts';

const DOCX_CACHE = outPath('draft-2mb.docx');

/** The .docx is deterministic; generating it takes seconds, so it is kept between runs. */
async function docxFile(): Promise<Buffer> {
  if (fs.existsSync(DOCX_CACHE)) return fs.readFileSync(DOCX_CACHE);
  const buffer = await draftDocx(2 * 1024 * 1024);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(DOCX_CACHE, buffer);
  return buffer;
}

async function timeImport(source: { format: 'text' | 'docx'; content: string }, runs: number) {
  const times: number[] = [];
  let blocks = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    blocks = (await importSource(source)).length;
    times.push(performance.now() - start);
  }
  return { ms: median(times), first: times[0], blocks };
}

export async function benchImport(server: ServerProcess, world: World, lines = 20_000): Promise<Section> {
  const text = draftText(lines, 5);
  const docx = await docxFile();
  const docxSource = { format: 'docx' as const, content: docx.toString('base64') };
  const pureText = await timeImport({ format: 'text', content: text }, 3);
  const pureDocx = await timeImport(docxSource, 1);
  const postText = await createDraft(server.base, world, { format: 'text', content: text }, 'Import benchmark (text)');
  const postDocx = await createDraft(server.base, world, docxSource, 'Import benchmark (docx)');
  const rows: Row[] = [
    {
      figure: `import ${fmtNum(lines)}-line text (${fmtBytes(Buffer.byteLength(text))}): importSource / whole POST /documents`,
      ours: `${fmtMs(pureText.ms)} (first run ${fmtMs(pureText.first)}) / ${fmtMs(postText.createMs)}`,
      baseline: '–',
      ratio: '–',
      target: 'seconds (report)',
      pass: null,
      note: `${fmtNum(pureText.blocks)} blocks`,
    },
    {
      figure: `import ${fmtBytes(docx.length)} .docx: importSource / whole POST /documents`,
      ours: `${fmtMs(pureDocx.ms)} / ${fmtMs(postDocx.createMs)}`,
      baseline: '–',
      ratio: '–',
      target: 'seconds (report)',
      pass: null,
      note: `${fmtNum(pureDocx.blocks)} blocks; generated with the docx package (headings, three formatted runs a paragraph)`,
    },
  ];
  return { title: 'Import', rows };
}
