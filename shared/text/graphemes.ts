/**
 * Text length as a reader counts it (SECURITY.md IN-41/IN-49): user-perceived characters
 * (extended grapheme clusters), so an emoji family, a flag or a letter with its marks counts as
 * one, and a limit means the same in Arabic, French and emoji. JSON-schema `maxLength` counts
 * code points instead, so the services check lengths with this.
 * No Node or DOM imports: the client bundles this folder.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Code units segmented at a time (see graphemeStarts). */
const WINDOW = 128;

/**
 * The index where each grapheme starts. V8's segment iterator costs time quadratic in the
 * length of the string it walks (16,000 letters: ~100 ms; 150,000: seconds), so the text is
 * walked in windows. A window starts on a true boundary, and a boundary found inside it is true
 * in the whole text (the rules look only at what comes before a boundary and at the character
 * after it); only the segments that start in its first half are kept, so a cluster cut by the
 * window's end is never miscounted; a single cluster longer than the window widens it.
 */
function* graphemeStarts(text: string): Generator<number> {
  let from = 0;
  let half = WINDOW;
  while (from < text.length) {
    const to = Math.min(text.length, from + 2 * half);
    const starts: number[] = [];
    let next = -1;
    for (const { index } of segmenter.segment(text.slice(from, to))) {
      if (to < text.length && index >= half) {
        next = from + index;
        break;
      }
      starts.push(from + index);
    }
    if (to === text.length) {
      yield* starts;
      return;
    }
    if (next < 0) {
      half *= 2;
      continue;
    }
    yield* starts;
    from = next;
    half = WINDOW;
  }
}

export function graphemeLength(text: string): number {
  let n = 0;
  for (const _ of graphemeStarts(text)) n++;
  return n;
}

/** The first `max` graphemes of `text`, never splitting a cluster or a surrogate pair. */
export function truncateGraphemes(text: string, max: number): string {
  let n = 0;
  for (const index of graphemeStarts(text)) {
    if (n++ === max) return text.slice(0, index);
  }
  return text;
}

/**
 * Whether `text` has more than `max` graphemes, without segmenting what needs no segmenting: a
 * text of at most `max` UTF-16 units cannot have more, and one of more than `max` × 16 units is
 * refused outright (no real writing packs 16 units into every character), so a megabyte body
 * costs nothing to refuse.
 */
export function longerThanGraphemes(text: string, max: number): boolean {
  if (text.length <= max) return false;
  if (text.length > max * 16) return true;
  return graphemeLength(text) > max;
}
