import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charDiff } from '../../../server/documents/char-diff.ts';
import { bodyOf } from '../../../server/documents/block-body.ts';
import { importSource } from '../../../server/documents/import/index.ts';
import { type BlockMatch, matchBlocks } from '../../../server/documents/match-blocks.ts';
import type { Block, DiffEntry, ParsedBlock } from '../../../shared/documents.ts';
import { isSurrogateSplit } from '../../../shared/text/normalize.ts';
import { idSource, readCorpus, toBlocks } from '../threads/corpus.ts';

const parsed = (texts: string[]): ParsedBlock[] => texts.map((text, i) => ({ kind: 'paragraph', label: null, path: `p_${i}`, text, dir: 'ltr' }));
const blocks = (texts: string[]): Block[] => toBlocks(parsed(texts), 'o');

function byChange(m: BlockMatch, change: DiffEntry['change']): DiffEntry[] {
  return m.diff.filter((e) => e.change === change);
}
/** The beginning of each changed line's text, to compare with what we read in the corpus. */
function starts(m: BlockMatch, change: DiffEntry['change'], chars = 25): string[] {
  return byChange(m, change).map((e) => (e.newText ?? e.oldText ?? m.blocks.find((b) => b.id === e.blockId)?.text ?? '').slice(0, chars));
}
/** A corpus file through the real importer, as a drafter's upload would be split. */
const imported = (name: string): Promise<ParsedBlock[]> => importSource({ format: 'markdown', content: readCorpus(name) });
async function match(oldFile: string, newFile: string): Promise<{ old: Block[]; next: ParsedBlock[]; m: BlockMatch }> {
  const old = toBlocks(await imported(oldFile), 'b');
  const next = await imported(newFile);
  return { old, next, m: matchBlocks(old, next, idSource()) };
}
const textOf = (m: BlockMatch, id: string) => m.blocks.find((b) => b.id === id)?.text;

/** Invariants every match must satisfy, whatever the input. */
function checkInvariants(old: Block[], next: ParsedBlock[], m: BlockMatch): void {
  expect(m.blocks.map((b) => b.text)).toEqual(next.map((b) => b.text));
  expect(m.blocks.map((b) => b.ordinal)).toEqual(next.map((_, i) => i));
  expect(new Set(m.blocks.map((b) => b.id)).size).toBe(m.blocks.length);
  const oldIds = new Set(old.map((b) => b.id));
  for (const [from, to] of m.idMap) {
    expect(oldIds.has(from)).toBe(true);
    expect(from).toBe(to);
  }
  // Every new block once, every old block once (surviving or removed).
  const surviving = m.diff.filter((e) => e.change !== 'removed');
  expect(surviving.map((e) => e.blockId)).toEqual(m.blocks.map((b) => b.id));
  const accounted = [...m.diff.filter((e) => e.change === 'removed').map((e) => e.blockId), ...m.idMap.keys()];
  expect(accounted.sort()).toEqual([...oldIds].sort());
  // Same words: the same text, or the same text once the numbering label is set aside (a
  // renumbered line, 6. → 7., is moved, not edited).
  const sameWords = (id: string) => {
    const [a, b] = [old.find((x) => x.id === id), m.blocks.find((x) => x.id === id)];
    return !!a && !!b && (a.text === b.text || bodyOf(a) === bodyOf(b));
  };
  for (const e of m.diff) {
    if (e.change === 'unchanged' || e.change === 'moved') expect(sameWords(e.blockId)).toBe(true);
    if (e.change === 'unchanged') expect(textOf(m, e.blockId)).toBe(old.find((b) => b.id === e.blockId)?.text);
    if (e.change === 'edited') expect(sameWords(e.blockId)).toBe(false);
  }
}

