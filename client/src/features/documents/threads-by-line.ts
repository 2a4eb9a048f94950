/**
 * The threads of each line, built in one pass over the threads (each visits only the lines it
 * spans), so the reader's per-line counts and highlights are map look-ups: copying a line's
 * array for every thread added was quadratic on a draft with thousands of threads.
 */
import type { ThreadDto } from '../../../../shared/threads.ts';

export function threadsByLine(threads: readonly ThreadDto[], blocks: readonly { id: string }[], indexOf: (blockId: string) => number): Map<string, ThreadDto[]> {
  const map = new Map<string, ThreadDto[]>();
  for (const thread of threads) {
    const first = indexOf(thread.anchor.start.blockId);
    if (first < 0) continue;
    const last = Math.max(first, indexOf(thread.anchor.end.blockId));
    for (let i = first; i <= last && i < blocks.length; i++) {
      const id = blocks[i].id;
      const list = map.get(id);
      if (list) list.push(thread);
      else map.set(id, [thread]);
    }
  }
  return map;
}
