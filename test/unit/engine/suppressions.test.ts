import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/engine/edits';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { parseSuppressions } from '../../../server/src/engine/suppressions';
import { Workspace } from '../../../server/src/engine/workspace';
import { builtinRules, findRule } from '../../../server/src/rules';
import { makeWorkspace, removeWorkspace } from '../../helpers/workspace';

// PL504 (invalid config) on .plumbline.yaml needs no other rule pack, so it stands in for any rule here.
const root = makeWorkspace({});
after(() => removeWorkspace(root));
const workspace = new Workspace({ root, registry: builtinRules });
const configPath = path.join(root, '.plumbline.yaml');

// Only the two rules under test: others (PL402 on the workspace root, say) may report here too.
function lint(text: string) {
  const underTest = (code: string) => code === 'PL504' || code === 'PL505';
  return workspace
    .lint(new SourceDocument(configPath, text))
    .diagnostics.filter((d) => underTest(d.code))
    .map((d) => ({
      code: d.code,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: d.message,
    }));
}

describe('suppression comments', () => {
  it('disable-next-line silences the named rule on the next line only', () => {
    assert.deepEqual(lint('# plumbline: disable-next-line PL504\nrulez: {}\nextra: 1\n'), [
      { code: 'PL504', line: 3, column: 1, message: 'Unknown key "extra" (known: rules, ignore, maxFileSize, paths, compose, fix, protected).' },
    ]);
  });

  it('accepts rule names, several codes and an explanation after --', () => {
    assert.deepEqual(lint('# plumbline: disable-next-line config/invalid, PL505 -- migrating\nrulez: {}\n'), [
      { code: 'PL505', line: 1, column: 48, message: 'Unused suppression: PL505 reports nothing here; remove it.' },
    ]);
  });

  it('disable-line silences the line it trails', () => {
    assert.deepEqual(lint('rulez: {} # plumbline: disable-line PL504\n'), []);
  });

  it('disable-file silences the rule everywhere', () => {
    assert.deepEqual(lint('# plumbline: disable-file PL504\nrulez: {}\nextra: 1\n'), []);
  });

  it('a blanket directive without codes silences every rule on its line', () => {
    assert.deepEqual(lint('# plumbline: disable-next-line\nrulez: {}\n'), []);
  });

  it('reports an unused suppression and an unknown rule at the code', () => {
    assert.deepEqual(lint('# plumbline: disable-next-line PL504, PL9999\nrules: {}\n'), [
      { code: 'PL505', line: 1, column: 32, message: 'Unused suppression: PL504 reports nothing here; remove it.' },
      { code: 'PL505', line: 1, column: 39, message: 'Unknown rule "PL9999" in suppression; use a code such as PL101 or a rule name.' },
    ]);
  });

  it('fixes an unused suppression by removing the code, or the whole comment line', () => {
    const text = '# plumbline: disable-next-line PL504, PL505\nrules: {}\n';
    const fixed = workspace.fixAll(new SourceDocument(configPath, text));
    assert.equal(fixed.text, 'rules: {}\n');
    assert.deepEqual(
      fixed.remaining.diagnostics.filter((d) => d.code === 'PL504' || d.code === 'PL505'),
      [],
    );
    const partly = workspace.fixAll(new SourceDocument(configPath, '# plumbline: disable-next-line PL504, PL505\nrulez: {}\n'));
    assert.equal(partly.text, '# plumbline: disable-next-line PL504\nrulez: {}\n');
  });

  it('a trailing unused directive is removed with the spaces before it', () => {
    const fixed = workspace.fixAll(new SourceDocument(configPath, 'rules: {}   # plumbline: disable-line PL504\n'));
    assert.equal(fixed.text, 'rules: {}\n');
  });

  it('does not report a suppression of a rule the configuration turns off', () => {
    const local = makeWorkspace({ 'sub/.plumbline.yaml': 'rules:\n  PL504: off\n' });
    try {
      const ws = new Workspace({ root: local, registry: builtinRules });
      const document = new SourceDocument(path.join(local, 'sub/.plumbline.yaml'), '# plumbline: disable-next-line PL504\nrules:\n  PL504: off\n');
      assert.deepEqual(
        ws.lint(document).diagnostics.filter((d) => d.code === 'PL504' || d.code === 'PL505'),
        [],
      );
    } finally {
      removeWorkspace(local);
    }
  });

  it('reads Markdown directives from HTML comments', () => {
    const document = new SourceDocument('/w/README.md', 'x\n<!-- plumbline: disable-next-line PL401, changelog/format -->\n');
    const directives = parseSuppressions(document, 'markdown', (code) => findRule(code)?.meta.code);
    assert.equal(directives.length, 1);
    assert.equal(directives[0]!.targetLine, 2);
    assert.deepEqual(
      directives[0]!.codes.map((c) => c.text),
      ['PL401', 'changelog/format'],
    );
  });

  it('ignores a # inside a word (not a comment)', () => {
    const document = new SourceDocument('/w/a.py', 'x = "a#plumbline: disable-file PL303"\n');
    assert.deepEqual(
      parseSuppressions(document, 'python', () => 'PL303'),
      [],
    );
  });
});