describe('matchBlocks on the Dutch article 273f series, split by the real importer (read by hand)', () => {
  it('2012-05-08 → 2013-07-01: only the penalties changed, in lid 1, 3, 4 and 5', async () => {
    const { old, next, m } = await match('nl-sr-art273f.v2012-05-08.md', 'nl-sr-art273f.v2013-07-01.md');
    checkInvariants(old, next, m);
    // acht → twaalf (lid 1), twaalf → vijftien (lid 3), vijftien → achttien (lid 4),
    // "achttien jaren" → "levenslange ... of tijdelijke van ten hoogste dertig jaren" (lid 5).
    expect(byChange(m, 'edited').map((e) => e.label)).toEqual(['1.', '3.', '4.', '5.']);
    expect(byChange(m, 'added')).toEqual([]);
    expect(byChange(m, 'removed')).toEqual([]);
    expect(byChange(m, 'moved')).toEqual([]);
    const lid1 = byChange(m, 'edited')[0];
    const deleted = lid1.deleted?.map((r) => lid1.oldText?.slice(r.start, r.end).trim());
    const inserted = lid1.inserted?.map((r) => lid1.newText?.slice(r.start, r.end).trim());
    expect({ deleted, inserted }).toEqual({ deleted: ['acht'], inserted: ['twaalf'] });
    const lid5 = byChange(m, 'edited')[3];
    expect(lid5.inserted?.map((r) => lid5.newText?.slice(r.start, r.end)).join('|')).toContain('levenslange');
  });

  it('2013-07-01 → 2014-01-20: new wording in 1°, 2°, lid 2 and lid 3 2°; new 3° and lid 6; old lid 6 renumbered 7', async () => {
    const { old, next, m } = await match('nl-sr-art273f.v2013-07-01.md', 'nl-sr-art273f.v2014-01-20.md');
    checkInvariants(old, next, m);
    expect(starts(m, 'edited')).toEqual([
      '1°. degene die een ander ', // lid 1, 1°: "met inbegrip van de wisseling of overdracht ..." inserted
      '2°. degene die een ander ', // lid 1, 2°: the same insertion
      '2. Uitbuiting omvat ten m', // lid 2: bedelarij, strafbare activiteiten
      '2°. degene ten aanzien va', // lid 3, 2°: rewritten (achttien jaren, kwetsbare positie)
    ]);
    expect(starts(m, 'added', 24)).toEqual(['3°. de feiten, omschreve', '6. Onder kwetsbare posit']);
    expect(byChange(m, 'removed')).toEqual([]);
    // "Artikel 251 is van overeenkomstige toepassing." keeps its id: same words, label 6. → 7.
    const renumbered = byChange(m, 'moved');
    expect(renumbered.map((e) => [e.label, textOf(m, e.blockId)])).toEqual([['7.', '7. Artikel 251 is van overeenkomstige toepassing.']]);
    expect(renumbered[0].oldText).toBe('6. Artikel 251 is van overeenkomstige toepassing.');
    expect(old.find((b) => b.id === renumbered[0].blockId)?.label).toBe('6.');
    const first = byChange(m, 'edited')[0];
    expect(first.deleted).toEqual([]);
    expect(first.inserted?.map((r) => first.newText?.slice(r.start, r.end))).toEqual([
      'met inbegrip van de wisseling of overdracht van de controle over die ander, ',
    ]);
  });
});

