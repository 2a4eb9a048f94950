import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../../server/documents/version-diff.ts';
import type { Block } from '../../../shared/documents.ts';

/** Blocks from [id, label, text] triples, ordinals in order. */
const version = (rows: [string, string | null, string][]): Block[] =>
  rows.map(([id, label, text], ordinal) => ({ id, ordinal, kind: label ? 'paragraph' : 'text', label, path: `p_${ordinal}`, text, dir: 'ltr' }));
const changes = (old: Block[], next: Block[]) => diffVersions(old, next).map((e) => [e.change, e.blockId]);

describe('diffVersions', () => {
  it('reports unchanged, edited with character ranges, added and removed lines by id', () => {
    const v1 = version([['a', null, 'Intro.'], ['b', null, 'The State shall protect victims.'], ['c', null, 'Gone soon.']]);
    const v2 = version([['a', null, 'Intro.'], ['b', null, 'The State shall protect and assist victims.'], ['d', null, 'New line.']]);
    const d = diffVersions(v1, v2);
    // A removed line with no surviving line after it comes last.
    expect(d.map((e) => [e.change, e.blockId])).toEqual([['unchanged', 'a'], ['edited', 'b'], ['added', 'd'], ['removed', 'c']]);
    const edited = d[1];
    expect(edited.inserted?.map((r) => edited.newText?.slice(r.start, r.end))).toEqual(['and assist ']);
    expect(edited.deleted).toEqual([]);
    expect([d[3].oldText, d[2].newText]).toEqual(['Gone soon.', 'New line.']);
  });

  it('a line that changed place among the others is moved, the rest unchanged', () => {
    const v1 = version([['a', null, 'one'], ['b', null, 'two'], ['c', null, 'three'], ['e', null, 'four']]);
    const v2 = version([['a', null, 'one'], ['c', null, 'three'], ['e', null, 'four'], ['b', null, 'two']]);
    expect(changes(v1, v2)).toEqual([['unchanged', 'a'], ['unchanged', 'c'], ['unchanged', 'e'], ['moved', 'b']]);
    expect(diffVersions(v1, v2)[3]).toMatchObject({ oldOrdinal: 1, newOrdinal: 3, oldText: 'two', newText: 'two' });
  });

  it('a renumbered line (only its label changed) is moved, not edited', () => {
    const v1 = version([['a', '5.', '5. Penalties apply.'], ['b', '6.', '6. Article 251 applies.']]);
    const v2 = version([['a', '5.', '5. Penalties apply.'], ['n', '6.', '6. A new paragraph.'], ['b', '7.', '7. Article 251 applies.']]);
    const d = diffVersions(v1, v2);
    expect(d.map((e) => [e.change, e.blockId])).toEqual([['unchanged', 'a'], ['added', 'n'], ['moved', 'b']]);
    expect(d[2]).toMatchObject({ label: '7.', oldText: '6. Article 251 applies.', newText: '7. Article 251 applies.' });
    expect(d[2].inserted).toBeUndefined();
  });

  it('a line whose label was read in one version only, with the same text, is not edited', () => {
    const v1 = version([['a', '8', '8 if the crime crosses borders .']]);
    const v2 = version([['a', null, '8 if the crime crosses borders .']]);
    expect(diffVersions(v1, v2)[0].change).toBe('moved');
  });

  it('a renumbered line whose words also changed is edited', () => {
    const v1 = version([['b', '6.', '6. Article 251 applies.']]);
    const v2 = version([['b', '7.', '7. Article 252 applies.']]);
    expect(diffVersions(v1, v2)[0].change).toBe('edited');
  });

  it('between non-adjacent versions (1 → 3): a line added in 2 and removed in 3 does not appear; edits combine', () => {
    const v1 = version([['a', null, 'The fine is ten.'], ['b', null, 'Keep me.'], ['c', null, 'Removed in three.']]);
    // Version 2 (not used here) had 'x' added and 'a' changed to "twenty"; version 3 removed 'x' and 'c'.
    const v3 = version([['b', null, 'Keep me.'], ['a', null, 'The fine is thirty euros.']]);
    const d = diffVersions(v1, v3);
    expect(d.map((e) => [e.change, e.blockId])).toEqual([['unchanged', 'b'], ['edited', 'a'], ['removed', 'c']]);
    expect(d.some((e) => e.blockId === 'x')).toBe(false);
    const a = d[1];
    expect(a.deleted?.map((r) => a.oldText?.slice(r.start, r.end))).toEqual(['ten']);
    expect(a.inserted?.map((r) => a.newText?.slice(r.start, r.end))).toEqual(['thirty euros']);
  });

  it('lists removed lines where they stood in the old version', () => {
    const v1 = version([['a', null, 'one'], ['r1', null, 'gone one'], ['b', null, 'two'], ['r2', null, 'gone two']]);
    const v2 = version([['a', null, 'one'], ['b', null, 'two']]);
    expect(changes(v1, v2)).toEqual([['unchanged', 'a'], ['removed', 'r1'], ['unchanged', 'b'], ['removed', 'r2']]);
  });

  it('the same version against itself is all unchanged', () => {
    const v = version([['a', '1.', '1. x'], ['b', null, 'y']]);
    expect(diffVersions(v, v).every((e) => e.change === 'unchanged')).toBe(true);
  });
});
