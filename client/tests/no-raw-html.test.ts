// @vitest-environment node
/**
 * SECURITY.md XSS-57, "lint forbids innerHTML": the client renders every piece of user text
 * through JSX text nodes, never as markup. Biome's security rules only know React's
 * dangerouslySetInnerHTML, so client/lint/no-raw-html.grit (a Biome plugin enabled for
 * client/src in biome.json) also forbids Solid's innerHTML prop and the DOM's HTML sinks. The
 * first test proves the lint really fires; the second scans the sources directly, so the rule
 * holds even if someone switches the plugin off.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blankComments, CLIENT_SOURCE, listSourceFiles } from './helpers/source-files.ts';

const SINKS: [string, RegExp][] = [
  ['innerHTML/outerHTML assignment', /\.(?:inner|outer)HTML\s*\+?=(?!=)/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(?:ln)?\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['setHTMLUnsafe/parseHTMLUnsafe', /\b(?:set|parse)HTMLUnsafe\b/],
  ['DOMParser', /\bDOMParser\b/],
  ['innerHTML/outerHTML/srcdoc JSX prop', /<[A-Za-z][^<>]*\s(?:innerHTML|outerHTML|srcdoc|dangerouslySetInnerHTML)\s*=/],
  ['eval / new Function', /\beval\s*\(|\bnew\s+Function\s*\(/],
];

describe('XSS-57 no raw HTML in the client', () => {
  it('XSS-57 biome lint fails on a Solid innerHTML prop, innerHTML/outerHTML assignments, insertAdjacentHTML, document.write and dangerouslySetInnerHTML in client/src', () => {
    const fixture = path.join(CLIENT_SOURCE, `xss-57-lint-probe-${process.pid}.tsx`);
    fs.writeFileSync(
      fixture,
      [
        'export function Probe(props: { text: string; el: HTMLElement }) {',
        '  props.el.innerHTML = props.text;',
        '  props.el.outerHTML = props.text;',
        "  props.el.insertAdjacentHTML('beforeend', props.text);",
        '  document.write(props.text);',
        '  const read = props.el.innerHTML;',
        '  return (',
        '    <div innerHTML={props.text}>',
        '      <p dangerouslySetInnerHTML={{ __html: props.text }} />',
        '      {read}',
        '    </div>',
        '  );',
        '}',
        '',
      ].join('\n'),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [path.resolve('node_modules/@biomejs/biome/bin/biome'), 'lint', '--max-diagnostics=50', '--colors=off', fixture], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const failure = e as { stdout?: string; stderr?: string };
      output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    } finally {
      fs.rmSync(fixture, { force: true });
    }
    const lines = [...output.matchAll(new RegExp(`${path.basename(fixture).replace(/\./g, '\\.')}:(\\d+):\\d+ (\\S+)`, 'g'))].map((m) => [Number(m[1]), m[2]]);
    // Lines 2-5, 8 and 9 through the plugin, line 9 through Biome's own rule too; line 6 only reads.
    expect(lines.filter(([, rule]) => rule === 'plugin').map(([line]) => line)).toEqual([2, 3, 4, 5, 8, 9]);
    expect(lines).toContainEqual([9, 'lint/security/noDangerouslySetInnerHtml']);
    expect(lines.some(([line]) => line === 6)).toBe(false);
  }, 60_000);

  it('XSS-57 client/src uses no HTML-parsing sink at all (innerHTML/outerHTML writes, insertAdjacentHTML, document.write, DOMParser, srcdoc, eval)', () => {
    const problems: string[] = [];
    for (const file of listSourceFiles(['.ts', '.tsx'])) {
      const lines = blankComments(fs.readFileSync(file, 'utf8'), true).split('\n');
      lines.forEach((line, i) => {
        for (const [what, pattern] of SINKS) if (pattern.test(line)) problems.push(`${file}:${i + 1}: ${what}`);
      });
    }
    expect(problems).toEqual([]);
  });
});
