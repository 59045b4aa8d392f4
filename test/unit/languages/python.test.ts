import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parser } from '@lezer/python';
import { generatePythonModule } from '../../../bench/generators/python';
import { SeededRandom } from '../../../bench/lib/inputs';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { changedSpan } from '../../../server/src/engine/textChange';
import { comparedParses, parsePython } from '../../../server/src/languages/python';
import { scanLogicalLines } from '../../../server/src/languages/pythonLines';
import { parseRequirements } from '../../../server/src/languages/requirements';

describe('Python parsing', () => {
  it('re-parses an edited document into the tree a fresh parse gives, parsing only the statements the edit changed', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `def f${i}(a):\n    return a + ${i}\n`);
    const before = lines.join('');
    const first = parsePython(new SourceDocument('/w/incremental.py', before, 1));
    assert.equal(first.tree.toString(), parser.parse(before).toString());
    const after = before.replace('return a + 1500', 'return a - 1500');
    const edited = parsePython(new SourceDocument('/w/incremental.py', after, 2));
    assert.equal(edited.tree.toString(), parser.parse(after).toString());
    const { reused, fresh } = comparedParses(first.tree, edited.tree);
    const editedAt = after.indexOf('return a - 1500');
    const length = (spans: ReadonlyArray<{ from: number; to: number }>) => spans.reduce((total, span) => total + span.to - span.from, 0);
    assert.ok(
      fresh.some((span) => span.from <= editedAt && span.to > editedAt),
      'the edited function is parsed anew',
    );
    // Short statements are parsed a stretch of them at a time (stretchStarts): a few functions around the edit, not 3,000.
    assert.ok(length(fresh) < 1024, `${length(fresh)} characters parsed anew`);
    assert.equal(length(reused) + length(fresh), after.length);
  });

  it('an unclosed bracket makes the rest of the module one statement, as for Python', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `def f${i}(a):\n    return a + ${i}\n`);
    const before = lines.join('');
    const first = parsePython(new SourceDocument('/w/bracket.py', before, 1));
    const after = before.replace('return a + 150', 'return (a +');
    const edited = parsePython(new SourceDocument('/w/bracket.py', after, 2));
    assert.equal(edited.tree.toString(), parser.parse(after).toString());
    assert.ok(edited.errors.length > 0, 'the unclosed parenthesis is an error');
    const repaired = parsePython(new SourceDocument('/w/bracket.py', before, 3));
    assert.equal(repaired.tree.toString(), first.tree.toString());
    assert.deepEqual(repaired.errors, []);
  });

  it('after an edit that breaks the indentation and its undo, the tree is the one a fresh parse gives', () => {
    // Lezer's own incremental parse kept error nodes here, and so did the findings: PL301 went silent on the functions below.
    const functions = Array.from(
      { length: 40 },
      (_, i) => `def f${i}(value):\n    """Add ${i}."""\n    total = value\n    if total:\n        total += ${i}\n    return total\n`,
    );
    const text = `"""Module."""\n\n\n${functions.join('\n\n')}`;
    const filePath = '/w/undo.py';
    parsePython(new SourceDocument(filePath, text, 1));
    const inBody = text.indexOf('        total += 2\n');
    const broken = `${text.slice(0, inBody)}def added(value):\n    return value\n\n${text.slice(inBody)}`;
    const brokenModel = parsePython(new SourceDocument(filePath, broken, 2));
    assert.equal(brokenModel.tree.toString(), parsePython(new SourceDocument(filePath, broken)).tree.toString());
    const undone = parsePython(new SourceDocument(filePath, text, 3));
    assert.equal(undone.tree.toString(), parser.parse(text).toString());
    assert.deepEqual(undone.errors, []);
  });

  it('parses a module in groups into the tree lezer gives the whole module', () => {
    const text = [
      '#!/usr/bin/env python3',
      '"""Module."""',
      'import os, \\',
      '    sys',
      '# a comment between statements',
      '@decorator(',
      '    option=1,',
      ')',
      '@other',
      'class Thing:',
      '    def method(self):',
      '        return """',
      'text at column 0 inside a string',
      '"""',
      '# a comment at column 0 inside the class',
      '    value = 1',
      'try:',
      '    import json',
      'except ImportError:',
      '    json = None',
      'else:',
      '    pass',
      'finally:',
      '    done = True',
      'if os.name:',
      '    x = 1',
      'elif sys:',
      '    x = 2',
      'else:',
      '    x = 3',
      'for item in []:',
      '    pass',
      'else:',
      '    pass',
      'values = [',
      '1, 2]',
      'a = 1; b = 2',
      '',
    ].join('\n');
    const { groupStarts } = scanLogicalLines(text);
    const startsOf = (...firstLines: string[]) => [0, ...firstLines.map((line) => text.indexOf(`\n${line}`) + 1)];
    assert.deepEqual(groupStarts, startsOf('import os', '@decorator(', 'try:', 'if os.name:', 'for item', 'values = [', 'a = 1'));
    assert.equal(parsePython(new SourceDocument('/w/groups.py', text)).tree.toString(), parser.parse(text).toString());
  });

  it('an editor buffer keeps its last parse, so the same text parses once', () => {
    const text = 'x = 1\n';
    assert.equal(parsePython(new SourceDocument('/w/same.py', text, 1)).tree, parsePython(new SourceDocument('/w/same.py', text, 2)).tree);
  });

  it('a file read from disk (no version) is parsed and not remembered', () => {
    const text = 'x = 1\n';
    assert.notEqual(parsePython(new SourceDocument('/w/disk.py', text)).tree, parsePython(new SourceDocument('/w/disk.py', text)).tree);
  });

  it('locates syntax errors so rules can skip the broken region only', () => {
    const text = 'ok = 1\ndef broken(:\n    pass\nfine = 2\n';
    const model = parsePython(new SourceDocument('/w/broken.py', text));
    const brokenAt = text.indexOf('(:');
    assert.equal(model.hasErrorIn(0, text.indexOf('def')), false);
    assert.equal(model.hasErrorIn(brokenAt, brokenAt + 3), true);
    assert.equal(model.hasErrorIn(text.indexOf('fine'), text.length), false);
  });

  it('keeps a long class body whole where lezer would close the class early', () => {
    // 450 annotated attributes, each after a blank line: lezer's guard against deep left-recursive trees closes the class after about 440.
    const attributes = Array.from({ length: 450 }, (_, i) => `    hook_${i}: int\n\n`).join('');
    const text = `class Plugin:\n    """Hooks."""\n\n${attributes}    def probe(self, x):\n        return x\n`;
    assert.equal(parser.parse(text).resolveInner(text.indexOf('probe'), 1).parent?.parent?.name, 'Script', 'lezer alone loses the class');
    const model = parsePython(new SourceDocument('/w/plugin.py', text));
    const probe = model.tree.resolveInner(text.indexOf('probe'), 1).parent!;
    assert.equal(probe.name, 'FunctionDefinition');
    assert.equal(probe.parent?.parent?.name, 'ClassDefinition');
  });

  it('keeps the guard for a long left-recursive expression, whose tree would be too deep to walk', () => {
    const text = `total = ${Array.from({ length: 3000 }, () => 'a').join(' + ')}\n`;
    const model = parsePython(new SourceDocument('/w/sum.py', text));
    assert.equal(model.tree.toString(), parser.parse(text).toString());
  });

  it('survives empty, binary-looking and deeply nested input', () => {
    for (const text of ['', '\u0000\u0001\u0002', '('.repeat(5000), '\t\t\tx\n  y\n']) {
      const model = parsePython(new SourceDocument('/w/odd.py', text));
      assert.equal(model.text, text);
    }
  });
});

