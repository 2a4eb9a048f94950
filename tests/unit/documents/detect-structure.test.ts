import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectStructure } from '../../../server/documents/import/detect-structure.ts';
import { directionOf } from '../../../server/documents/import/direction.ts';
import type { ParsedBlock } from '../../../shared/documents.ts';

function detect(text: string, markdown = false): ParsedBlock[] {
  return detectStructure(text.split('\n'), { markdown });
}

/** The block a line becomes when it follows an article heading and its first sentence. */
function afterArticle(line: string): ParsedBlock {
  const blocks = detect(`Article 1\nText.\n${line}`);
  expect(blocks).toHaveLength(3);
  return blocks[2];
}

function summary(blocks: ParsedBlock[]): string[] {
  return blocks.map((block) => `${block.kind} ${block.label ?? '-'} ${block.path}`);
}

describe('English structure', () => {
  it('reads parts, chapters, sections and articles with their numbers', () => {
    const blocks = detect('Part I\nChapter 2 – Offences\nSection 3\nArticle 4\nArt. 5 – Penalties\nARTICLE 6');
    expect(summary(blocks)).toEqual([
      'part Part I part_1',
      'chapter Chapter 2 part_1__chp_2',
      'section Section 3 part_1__chp_2__sec_3',
      'article Article 4 part_1__chp_2__sec_3__art_4',
      'article Art. 5 part_1__chp_2__sec_3__art_5',
      'article ARTICLE 6 part_1__chp_2__sec_3__art_6',
    ]);
  });

  it('keeps the whole heading line as text and the label as written', () => {
    const [block] = detect('Article 3 – Use of terms');
    expect(block).toMatchObject({ kind: 'article', label: 'Article 3', path: 'art_3', text: 'Article 3 – Use of terms', dir: 'ltr' });
  });

  it('numbers paragraphs "1." and points "(a)", "a)" under their parents', () => {
    const blocks = detect('Article 5\nCriminalization\n1. Each State Party shall adopt measures.\n2. Each State Party shall also:\n(a) attempting;\nb) participating;\n3. Last paragraph.');
    expect(summary(blocks)).toEqual([
      'article Article 5 art_5',
      'paragraph - art_5__p_1',
      'paragraph 1. art_5__para_1',
      'paragraph 2. art_5__para_2',
      'point (a) art_5__para_2__point_a',
      'point b) art_5__para_2__point_b',
      'paragraph 3. art_5__para_3',
    ]);
  });

  it('reads "(i)" after "(h)" as the letter i, and after "(b)" as a Roman sub-point', () => {
    const letters = detect(['Article 1', ...'abcdefghij'.split('').map((letter) => `(${letter}) item`)].join('\n'));
    expect(letters.slice(-2).map((block) => block.path)).toEqual(['art_1__point_i', 'art_1__point_j']);
    const nested = detect('Article 1\n(a) first\n(b) second\n(i) sub one\n(ii) sub two\n(c) third');
    expect(nested.slice(1).map((block) => block.path)).toEqual([
      'art_1__point_a',
      'art_1__point_b',
      'art_1__point_b__point_i',
      'art_1__point_b__point_ii',
      'art_1__point_c',
    ]);
  });

  it('does not take a citation that opens a sentence for a heading', () => {
    expect(afterArticle('Article 5 of this Protocol shall apply mutatis mutandis.')).toMatchObject({ kind: 'paragraph', path: 'art_1__p_2' });
    expect(afterArticle('Chapter 2 of the Convention applies.').kind).toBe('paragraph');
    expect(afterArticle('Articles 3 and 4 apply.').kind).toBe('paragraph');
  });

  it('does not take a citation inside a sentence for a heading', () => {
    const blocks = detect('Article 1\nThe offences established in accordance with article 5 of this Protocol.');
    expect(blocks.map((block) => block.kind)).toEqual(['article', 'paragraph']);
  });

  it('reads a lone Roman numeral between articles as a division of the treaty', () => {
    const blocks = detect('I\nGeneral provisions\nArticle 1\nText.\nII\nArticle 2');
    expect(summary(blocks)).toEqual([
      'chapter I chp_1',
      'text - chp_1__p_1',
      'article Article 1 chp_1__art_1',
      'paragraph - chp_1__art_1__p_1',
      'chapter II chp_2',
      'article Article 2 chp_2__art_2',
    ]);
  });
});

