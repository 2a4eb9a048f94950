// @vitest-environment node
/**
 * Every visible or spoken string comes from the catalogues, so nothing stays English in the
 * Arabic or French interface. Parses each component with the TypeScript compiler and reports
 * JSX text, string children and accessible-name attributes that contain letters. Allowed: the
 * product name and punctuation.
 */
import fs from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { listSourceFiles } from './helpers/source-files.ts';

const PRODUCT_NAMES = /تشاور|Tashawur/g;
// Attributes people see or hear; ids, classes, routes and types are not text.
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext', 'title', 'alt', 'placeholder', 'label']);
const LETTER = /\p{L}/u;

/** Letters left once the product name is taken out: punctuation and spaces are fine. */
function hasText(text: string): boolean {
  return LETTER.test(text.replace(PRODUCT_NAMES, ''));
}

function findHardcodedStrings(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const problems: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    problems.push(`${file}:${line + 1}: ${JSON.stringify(text.trim())}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasText(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent) && ts.isStringLiteralLike(node.expression) && hasText(node.expression.text)) {
      report(node, node.expression.text);
    }
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(sourceFile)) && node.initializer) {
      const value = ts.isStringLiteral(node.initializer) ? node.initializer : ts.isJsxExpression(node.initializer) ? node.initializer.expression : undefined;
      if (value && ts.isStringLiteralLike(value) && hasText(value.text)) report(node, value.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return problems;
}

describe('no hard-coded interface text', () => {
  it('catches text in JSX (the scanner itself works)', () => {
    const sample = `const A = () => <p title="Hello">Sign in {'now'} <b>{t('x')}</b> · تشاور <i>Tashawur</i> <span aria-label={"Close"} /></p>;`;
    expect(findHardcodedStrings('x.tsx', sample).map((p) => p.split(': ')[1])).toEqual(['"Hello"', '"Sign in"', '"now"', '"Close"']);
  });

  it('finds none in client/src', () => {
    const problems = listSourceFiles(['.tsx']).flatMap((file) => findHardcodedStrings(file, fs.readFileSync(file, 'utf8')));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
