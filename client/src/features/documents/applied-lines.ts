/**
 * "Applied in" lines as the drafter types them: line numbers of one version, separated by commas
 * (Arabic commas too), with ranges such as `7-9`, in any digits. Pure, so a 20,000-line draft needs
 * no list of checkboxes: the text is parsed to block ids and checked against that version's blocks
 * (line n is the version's n-th block, as the reader numbers them). Used by AppliedInFields.
 */
import type { Block } from '../../../../shared/documents.ts';

/** The server accepts at most this many block ids (shared/threads.ts DispositionBody). */
export const MAX_APPLIED_LINES = 500;

export type LinesProblem = { kind: 'syntax'; part: string } | { kind: 'outside'; line: number } | { kind: 'tooMany' };
export type ParsedLines = { lines: number[] } | { problem: LinesProblem };

const RANGE = /^(\d+)(?:\s*[-–—]\s*(\d+))?$/;

/** Arabic-Indic and Eastern Arabic-Indic digits to ASCII, so "٤، ٧-٩" reads like "4, 7-9". */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0xf));
}

/** The distinct line numbers named by `text`, ascending, each between 1 and `lineCount`. */
export function parseLines(text: string, lineCount: number): ParsedLines {
  const lines = new Set<number>();
  for (const raw of asciiDigits(text).split(/[,،;]/)) {
    const part = raw.trim();
    if (!part) continue;
    const match = RANGE.exec(part);
    if (!match) return { problem: { kind: 'syntax', part } };
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) return { problem: { kind: 'syntax', part } };
    for (const line of [from, to]) if (line < 1 || line > lineCount) return { problem: { kind: 'outside', line } };
    if (to - from + 1 + lines.size > MAX_APPLIED_LINES) return { problem: { kind: 'tooMany' } };
    for (let line = from; line <= to; line++) lines.add(line);
  }
  return { lines: [...lines].sort((a, b) => a - b) };
}

/** Compact text for line numbers: [4, 7, 8, 9] → "4, 7-9". */
export function formatLines(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return parts.join(', ');
}

/** The line numbers of `blockIds` in `blocks` (ids not in that version are left out). */
export function linesOfBlocks(blocks: readonly Block[], blockIds: readonly string[]): number[] {
  const wanted = new Set(blockIds);
  const lines: number[] = [];
  blocks.forEach((block, index) => {
    if (wanted.has(block.id)) lines.push(index + 1);
  });
  return lines;
}
