// @vitest-environment node
/**
 * Arabic is laid out right to left: every side-specific style must be written with logical
 * properties (margin-inline-start, inset-inline-end, text-align: start…) so it flips with the
 * language. This scans the CSS and the components' style props and names each offender.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blankComments, listSourceFiles } from './helpers/source-files.ts';

const CSS_RULES: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:scroll-)?(?:margin|padding)-(?:left|right)\b/, 'use margin-/padding-inline-start or -end'],
  [/\bborder-(?:left|right)(?:-(?:width|style|color))?\b/, 'use border-inline-start or -end'],
  [/\bborder-(?:top|bottom)-(?:left|right)-radius\b/, 'use border-start-start-radius and friends'],
  [/(?:^|[\s;{(])["']?(?:left|right)["']?\s*:/, 'use inset-inline-start or -end'],
  [/\btext-align\s*:\s*["']?(?:left|right)\b/, 'use text-align: start or end'],
  [/\b(?:float|clear)\s*:\s*["']?(?:left|right)\b/, 'use float/clear: inline-start or inline-end'],
];

// The same mistakes written as Solid/DOM style object keys.
const JS_STYLE_RULES: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:scrollMargin|scrollPadding|margin|padding|border)(?:Left|Right)\b/, 'use the logical property (marginInlineStart…)'],
  [/\bborder(?:Top|Bottom)(?:Left|Right)Radius\b/, 'use borderStartStartRadius and friends'],
  [/\btextAlign\s*:\s*["'](?:left|right)["']/, "use textAlign: 'start' or 'end'"],
  [/\b(?:cssFloat|float|clear)\s*:\s*["'](?:left|right)["']/, "use 'inline-start' or 'inline-end'"],
];

function findPhysicalProperties(file: string, text: string): string[] {
  const isCss = file.endsWith('.css');
  const rules = isCss ? CSS_RULES : [...CSS_RULES, ...JS_STYLE_RULES];
  const problems: string[] = [];
  blankComments(text, !isCss)
    .split('\n')
    .forEach((line, index) => {
      for (const [pattern, advice] of rules) {
        if (pattern.test(line)) problems.push(`${file}:${index + 1}: ${line.trim()} — ${advice}`);
      }
    });
  return problems;
}

describe('logical CSS properties only', () => {
  it('catches physical properties (the scanner itself works)', () => {
    const css = ['.a { margin-left: 1px; }', '.b { right: 0; }', '.c { text-align: left; }', '/* margin-left in a comment is fine */', '.d { border-right-width: 2px; }'].join(
      '\n',
    );
    expect(findPhysicalProperties('x.css', css).map((p) => p.split(':')[1])).toEqual(['1', '2', '3', '5']);
    expect(findPhysicalProperties('x.tsx', "<div style={{ marginRight: '1rem', textAlign: 'right' }} />")).toHaveLength(2);
    expect(findPhysicalProperties('x.css', '.e { margin-inline-start: 1px; inset-inline-end: 0; text-align: start; }')).toEqual([]);
  });

  it('finds none in client/src (CSS files and components)', () => {
    const problems = listSourceFiles(['.css', '.tsx']).flatMap((file) => findPhysicalProperties(file, fs.readFileSync(file, 'utf8')));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