describe('French and Dutch structure', () => {
  it('reads Titre, Chapitre, Section and Article premier', () => {
    const blocks = detect('Titre Ier\nChapitre premier : Dispositions générales\nSection 2\nArticle premier\nArticle 2');
    expect(summary(blocks)).toEqual([
      'part Titre Ier title_1',
      'chapter Chapitre premier title_1__chp_1',
      'section Section 2 title_1__chp_1__sec_2',
      'article Article premier title_1__chp_1__sec_2__art_1',
      'article Article 2 title_1__chp_1__sec_2__art_2',
    ]);
  });

  it('reads inserted articles "1er ter" and "12 bis A" with their captions', () => {
    const blocks = detect('Article 1er ter : droit à l’Open Data\nArticle 12 bis A (nouveau) : jurisprudence\nArt. 4 : devoir');
    expect(summary(blocks)).toEqual(['article Article 1er ter art_1ter', 'article Article 12 bis A art_12bisA', 'article Art. 4 art_4']);
    expect(blocks[1].text).toBe('Article 12 bis A (nouveau) : jurisprudence');
  });

  it('reads "1°" items as points and "I. –" inside an article as a paragraph', () => {
    const blocks = detect('Article 4\nI. – Le code est ainsi modifié :\n1° Le premier alinéa est supprimé ;\n2° Après le mot « public », sont insérés les mots « ou privé » ;\nII. – Le présent article entre en vigueur.');
    expect(summary(blocks)).toEqual([
      'article Article 4 art_4',
      'paragraph I. art_4__para_1',
      'point 1° art_4__para_1__point_1',
      'point 2° art_4__para_1__point_2',
      'paragraph II. art_4__para_2',
    ]);
  });

  it('reads Dutch Hoofdstuk, Afdeling, Artikel 273f, "1°." and "a." items', () => {
    const blocks = detect('Hoofdstuk 2\nAfdeling 1\nArtikel 273f\n1. Als schuldig wordt gestraft:\n1°. degene die;\n2°. degene die.\nArtikel 3\na. voorkoming;\nb. bescherming.');
    expect(summary(blocks)).toEqual([
      'chapter Hoofdstuk 2 chp_2',
      'section Afdeling 1 chp_2__sec_1',
      'article Artikel 273f chp_2__sec_1__art_273f',
      'paragraph 1. chp_2__sec_1__art_273f__para_1',
      'point 1°. chp_2__sec_1__art_273f__para_1__point_1',
      'point 2°. chp_2__sec_1__art_273f__para_1__point_2',
      'article Artikel 3 chp_2__sec_1__art_3',
      'point a. chp_2__sec_1__art_3__point_a',
      'point b. chp_2__sec_1__art_3__point_b',
    ]);
  });

  it('does not take "6. Artikel 251 is …" for an article: the paragraph number comes first', () => {
    const blocks = detect('Artikel 273f\n6. Artikel 251 is van overeenkomstige toepassing.');
    expect(blocks[1]).toMatchObject({ kind: 'paragraph', label: '6.', path: 'art_273f__para_6' });
  });
});

/** Feminine ordinals as Saudi and Gulf laws number their articles, 1 to 40. */
const ARABIC_ORDINALS = [
  'الأولى', 'الثانية', 'الثالثة', 'الرابعة', 'الخامسة', 'السادسة', 'السابعة', 'الثامنة', 'التاسعة', 'العاشرة',
  'الحادية عشرة', 'الثانية عشرة', 'الثالثة عشرة', 'الرابعة عشرة', 'الخامسة عشرة', 'السادسة عشرة', 'السابعة عشرة', 'الثامنة عشرة', 'التاسعة عشرة', 'العشرون',
  'الحادية والعشرون', 'الثانية والعشرون', 'الثالثة والعشرون', 'الرابعة والعشرون', 'الخامسة والعشرون', 'السادسة والعشرون', 'السابعة والعشرون', 'الثامنة والعشرون', 'التاسعة والعشرون', 'الثلاثون',
  'الحادية والثلاثون', 'الثانية والثلاثون', 'الثالثة والثلاثون', 'الرابعة والثلاثون', 'الخامسة والثلاثون', 'السادسة والثلاثون', 'السابعة والثلاثون', 'الثامنة والثلاثون', 'التاسعة والثلاثون', 'الأربعون',
];