describe('matchBlocks on the Saudi HRC statute series, split by the real importer (read by hand)', () => {
  it('2005 original → 2016 consolidated: six lines reworded, nothing added or removed', async () => {
    const { old, next, m } = await match('sa-hrc-organization.v2005-original.ar.md', 'sa-hrc-organization.v2016-consolidated.ar.md');
    checkInvariants(old, next, m);
    expect(starts(m, 'edited', 20)).toEqual([
      'نص مُجمَّع أُعيد بناؤه', // the editorial note on the text's status
      'ترتبط الهيئة مباشرة بالم', // art. 1: attached to the King, no longer to the PM
      '15- إقرار اللوائح الإدارية', // art. 5 (15): "by agreement with the ministries" dropped
      '17- إنشاء إدارات أخرى يرى', // art. 5 (17): other departments as the board sees fit
      'فيما عدا الرئيس ونائبه، ', // staff: labour law instead of civil service
      'ترفع الهيئة حسابها الختا', // final accounts go to the King
    ].map((s) => s.slice(0, 20)));
    expect(byChange(m, 'added')).toEqual([]);
    expect(byChange(m, 'removed')).toEqual([]);
    expect(byChange(m, 'moved')).toEqual([]);
  });

  it('2016 → 2023: an assistant president is added to art. 3, 4, 5(16), 13 and the staff article; items ج/د relabelled', async () => {
    const { old, next, m } = await match('sa-hrc-organization.v2016-consolidated.ar.md', 'sa-hrc-organization.v2023-consolidated.ar.md');
    checkInvariants(old, next, m);
    expect(starts(m, 'edited', 20)).toEqual(
      [
        'نص مُجمَّع أُعيد بناؤه', // note: decision 620 of 1444H added
        'يكون للهيئة رئيس يعين بأ', // art. 3: "ونائب ومساعد يعينان"
        '16- تكليف أعضاء مجلس الهي', // art. 5 (16): paragraph (ج) → (د)
        'يتولى نائب رئيس الهيئة و', // deputy and assistant help the president
        'فيما عدا الرئيس ونائبه و', // staff: "ومساعد الرئيس"
      ].map((s) => s.slice(0, 20)),
    );
    expect(starts(m, 'added', 40)).toEqual(['ج - مساعد رئيس الهيئة عضواً']);
    expect(byChange(m, 'removed')).toEqual([]);
    // The eighteen full-time members (ج → د) and six part-time members (د → ه) keep their ids.
    const moved = byChange(m, 'moved');
    expect(moved.map((e) => e.label)).toEqual(['د-', 'ه-']);
    expect(moved.map((e) => old.find((b) => b.id === e.blockId)?.label)).toEqual(['ج-', 'د-']);
    expect(textOf(m, moved[0].blockId)?.startsWith('د- ثمانية عشر عضواً')).toBe(true);
  });

  it('keeps ids through the chain 2005 → 2016 → 2023', async () => {
    const v1 = toBlocks(await imported('sa-hrc-organization.v2005-original.ar.md'), 'b');
    const v2 = matchBlocks(v1, await imported('sa-hrc-organization.v2016-consolidated.ar.md'), idSource('x'));
    const v3 = matchBlocks(v2.blocks, await imported('sa-hrc-organization.v2023-consolidated.ar.md'), idSource('y'));
    const art1 = v1.find((b) => b.text.startsWith('تنشأ بموجب'));
    expect(v3.blocks.find((b) => b.id === art1?.id)?.text.startsWith('ترتبط الهيئة مباشرة بالملك')).toBe(true);
    expect(v3.blocks.filter((b) => b.id.startsWith('y')).map((b) => b.text)).toEqual(['ج - مساعد رئيس الهيئة عضواً']);
    expect(v3.blocks.filter((b) => b.id.startsWith('x'))).toEqual([]);
  });
});