describe('requirements parsing', () => {
  it('joins continuation lines, drops comments, keeps document offsets', () => {
    const text = 'requests==2.32.3 \\\n    --hash=sha256:ab  # pinned\n# note\n-r base.txt\nflask>=3 ; python_version>"3.8"\n';
    const { lines } = parseRequirements(new SourceDocument('/w/requirements.txt', text));
    assert.deepEqual(
      lines.map((line) => [line.kind, text.slice(line.from, line.to)]),
      [
        ['requirement', 'requests==2.32.3'],
        ['include', '-r base.txt'],
        ['requirement', 'flask>=3 ; python_version>"3.8"'],
      ],
    );
    assert.deepEqual(lines[0], { kind: 'requirement', name: 'requests', specifier: '==2.32.3', hashed: true, from: 0, to: 16 });
    assert.equal(lines[2]!.kind === 'requirement' && lines[2]!.specifier, '>=3');
  });
});

describe('scanLogicalLines: what Python rejects and lezer parses', () => {
  const lines = (...text: string[]) => text.join('\n');
  const firstIndentationError = (text: string) => scanLogicalLines(text).rejectedAt;

  it('finds a tab that means a deeper block at tab size 8 and a shallower one at tab size 1 (TabError)', () => {
    const text = lines('def f():', '    a = 1', '\tb = 2', '');
    assert.equal(firstIndentationError(text), text.indexOf('\tb'));
  });

  it('finds a dedent to a column no enclosing block started at', () => {
    const text = lines('if x:', '\tif y:', '\t\ta = 1', '   b = 2', '');
    assert.equal(firstIndentationError(text), text.indexOf('   b'));
  });

  it('accepts tabs used alike throughout, and tabs inside brackets, strings and after a backslash', () => {
    assert.equal(firstIndentationError(lines('def f():', '\tif x:', '\t\treturn (1,', '\t2)', '')), undefined);
    assert.equal(firstIndentationError(lines('def f():', '    s = """', '\tkept as text', '    """', '    return s', '')), undefined);
    assert.equal(firstIndentationError(lines('x = 1 + \\', '\t2', 'y = [', '\t3]', '# a comment', '\t# an indented comment', '')), undefined);
  });

  it('finds a line indented deeper after a line that opened no block (unexpected indent)', () => {
    const text = lines('def f():', '    """Docs."""', '        a = 1', '');
    assert.equal(firstIndentationError(text), text.indexOf('        a'));
    const dedent = lines('def f():', '    a = 1', '  b = 2', '');
    assert.equal(firstIndentationError(dedent), dedent.indexOf('  b'));
  });

  it('resumed after an edit, scans to what a scan from the start finds', () => {
    const random = new SeededRandom(41);
    const pieces = ['"', "'", '"""', '\\\n', '\n', '\r\n', '\t', '    ', '#', '(', ')', ':', 'else:\n', '@decorator\n', 'def f():\n    pass\n', 'x = 1\n'];
    let text = generatePythonModule(new SeededRandom(42), 300);
    let scan = scanLogicalLines(text);
    for (let edit = 0; edit < 400; edit++) {
      const at = random.int(0, text.length);
      const next = text.slice(0, at) + (random.chance(0.7) ? random.pick(pieces) : '') + text.slice(Math.min(text.length, at + random.int(0, 3)));
      scan = scanLogicalLines(next, { scan, change: changedSpan(text, next) });
      assert.deepEqual(scan, scanLogicalLines(next), `edit ${edit}:\n${next}`);
      text = next;
    }
  });

  it('accepts blocks opened by a colon at the end of a line, comments after it included', () => {
    assert.equal(firstIndentationError(lines('class A:  # a note', '    def f(self, x: int) -> dict:', '        return {"a":', '1}', '')), undefined);
  });

  it('finds the 100th level of indentation, where CPython stops ("too many levels of indentation")', () => {
    const nested = (depth: number) => `${Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}if ready:\n`).join('')}${' '.repeat(depth)}pass\n`;
    assert.equal(firstIndentationError(nested(99)), undefined);
    const tooDeep = nested(100);
    assert.equal(firstIndentationError(tooDeep), tooDeep.lastIndexOf('\n', tooDeep.length - 2) + 1);
  });

  it('finds the 201st nested bracket, where CPython stops ("too many nested parentheses"), not brackets in strings or comments', () => {
    const nested = (depth: number) => `x = ${'([{'.repeat(depth).slice(0, depth)}${' '.repeat(depth)}\n`;
    assert.equal(firstIndentationError(nested(200)), undefined);
    assert.equal(firstIndentationError(nested(201)), 'x = '.length + 200);
    assert.equal(firstIndentationError(lines(`s = "${'('.repeat(300)}"`, `# ${'{'.repeat(300)}`, '')), undefined);
  });
});