describe('suppression edits (code actions)', () => {
  const edit = (text: string, scope: 'line' | 'file', line: number, file = configPath) => {
    const document = new SourceDocument(file, text);
    const change = workspace.suppressionEdit(document, 'PL504', scope, line);
    assert.ok(change);
    return applyEdits(text, [change]);
  };

  it('inserts a next-line directive above the line, keeping its indentation', () => {
    assert.equal(edit('rules:\n  PL999: off\n', 'line', 1), 'rules:\n  # plumbline: disable-next-line PL504\n  PL999: off\n');
  });

  it('extends an existing directive instead of adding a second one', () => {
    assert.equal(edit('# plumbline: disable-next-line PL505\nrulez: 1\n', 'line', 1), '# plumbline: disable-next-line PL505, PL504\nrulez: 1\n');
  });

  it('puts a file directive after a shebang and keeps CRLF line breaks', () => {
    assert.equal(edit('#!/bin/sh\r\necho hi\r\n', 'file', 1, path.join(root, 'run.sh')), '#!/bin/sh\r\n# plumbline: disable-file PL504\r\necho hi\r\n');
  });

  it('puts a Markdown file directive after front matter', () => {
    assert.equal(
      edit('---\nstatus: accepted\n---\n# Title\n', 'file', 3, path.join(root, 'docs/adr/0001-x.md')),
      '---\nstatus: accepted\n---\n<!-- plumbline: disable-file PL504 -->\n# Title\n',
    );
  });
});

describe('Markdown directives are HTML comments, not text that shows one', () => {
  const directivesIn = (text: string) =>
    parseSuppressions(new SourceDocument('/w/guide.md', text), 'markdown', (code) => findRule(code)?.meta.code).map((d) => d.targetLine);

  it('ignores directives inside code spans and fenced code blocks', () => {
    const text = [
      'Write `<!-- plumbline: disable-file PL405 -->` at the top.',
      '````markdown',
      '<!-- plumbline: disable-next-line PL401 -->',
      '```',
      '````',
      '~~~',
      '<!-- plumbline: disable-file PL405 -->',
      '~~~',
      '<!-- plumbline: disable-next-line PL405 -->',
    ].join('\n');
    assert.deepEqual(directivesIn(text), [9]);
  });
});

/** `line code` of each finding of `codes` in a file linted with every rule: what the peer comments leave. */
function findingsOf(name: string, text: string, codes: readonly string[]): string[] {
  return workspace
    .lint(new SourceDocument(path.join(root, name), text))
    .diagnostics.filter((d) => codes.includes(d.code))
    .map((d) => `${d.range.start.line + 1} ${d.code}`);
}

