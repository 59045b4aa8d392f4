/**
 * Incremental linting of an edited Python buffer must report exactly what a
 * fresh lint of the same text reports: each test types many random edits
 * into a module (the bundled examples, the rules' docs snippets, generated
 * code) and compares, after every edit, the incremental diagnostics with a
 * full lint of the same text in a second workspace (its own parse cache, no
 * previous lint): codes, ranges, messages, severities and fixes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { generatePythonModule } from '../../../bench/generators/python';
import { SeededRandom } from '../../../bench/lib/inputs';
import { defineRule, type AnyRule, type RuleMeta } from '../../../server/src/engine/rule';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import type { Diagnostic } from '../../../server/src/engine/types';
import { Workspace } from '../../../server/src/engine/workspace';
import { parsePython } from '../../../server/src/languages/python';
import { allRules, builtinRules } from '../../../server/src/rules';
import { missingDocstring } from '../../../server/src/rules/python/missing-docstring';
import { moduleFacts } from '../../../server/src/rules/python/support/moduleFacts';
import { makeWorkspace, removeWorkspace } from '../../helpers/workspace';

const MODULE = 'services/billing/src/billing/ledger.py';
const CONFIG = '.plumbline.yaml';
/** PL306 and PL309 only judge scripts; a `__main__` block in some texts makes them run. */
const SNIPPETS = [
  'x',
  '\n',
  '    ',
  ':',
  '(',
  ')',
  '"""',
  '#',
  '# TODO: later\n',
  'pass\n',
  'def added(value):\n    return value\n\n',
  '@overload\ndef added(value: int) -> int: ...\n',
  'def _private(value):\n    pass\n',
  'class Added:\n    def method(self, a):\n        raise NotImplementedError\n',
  '@property\n',
  'print("total", total)\n',
  '    print(value)\n',
  'try:\n    run()\nexcept:\n    pass\n',
  '    except Exception:\n        continue\n',
  'password = "hunter2-secret"\n',
  'DB_HOST = "10.0.4.12"\n',
  '__all__ = ["compute_1", "Reconciler0"]\n',
  'import logging\n',
  'import sys\n',
  'logger = logging.getLogger(__name__)\n',
  'if __name__ == "__main__":\n    while True:\n        print(sys.argv[1])\n',
  '"""Module docstring."""\n',
  '\t',
  '\r\n',
  '"',
  '[',
  '\\\n',
  'a = 1; b = 2\n',
];

/** One random edit: insert a snippet, delete a few characters or lines, or move a line; mostly at line starts, as typing does. */
function randomEdit(random: SeededRandom, document: SourceDocument): string {
  const text = document.text;
  const line = random.int(0, Math.max(0, document.lineCount - 1));
  const lineStart = document.offsetAt({ line, character: 0 });
  const at = random.chance(0.5) ? lineStart : random.int(0, text.length);
  switch (random.int(0, 4)) {
    case 0:
    case 1:
      return text.slice(0, at) + random.pick(SNIPPETS) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + random.int(1, 12)));
    case 3: {
      const end = document.offsetAt({ line: line + random.int(1, 4), character: 0 });
      return text.slice(0, lineStart) + text.slice(end);
    }
    default: {
      const moved = document.lineText(line);
      const rest = text.slice(0, lineStart) + text.slice(document.offsetAt({ line: line + 1, character: 0 }));
      const to = random.int(0, rest.length);
      return rest.slice(0, to) + moved + '\n' + rest.slice(to);
    }
  }
}

const editedRoot = makeWorkspace({ [CONFIG]: 'rules: {}\n' });
const freshRoot = makeWorkspace({ [CONFIG]: 'rules: {}\n' });
after(() => {
  removeWorkspace(editedRoot);
  removeWorkspace(freshRoot);
});

/** Equal diagnostics, but for the workspace folder in paths (the two lints' folders differ). */
function assertSameDiagnostics(incremental: readonly Diagnostic[], full: readonly Diagnostic[], message: string): void {
  const inFolder = (diagnostics: readonly Diagnostic[], root: string) => JSON.parse(JSON.stringify(diagnostics).replaceAll(root, '<root>')) as unknown;
  assert.deepEqual(inFolder(incremental, editedRoot), inFolder(full, freshRoot), message);
}

/**
 * Types `edits` random edits into `text` and compares, after each, the
 * incremental lint with a full lint of the same path and text read as from
 * disk, and with a lint in another folder that parses it from scratch: the
 * parse of an edited buffer is the parse of its text, broken code included.
 */
function assertIncrementalMatchesFull(seed: number, text: string, edits: number, relativePath = MODULE): void {
  const random = new SeededRandom(seed);
  const edited = new Workspace({ root: editedRoot, registry: builtinRules });
  const full = new Workspace({ root: editedRoot, registry: builtinRules });
  const fresh = new Workspace({ root: freshRoot, registry: builtinRules });
  const editedPath = path.join(editedRoot, relativePath);
  let document = new SourceDocument(editedPath, text, 1);
  for (let version = 1; version <= edits + 1; version++) {
    if (version > 1) document = new SourceDocument(editedPath, randomEdit(random, document), version);
    const incremental = edited.lint(document);
    const context = `seed ${seed}, version ${version}, text:\n${document.text}`;
    assert.deepEqual(incremental.failures, []);
    assert.deepEqual(incremental.diagnostics, full.lint(new SourceDocument(editedPath, document.text)).diagnostics, context);
    const fromDisk = parsePython(new SourceDocument(editedPath, document.text));
    assert.equal(parsePython(document).tree.toString(), fromDisk.tree.toString(), context);
    // Read from the reused subtrees of the previous parse, they are those a walk of the whole tree finds.
    assert.deepEqual(parsePython(document).errors, fromDisk.errors, context);
    assertSameDiagnostics(incremental.diagnostics, fresh.lint(new SourceDocument(path.join(freshRoot, relativePath), document.text)).diagnostics, context);
  }
}