describe('Arabic structure', () => {
  it('reads article ordinals from الأولى to الأربعون as articles 1 to 40', () => {
    const blocks = detect(ARABIC_ORDINALS.map((ordinal) => `المادة ${ordinal}`).join('\n'));
    expect(blocks.map((block) => block.kind)).toEqual(Array(40).fill('article'));
    expect(blocks.map((block) => block.path)).toEqual(ARABIC_ORDINALS.map((_, i) => `art_${i + 1}`));
    expect(blocks[20].label).toBe('المادة الحادية والعشرون');
  });

  it('reads Western and Arabic-Indic digits, with or without brackets, and "مادة 12:"', () => {
    expect(summary(detect('المادة (3)\nالمادة ٣\nالمادة (١٢)\nمادة 12: نص المادة\nالمادة 7'))).toEqual([
      'article المادة (3) art_3',
      'article المادة ٣ art_3_2',
      'article المادة (١٢) art_12',
      'article مادة 12 art_12_2',
      'article المادة 7 art_7',
    ]);
  });

  it('reads bracketed ordinals, vowelled spellings, and articles past one hundred', () => {
    expect(summary(detect('المادة (الثانية)\nالمادّة الثّالثة\nالمادة الاولى\nالمادة الحادية بعد المائة'))).toEqual([
      'article المادة (الثانية) art_2',
      'article المادّة الثّالثة art_3',
      'article المادة الاولى art_1',
      'article المادة الحادية بعد المائة art_101',
    ]);
  });

  it('keeps the text of an article heading that carries its first sentence', () => {
    const [block] = detect('المادة الأولى: يقصد بالمصطلحات الآتية المعاني المبينة أمام كل منها');
    expect(block).toMatchObject({ kind: 'article', label: 'المادة الأولى', path: 'art_1', dir: 'rtl' });
    expect(block.text).toBe('المادة الأولى: يقصد بالمصطلحات الآتية المعاني المبينة أمام كل منها');
  });

  it('reads الباب، الفصل، القسم with masculine ordinals as part, chapter and section', () => {
    expect(summary(detect('الباب الأول: أحكام عامة\nالفصل الحادي عشر\nالقسم الثالث\nالمادة الرابعة'))).toEqual([
      'part الباب الأول part_1',
      'chapter الفصل الحادي عشر part_1__chp_11',
      'section القسم الثالث part_1__chp_11__sec_3',
      'article المادة الرابعة part_1__chp_11__sec_3__art_4',
    ]);
  });

  it('does not take a citation of an article for a heading', () => {
    expect(afterArticle('بناءً على المادة (السبعين) من النظام الأساسي للحكم')).toMatchObject({ kind: 'paragraph', path: 'art_1__p_2' });
    expect(afterArticle('المادة (السبعين) من النظام الأساسي للحكم').kind).toBe('paragraph');
    expect(afterArticle('المادة 2 من الاتفاقية تعرّف العمل الجبري').kind).toBe('paragraph');
    expect(afterArticle('الباب الأول من هذا النظام يسري على الجميع').kind).toBe('paragraph');
  });

  it('numbers items "1-", "١ -", "(أ)", "أ-", "هـ-", "«1»" and "أولاً"', () => {
    const blocks = detect('المادة الخامسة\n1- التأكد من التنفيذ.\n٢ - إبداء الرأي:\n(أ) الأول\nب- الثاني\nهـ- الخامس\n«1» فرعي\nالمادة السادسة\nأولاً: الموافقة.\nثانياً : التشكيل.');
    expect(summary(blocks)).toEqual([
      'article المادة الخامسة art_5',
      'paragraph 1- art_5__para_1',
      'paragraph ٢ - art_5__para_2',
      'point (أ) art_5__para_2__point_a',
      'point ب- art_5__para_2__point_b',
      'point هـ- art_5__para_2__point_e',
      'point «1» art_5__para_2__point_e__point_1',
      'article المادة السادسة art_6',
      'paragraph أولاً art_6__para_1',
      'paragraph ثانياً art_6__para_2',
    ]);
  });

  it('trusts an unpunctuated "1 …" item only while it continues a sequence', () => {
    const blocks = detect('المادة الرابعة\n1 إذا ارتكبت الجريمة\n2 إذا ارتكبت ضد امرأة\n12 شهراً هي المدة القصوى');
    expect(summary(blocks).slice(1)).toEqual(['paragraph 1 art_4__para_1', 'paragraph 2 art_4__para_2', 'paragraph - art_4__p_1']);
  });
});

