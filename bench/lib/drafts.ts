/**
 * Synthetic drafts shaped like real laws (chapters, articles, numbered paragraphs, sentences of
 * legal vocabulary), deterministic from a seed: the text source, a new version with realistic
 * edits, and a Word .docx of a given size.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the state shall ensure that victims of trafficking in persons receive protection assistance shelter legal aid ' +
  'interpretation medical care psychological support and compensation without discrimination competent authorities ' +
  'public prosecutor judge labour inspector migrant worker child guardian residence permit recovery period identification ' +
  'referral mechanism national committee coordination cooperation international organisations civil society report annual ' +
  'penalty imprisonment fine aggravating circumstances exploitation forced labour servitude organ removal recruitment ' +
  'transport transfer harbouring receipt threat force coercion abduction fraud deception abuse of power vulnerability ' +
  'consent irrelevant data protection confidentiality hearing witness testimony evidence investigation financial seizure'
).split(' ');

function sentence(rand: () => number, min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min));
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rand() * WORDS.length)]);
  const s = words.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

/** `count` non-empty lines (one block each): chapters, articles, numbered paragraphs. */
export function draftLines(count: number, seed = 1): string[] {
  const rand = random(seed);
  const lines: string[] = [];
  let chapter = 0;
  let article = 0;
  let paragraph = 0;
  for (let i = 0; lines.length < count; i++) {
    if (i % 200 === 0) {
      chapter++;
      lines.push(`Chapter ${chapter}: ${sentence(rand, 3, 6).slice(0, -1)}`);
    } else if (i % 8 === 1) {
      article++;
      paragraph = 0;
      lines.push(`Article ${article}`);
    } else {
      paragraph++;
      lines.push(`${paragraph}. ${sentence(rand, 10, 26)} (${chapter}.${article}.${paragraph})`);
    }
  }
  return lines;
}

export function draftText(count: number, seed = 1): string {
  return `${draftLines(count, seed).join('\n')}\n`;
}

/**
 * A new version: ~5% of lines edited (a word replaced or a clause inserted), ~1% deleted, ~1%
 * inserted, and two runs of 20 lines moved elsewhere.
 */
export function editedLines(lines: string[], seed = 2): string[] {
  const rand = random(seed);
  const out: string[] = [];
  let balance = 0;
  for (const line of lines) {
    const r = rand();
    if (r < 0.01 && !line.startsWith('Article') && !line.startsWith('Chapter')) {
      balance--;
      continue;
    }
    if (r < 0.06 && !line.startsWith('Article') && !line.startsWith('Chapter')) {
      const words = line.split(' ');
      const at = 1 + Math.floor(rand() * (words.length - 2));
      if (rand() < 0.5) words[at] = WORDS[Math.floor(rand() * WORDS.length)];
      else words.splice(at, 0, 'without', 'undue', 'delay', 'and');
      out.push(words.join(' '));
    } else out.push(line);
    // Inserted lines never make the new version longer than the old one (the 20,000-line limit).
    if (rand() < 0.01 && balance < 0) {
      balance++;
      out.push(`New. ${sentence(rand, 8, 20)}`);
    }
  }
  for (let m = 0; m < 2; m++) {
    const from = Math.floor(rand() * (out.length - 40));
    const run = out.splice(from, 20);
    const to = Math.floor(rand() * out.length);
    out.splice(to, 0, ...run);
  }
  return out;
}

/**
 * A Word file of about `targetBytes`: 12,000 paragraphs (headings, and body paragraphs of a few
 * hundred characters in three formatted runs), the body length scaled until the size fits.
 */
export async function draftDocx(targetBytes: number, seed = 3): Promise<Buffer> {
  const lines = draftLines(12_000, seed);
  const build = async (extraWords: number) => {
    const rand = random(seed + 1);
    const children = lines.map((line) => {
      if (line.startsWith('Chapter')) return new Paragraph({ text: line, heading: HeadingLevel.HEADING_1 });
      if (line.startsWith('Article')) return new Paragraph({ text: line, heading: HeadingLevel.HEADING_2 });
      // Runs with formatting, as drafters' files have: a bold lead-in, a plain body, an italic note.
      const cut = line.indexOf(' ', 20);
      return new Paragraph({
        children: [
          new TextRun({ text: line.slice(0, cut), bold: true }),
          new TextRun({ text: `${line.slice(cut)} ${sentence(rand, extraWords, extraWords * 2)}` }),
          new TextRun({ text: ` ${sentence(rand, 4, 10)}`, italics: true }),
        ],
      });
    });
    const doc = new Document({
      title: 'Draft law (benchmark)',
      sections: [{ children: [new Paragraph({ text: 'Draft law on combating trafficking in persons', heading: HeadingLevel.TITLE }), ...children] }],
    });
    return Packer.toBuffer(doc);
  };
  let extra = 40;
  let buffer = await build(extra);
  for (let i = 0; i < 3 && Math.abs(buffer.length - targetBytes) > targetBytes * 0.05; i++) {
    extra = Math.max(1, Math.round((extra * targetBytes) / buffer.length));
    buffer = await build(extra);
  }
  return buffer;
}
