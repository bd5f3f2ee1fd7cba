import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The domain says things as message codes with parameters; sentences are the catalogue's (server/messages). This
 * finds string and template literals in server/domain that read as a sentence: three or more words in a row, an
 * interpolation counting as a word. Comments, types and the text of `new Error(…)` (a programmer's error, never
 * shown to a person as a finding) are not looked at.
 */
const DOMAIN = 'server/domain';
const SENTENCE = /\p{L}+(?:[ ,;:]+\p{L}+){2,}/u;

/**
 * Literals that read as words but are a machine's language, never shown to a person: the LP model handed to the
 * HiGHS solver and the solver's own status text it is compared with. Listed by file and text so a new sentence in
 * the same file is still found.
 */
const MACHINE_TEXT: ReadonlySet<string> = new Set([
  'plan/exact.ts: rx: x x', // an LP constraint row, `r12: x3 + x4 <= 1`
  'plan/exact.ts: Time limit reached', // HiGHS's status string
  'plan/segment-optimum.ts: rx: x x', // an LP constraint row of the segment MILP
  'plan/segment-optimum.ts: Time limit reached', // HiGHS's status string
]);

interface Found { line: number; text: string }

/** The sentences in the string and template literals of one TypeScript source. */
function sentencesIn(source: string, name = 'x.ts'): Found[] {
  const file = ts.createSourceFile(name, source, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /Error$/.test(node.expression.text)) return;
    if (ts.isLiteralTypeNode(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('x');
    if (text !== undefined && SENTENCE.test(text)) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function domainFiles(dir = DOMAIN): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? domainFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the domain speaks in message codes', () => {
  it('finds a sentence in a string or a template, and not in a comment, a message code or an Error', () => {
    const source = [
      "// The trench crosses a pipe here, says the comment.",
      "const a = msg('check.crossing.too-small', { gap_m: 0.1 });",
      "const b = 'The trench crosses';",
      'const c = `moved ${n} days earlier`;',
      "if (!ok) throw new Error('the caller passed no rule set at all');",
      "type T = 'one two three';",
    ].join('\n');
    expect(sentencesIn(source).map((f) => f.line)).toEqual([3, 4]);
  });

  it('builds no sentence in server/domain', () => {
    const files = domainFiles();
    expect(files.some((f) => f.endsWith('check/rule-context.ts'))).toBe(true);
    const sentences = files
      .map((f) => relative(DOMAIN, f).split('\\').join('/'))
      .flatMap((path) => sentencesIn(readFileSync(join(DOMAIN, path), 'utf8'), path)
        .filter((s) => !MACHINE_TEXT.has(`${path}: ${s.text}`))
        .map((s) => `${path}:${s.line}: ${s.text}`));
    expect(sentences).toEqual([]);
  });
});
