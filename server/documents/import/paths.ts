/**
 * Akoma Ntoso-style eIds for the blocks of one import. Texts repeat numbers (an amendment file
 * lists "المادة الخامسة" three times; a decree and its law both say "أولاً"), but an eId must be
 * unique in the version, so repeats get `_2`, `_3` — the first keeps the plain eId.
 */

export function joinPath(parent: string, segment: string): string {
  return parent ? `${parent}__${segment}` : segment;
}

export class PathRegistry {
  private readonly used = new Set<string>();
  private readonly repeats = new Map<string, number>();
  private readonly textCounts = new Map<string, number>();

  /** `path` itself if unused, else the first free `path_N` (N ≥ 2). */
  unique(path: string): string {
    if (!this.used.has(path)) {
      this.used.add(path);
      return path;
    }
    let n = this.repeats.get(path) ?? 1;
    let candidate: string;
    do {
      n += 1;
      candidate = `${path}_${n}`;
    } while (this.used.has(candidate));
    this.repeats.set(path, n);
    this.used.add(candidate);
    return candidate;
  }

  /** Next unnumbered line under `parent`: `preface__p_3`, `art_2__p_1`, or `p_12` at the top. */
  nextText(parent: string): string {
    const count = (this.textCounts.get(parent) ?? 0) + 1;
    this.textCounts.set(parent, count);
    return this.unique(joinPath(parent, `p_${count}`));
  }
}