describe("a peer linter's suppression comments silence the rule that reports the same problem", () => {
  const codesAt = (name: string, text: string) => findingsOf(name, text, ['PL303', 'PL304', 'PL107', 'PL505']);

  it('# noqa with the Ruff code silences the line; a bare # noqa, another code or another line does not', () => {
    const text = [
      'def report(rows):',
      '    print(len(rows))  # noqa: T201',
      '    print(rows)  # noqa',
      '    print(rows[0])  # noqa: E501',
      '    try:',
      '        rows.sort()',
      '    except:  # noqa: E722, T201 -- sorting is best effort',
      '        print("unsorted")',
      '',
    ].join('\n');
    assert.deepEqual(codesAt('jobs/report.py', text), ['3 PL303', '4 PL303', '8 PL303']);
  });

  it('# ruff: noqa: T201 on a line of its own silences the file; a trailing one only its line', () => {
    assert.deepEqual(codesAt('jobs/summary.py', '# ruff: noqa: T201\nprint("a")\nprint("b")\n'), []);
    assert.deepEqual(codesAt('jobs/summary.py', 'x = 1  # ruff: noqa: T201\nprint("a")\n'), ['2 PL303']);
  });

  it('a hadolint ignore covers every line of the instruction below it, and a global one the file', () => {
    const run = 'RUN apt-get update \\\n    # tools for the healthcheck\n    && apt-get install -y --no-install-recommends \\\n      curl\n';
    const unpinned = codesAt('svc/Dockerfile', `FROM debian:12\n${run}`);
    assert.deepEqual(unpinned, ['5 PL107']);
    assert.deepEqual(codesAt('svc/Dockerfile', `FROM debian:12\n# hadolint ignore=DL3008,DL3015\n${run}`), []);
    assert.deepEqual(codesAt('svc/Dockerfile', `# hadolint global ignore=DL3008\nFROM debian:12\n${run}`), []);
    // A comment above another instruction leaves this one alone.
    assert.deepEqual(codesAt('svc/Dockerfile', `# hadolint ignore=DL3008\nFROM debian:12\n${run}`), ['6 PL107']);
  });

  it('the peer comments are not Plumbline suppressions: PL505 never reports them', () => {
    assert.deepEqual(codesAt('jobs/clean.py', 'value = 1  # noqa: T201\n# ruff: noqa: E722\n'), []);
  });
});

describe("pylint's disable comments silence the rules that report what the named check does", () => {
  const codesAt = (name: string, text: string) => findingsOf(name, text, ['PL301', 'PL304', 'PL308']);

  it('at the end of a line for that line, and disable-next for the next one', () => {
    const text = [
      '"""Jobs."""',
      'def run(job):',
      '    """Run."""',
      '    try:',
      '        job()',
      '    except:  # pylint: disable=bare-except',
      '        job.retry()',
      '    try:',
      '        job.close()',
      '    # pylint: disable-next=W0702',
      '    except:',
      '        pass',
      '    try:',
      '        job.flush()',
      '    except:  # pylint: disable=broad-except',
      '        pass',
      '',
    ].join('\n');
    assert.deepEqual(codesAt('jobs/run.py', text), ['15 PL304']);
  });

  it('on a line of its own: the rest of its block, with the header of the def or class whose body it opens', () => {
    const text = [
      '"""Models."""',
      'class Currency:',
      '    # pylint: disable=missing-class-docstring',
      '    code = "EUR"',
      '',
      '    def rate(self):',
      '        base = 1  # TODO: cache the rates',
      '        # pylint: disable=fixme',
      '        return base  # TODO: real rates',
      '',
      '',
      'class Money:',
      '    amount = 0',
      '',
    ].join('\n');
    // The class's disable is for its docstring, not its method's; the method's body's, from where it stands.
    assert.deepEqual(codesAt('shop/money.py', text), ['6 PL301', '7 PL308', '12 PL301']);
  });

  it('at the top level: the whole module, a missing module docstring above it included', () => {
    assert.deepEqual(
      codesAt(
        'shop/answers.py',
        'import random\n# pylint: disable=missing-module-docstring, missing-function-docstring\n\n\ndef pick():\n    return random.random()\n',
      ),
      [],
    );
  });
});