describe('parsePython: input no code has', () => {
  it('blanks 256 or more spaced operators in a row before parsing and reports them as one syntax error', () => {
    const run = '- '.repeat(300);
    const text = `"""Keys."""\n\nif ${run}PLAIN:\n    print(1)\n`;
    const model = parsePython(new SourceDocument('/w/keys.py', text));
    const from = text.indexOf(run);
    assert.ok(model.hasErrorIn(from, from + run.length));
    assert.equal(model.text, text);
  });

  it('parses brackets nested past the limit of Python, deeper than lezer could recurse, as one error from there to the end', () => {
    const text = `import os\n\nconfig = ${'{'.repeat(50_000)}`;
    const model = parsePython(new SourceDocument('/w/deep.py', text));
    const tooDeep = text.indexOf('{') + 200;
    assert.equal(model.rejectedAt, tooDeep);
    assert.equal(model.hasErrorIn(0, text.indexOf('config')), false);
    assert.equal(model.hasErrorIn(tooDeep, tooDeep + 1), true);
    assert.equal(model.hasErrorIn(text.length - 1, text.length), true);
  });

  it('leaves shorter runs, and dashes without blanks between them, to the parser', () => {
    const text = `x = ${'- '.repeat(100)}1\n# ${'-'.repeat(400)}\n`;
    assert.deepEqual(parsePython(new SourceDocument('/w/ok.py', text)).errors, []);
  });
});