describe('Markdown', () => {
  const markdown = [
    '# Draft law on **trafficking**',
    '',
    '> Explanatory note',
    '',
    '## Chapter 1',
    '',
    '### Article 1',
    '',
    '#### Definitions',
    '',
    '- 1. _Victim_ means a person.',
    '',
    '## Annex',
  ].join('\n');

  it('makes the first heading the title and strips markers from the stored text', () => {
    expect(detect(markdown, true).map((block) => [block.kind, block.path, block.text])).toEqual([
      ['title', 'title', 'Draft law on trafficking'],
      ['text', 'preface__p_1', 'Explanatory note'],
      ['chapter', 'chp_1', 'Chapter 1'],
      ['article', 'chp_1__art_1', 'Article 1'],
      ['paragraph', 'chp_1__art_1__p_1', 'Definitions'],
      ['paragraph', 'chp_1__art_1__para_1', '1. Victim means a person.'],
      ['text', 'p_1', 'Annex'],
    ]);
  });

  it('takes structure from the words: the same text without Markdown gives the same articles', () => {
    const plain = markdown.replace(/^[#>-]+\s*/gm, '').replaceAll('**', '').replaceAll('_', '');
    // "## Annex" ends the article only where a heading level says so; the articles themselves agree.
    const articles = (blocks: ParsedBlock[]) => blocks.filter((block) => block.kind === 'article' || block.kind === 'chapter');
    expect(articles(detect(plain))).toEqual(articles(detect(markdown, true)));
  });

  it('drops inline markers but keeps the words, escaped characters and snake_case names', () => {
    const blocks = detect('Intro\n* See [the Convention](https://example.org) and `article 5`.\n> > 2 \\* 3 = ~~7~~ 6, in file_name_here', true);
    expect(blocks.map((block) => block.text)).toEqual(['Intro', 'See the Convention and article 5.', '2 * 3 = 7 6, in file_name_here']);
  });

  it('does not make an article of a heading without structural words', () => {
    expect(detect('# Title\n## Protection of victims', true).map((block) => block.kind)).toEqual(['title', 'text']);
  });
});

describe('paths and directions', () => {
  it('gives repeated numbers unique paths', () => {
    const blocks = detect('Article 5\n1. a\nArticle 5\n1. b\nArticle 5');
    expect(blocks.map((block) => block.path)).toEqual(['art_5', 'art_5__para_1', 'art_5_2', 'art_5_2__para_1', 'art_5_3']);
  });

  it('keeps every path unique whatever the text repeats', () => {
    const line = fc.constantFrom('Article 1', 'Article 2', 'Chapter 1', '1. x', '(a) y', 'a) z', 'text', 'المادة الأولى', 'أولاً: نص', '١- بند');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const blocks = detectStructure(lines, { markdown: false });
        expect(blocks).toHaveLength(lines.length);
        expect(new Set(blocks.map((block) => block.path)).size).toBe(blocks.length);
      }),
    );
  });

  it('never fails on arbitrary text, and gives one block per line that has words', () => {
    const marker = fc.constantFrom('', 'Article ', 'المادة ', '# ', '(', '1', '١- ', 'a) ', 'أ-', 'I', '**', '> ', 'Chapitre ', 'ـ');
    const line = fc.tuple(marker, fc.string({ unit: 'binary', maxLength: 30 })).map(([start, rest]) => start + rest);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.boolean(), (lines, markdown) => {
        const blocks = detectStructure(lines, { markdown });
        expect(new Set(blocks.map((block) => block.path)).size).toBe(blocks.length);
        if (!markdown) expect(blocks.length).toBeLessThanOrEqual(lines.length);
        for (const block of blocks) expect(block.text.trim()).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('numbers preamble lines preface__p_N and loose lines after the structure p_N', () => {
    const blocks = detect('The States Parties,\nHave agreed as follows:\nArticle 1\nText.');
    expect(blocks.map((block) => block.path)).toEqual(['preface__p_1', 'preface__p_2', 'art_1', 'art_1__p_1']);
  });

  it('takes the direction from the first strong character', () => {
    expect(directionOf('١- تتخذ كل دولة')).toBe('rtl');
    expect(directionOf('(a) To prevent')).toBe('ltr');
    expect(directionOf('2014 – «الاتفاقية»')).toBe('rtl');
    expect(directionOf('12.3 (4)')).toBe('auto');
    expect(directionOf('שלום')).toBe('rtl');
  });
});

describe('performance', () => {
  it('detects the structure of 20,000 mixed lines', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => {
      if (i % 40 === 0) return i % 80 === 0 ? `المادة ${i / 40 + 1}` : `Article ${i / 40 + 1} – Caption`;
      if (i % 3 === 0) return `${(i % 9) + 1}- نص البند رقم ${i} من هذا النظام وفقاً للمادة (الثالثة) منه.`;
      return `(${'abcdefgh'[i % 8]}) Each State Party shall, in accordance with article 5 of this Protocol, adopt measures ${i}.`;
    });
    // Speed is measured by `npm run bench`, not asserted here: this proves it completes correctly.
    const blocks = detectStructure(lines, { markdown: true });
    expect(blocks).toHaveLength(20_000);
  });
});