describe('incremental Python lint equals a full lint', () => {
  it('on a generated 400-line module under many random edits', () => {
    const text = generatePythonModule(new SeededRandom(13), 400);
    for (const seed of [1, 2, 3]) assertIncrementalMatchesFull(seed, text, 150);
  });

  it('on every Python file of the bundled examples', () => {
    const examples = path.join(__dirname, '../../../examples');
    const files = fs.readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.py'));
    assert.ok(files.length > 5);
    files.forEach((file, index) => assertIncrementalMatchesFull(100 + index, fs.readFileSync(path.join(examples, file), 'utf8'), 40, file));
  });

  it("on the Python rules' documented examples, good and bad", () => {
    const snippets = allRules.filter((rule) => rule.meta.kinds.includes('python')).flatMap((rule) => [rule.meta.docs.bad, rule.meta.docs.good]);
    snippets.forEach((snippet, index) => assertIncrementalMatchesFull(200 + index, snippet, 60));
  });

  it('after an edit that changes what every statement is judged by (`__all__`, the logger, a __main__ block, an @overload)', () => {
    const text = 'import os\n\n\ndef first(a):\n    print(a)\n\n\ndef second(b):\n    print(b)\n';
    const edited = new Workspace({ root: editedRoot, registry: builtinRules });
    const fresh = new Workspace({ root: freshRoot, registry: builtinRules });
    const steps = [
      text,
      text.replace('import os\n', 'import os\n__all__ = ["second"]\n'),
      text.replace('import os\n', 'import logging\nimport os\n\nlog = logging.getLogger(__name__)\n'),
      `${text}\n\nif __name__ == "__main__":\n    first(1)\n`,
      // An @overload signature of `second`, a statement of its own, spares the implementation.
      text.replace('def second(b):', '@overload\ndef second(b: int) -> None: ...\n\n\ndef second(b):'),
      text.replace('\n', '\r\n'),
      text,
    ];
    steps.forEach((step, index) => {
      const incremental = edited.lint(new SourceDocument(path.join(editedRoot, MODULE), step, index + 1));
      const full = fresh.lint(new SourceDocument(path.join(freshRoot, MODULE), step));
      assertSameDiagnostics(incremental.diagnostics, full.diagnostics, `step ${index}`);
    });
  });
});

describe('incremental Python lint keeps what a statement is judged by elsewhere in the module', () => {
  it('an edit inside an implementation whose @overload signature is statements away still spares it', () => {
    const body = Array.from({ length: 8 }, (_, i) => `    value = value * ${i} + len(str(value))\n`).join('');
    const functions = Array.from({ length: 12 }, (_, i) => `def f${i}(value):\n${body}    return value\n`);
    const text = `"""Module."""\nfrom typing import overload\n\n\n@overload\ndef f9(value: int) -> int: ...\n\n\n${functions.join('\n\n')}`;
    const edited = new Workspace({ root: editedRoot, registry: builtinRules });
    const fresh = new Workspace({ root: freshRoot, registry: builtinRules });
    [text, text.replace('return value\n\n\ndef f10', 'return value + 1\n\n\ndef f10')].forEach((step, index) => {
      const incremental = edited.lint(new SourceDocument(path.join(editedRoot, MODULE), step, index + 1));
      const full = fresh.lint(new SourceDocument(path.join(freshRoot, MODULE), step));
      assert.ok(!full.diagnostics.some((diagnostic) => diagnostic.code === 'PL302' && diagnostic.message.includes('"f9"')));
      assertSameDiagnostics(incremental.diagnostics, full.diagnostics, `step ${index}`);
    });
  });
});

describe('incremental Python lint re-checks only what an edit changed', () => {
  /** A local rule that records which definitions each of its runs saw. */
  function spyRule(seen: string[][]): AnyRule {
    return defineRule<'python'>({
      meta: { ...missingDocstring.meta, code: 'PL399', name: 'python/spy', kinds: ['python'], localTo: 'top-level statement' } as RuleMeta & {
        kinds: readonly 'python'[];
      },
      check(context) {
        seen.push(moduleFacts(context.parsed).definitions.map((definition) => definition.name));
      },
    });
  }

  it('an edit inside one function re-checks the statements around it; a change of `__all__` re-checks all', () => {
    const body = Array.from({ length: 8 }, (_, i) => `    value = value * ${i} + len(str(value))\n`).join('');
    const functions = Array.from({ length: 60 }, (_, i) => `def f${i}(value):\n${body}    return value\n`);
    const text = `"""Module."""\n\n${functions.join('\n\n')}`;
    const seen: string[][] = [];
    const workspace = new Workspace({ root: editedRoot, registry: builtinRules, rules: [spyRule(seen)] });
    const filePath = path.join(editedRoot, MODULE);
    workspace.lint(new SourceDocument(filePath, text, 1));
    workspace.lint(new SourceDocument(filePath, text.replace('return value\n\n\ndef f31', 'return value + 1\n\n\ndef f31'), 2));
    workspace.lint(new SourceDocument(filePath, `__all__ = ["f1"]\n${text}`, 3));
    assert.equal(seen[0]!.length, 60);
    // The edited function, its neighbours and what else the parser parsed anew there, not the 60.
    assert.ok(seen[1]!.includes('f30') && seen[1]!.length <= 8, seen[1]!.join());
    assert.equal(seen[2]!.length, 60);
  });
});