describe('matchBlocks on small cases', () => {
  const newIds = () => idSource('new');

  it('swapped lines: one keeps its place, the other is moved', () => {
    const old = blocks(['alpha line one', 'beta line two', 'gamma line three']);
    const m = matchBlocks(old, parsed(['alpha line one', 'gamma line three', 'beta line two']), newIds());
    expect(m.diff.map((e) => e.change)).toEqual(['unchanged', 'unchanged', 'moved']);
    expect(m.blocks.map((b) => b.id)).toEqual(['o0', 'o2', 'o1']);
  });

  it('an inserted and a removed line; removed entries sit where the line was', () => {
    const old = blocks(['one', 'two', 'three']);
    const m = matchBlocks(old, parsed(['one', 'three', 'four']), newIds());
    expect(m.diff.map((e) => [e.change, e.blockId])).toEqual([
      ['unchanged', 'o0'],
      ['removed', 'o1'],
      ['unchanged', 'o2'],
      ['added', 'new0'],
    ]);
  });

  it('an edited line keeps its id and reports char ranges', () => {
    const old = blocks(['The State shall protect victims.', 'Other text entirely.']);
    const m = matchBlocks(old, parsed(['The State shall protect and assist victims.', 'Other text entirely.']), newIds());
    const e = m.diff[0];
    expect([e.change, e.blockId]).toEqual(['edited', 'o0']);
    expect(e.inserted?.map((r) => e.newText?.slice(r.start, r.end))).toEqual(['and assist ']);
  });

  it('an edited line that also moved far away keeps its id', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `filler paragraph number ${i} about something else`);
    const target = 'Victims of trafficking shall receive shelter, medical care and legal aid without delay.';
    const old = blocks([target, ...filler]);
    const m = matchBlocks(old, parsed([...filler, `${target.slice(0, -1)} or charge.`]), newIds());
    expect(m.blocks[30].id).toBe('o0');
    expect(m.diff.find((e) => e.blockId === 'o0')?.change).toBe('edited');
  });

  it('a new line that only shares words with a removed one is added, not matched', () => {
    const old = blocks(['intro', 'The committee meets monthly.', 'outro']);
    const m = matchBlocks(old, parsed(['intro', 'Appeals go to the administrative court.', 'outro']), newIds());
    expect(m.diff.map((e) => e.change)).toEqual(['unchanged', 'removed', 'added', 'unchanged']);
  });

  it('prefers the candidate with the same label when text similarity ties', () => {
    const p = (label: string, text: string): ParsedBlock => ({ kind: 'point', label, path: `pt_${label}`, text, dir: 'ltr' });
    const old = toBlocks([p('(a)', 'head'), p('(b)', 'the same words here'), p('(z)', 'tail')], 'o');
    const m = matchBlocks(old, [p('(a)', 'head'), p('(c)', 'the same words here!'), p('(b)', 'the same words here?'), p('(z)', 'tail')], newIds());
    expect(m.blocks.map((b) => b.id)).toEqual(['o0', 'new0', 'o1', 'o2']);
  });

  it('a renumbered line is moved, and a line whose label the importer read in one version only is not edited', () => {
    const p = (label: string | null, text: string): ParsedBlock => ({ kind: label ? 'paragraph' : 'text', label, path: `p_${text.length}`, text, dir: 'ltr' });
    const old = toBlocks([p('6', '6 if the offender is a public official .'), p('7', '7 if there is more than one offender .'), p('8', '8 if the crime crosses borders .')], 'o');
    // 7 moved after 8; the importer no longer reads "8" as a label once the count skips 7.
    const next = [p('6', '6 if the offender is a public official .'), p(null, '8 if the crime crosses borders .'), p('7', '7 if there is more than one offender .')];
    const m = matchBlocks(old, next, newIds());
    expect(m.blocks.map((b) => b.id)).toEqual(['o0', 'o2', 'o1']);
    expect(m.diff.map((e) => e.change)).toEqual(['unchanged', 'moved', 'moved']);
    checkInvariants(old, next, m);
  });

  it('duplicate lines pair in order', () => {
    const old = blocks(['(deleted)', 'x', '(deleted)', 'y']);
    const m = matchBlocks(old, parsed(['(deleted)', 'x', 'y', '(deleted)']), newIds());
    checkInvariants(old, parsed(['(deleted)', 'x', 'y', '(deleted)']), m);
    expect(m.blocks.map((b) => b.id)).toEqual(['o0', 'o1', 'o3', 'o2']);
  });
});

describe('matchBlocks properties', () => {
  const line = fc.constantFrom(
    'Article 1', 'Article 2', 'The State shall protect victims.', 'المادة الأولى', 'تلتزم الدولة بحماية الضحايا.',
    'Penalties shall be proportionate.', '(a) recruitment', '(b) transport', '', 'Final provisions.', 'x',
  );
  const version = fc.array(line, { maxLength: 25 });

  it('a version matched against itself is all unchanged with the same ids', () => {
    fc.assert(
      fc.property(version, (texts) => {
        const old = blocks(texts);
        const m = matchBlocks(old, parsed(texts), () => 'never');
        expect(m.blocks.map((b) => b.id)).toEqual(old.map((b) => b.id));
        expect(m.diff.every((e) => e.change === 'unchanged')).toBe(true);
      }),
    );
  });

  it('any pair of versions: ids unique, old ids used once, every block accounted for', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const old = blocks(a);
        checkInvariants(old, parsed(b), matchBlocks(old, parsed(b), idSource('n')));
      }),
    );
  });
});

describe('matchBlocks on 20,000 lines', () => {
  it('finds the few hundred edits (correctness only; time is printed)', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `Line ${i}: provision text number ${i * 7919} of the generated code.`);
    const next = [...lines];
    const edited: number[] = [];
    const removed: number[] = [];
    for (let k = 0; k < 300; k++) {
      const i = 37 + k * 66;
      if (k % 3 === 0) edited.push(i);
      if (k % 3 === 1) removed.push(i);
    }
    for (const i of edited) next[i] = `${lines[i]} As amended.`;
    for (const i of removed) next[i] = '';
    const inserted = new Set<string>();
    const final = next.flatMap((t, i) => {
      if (t === '' && removed.includes(i)) return [];
      if (i % 66 === 20) {
        const added = `Inserted provision after ${i}.`;
        inserted.add(added);
        return [t, added];
      }
      return [t];
    });
    const old = blocks(lines);
    const t0 = performance.now();
    const m = matchBlocks(old, parsed(final), idSource('n'));
    console.log(`matchBlocks 20,000 lines: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(byChange(m, 'edited').map((e) => e.blockId)).toEqual(edited.map((i) => `o${i}`));
    expect(byChange(m, 'removed').map((e) => e.blockId)).toEqual(removed.map((i) => `o${i}`));
    expect(byChange(m, 'added').map((e) => e.newText)).toEqual([...inserted]);
    expect(byChange(m, 'unchanged')).toHaveLength(20_000 - edited.length - removed.length);
  });
});

describe('charDiff', () => {
  const apply = (text: string, ranges: { start: number; end: number }[]) => {
    let out = '';
    let at = 0;
    for (const r of ranges) {
      out += text.slice(at, r.start);
      at = r.end;
    }
    return out + text.slice(at);
  };

  it('works on whole Arabic words (letters and harakat), refining a word that only gained diacritics', () => {
    const d = charDiff('يطبق على موظفي الهيئة', 'يطبق على مُوظفي الهيئة');
    expect(d.deleted).toEqual([]);
    expect(d.inserted).toEqual([{ start: 10, end: 11 }]);
    const w = charDiff('ترفع إلى رئيس مجلس الوزراء خلال', 'ترفع إلى الملك خلال');
    expect(w.deleted.map((r) => 'ترفع إلى رئيس مجلس الوزراء خلال'.slice(r.start, r.end))).toEqual(['رئيس مجلس الوزراء ']);
  });

  it('maps offsets: equal text moves, a start skips inserted text, an end stops before it', () => {
    const d = charDiff('ten hoogste acht jaren', 'ten hoogste twaalf jaren');
    expect(d.mapOffset(4, 'start')).toBe(4);
    expect(d.mapOffset(17, 'start')).toBe(19); // "jaren"
    expect(d.mapOffset(12, 'start')).toBe(19); // start of the deleted "acht": after the replacement
    expect(d.mapOffset(12, 'end')).toBe(12); // ... as an end: before it
  });

  const pieces = fc.constantFrom('a', 'b', ' ', 'word ', 'كلمة ', '\u064E', '😀', 'é', '.', 'x y');
  const text = fc.array(pieces, { maxLength: 30 }).map((p) => p.join(''));

  it('property: removing deleted ranges from old gives what removing inserted ranges from new gives', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = charDiff(a, b);
        expect(apply(a, d.deleted)).toBe(apply(b, d.inserted));
      }),
    );
  });

  it('property: mapOffset is monotone, in range, and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = charDiff(a, b);
        let prev = 0;
        for (let o = 0; o <= a.length; o++) {
          if (isSurrogateSplit(a, o)) continue;
          for (const bias of ['start', 'end'] as const) {
            const n = d.mapOffset(o, bias);
            expect(n).toBeGreaterThanOrEqual(0);
            expect(n).toBeLessThanOrEqual(b.length);
            expect(isSurrogateSplit(b, n)).toBe(false);
          }
          expect(d.mapOffset(o, 'end')).toBeGreaterThanOrEqual(prev);
          prev = d.mapOffset(o, 'end');
        }
      }),
    );
  });

  it('gives up gracefully on a wholesale rewrite of a very long line', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `w${i}`).join(' ');
    const b = Array.from({ length: 6000 }, (_, i) => `v${i}`).join(' ');
    const d = charDiff(a, b);
    expect(apply(a, d.deleted)).toBe(apply(b, d.inserted));
  });
});
