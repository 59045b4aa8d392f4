/**
 * Regression tests made from the inputs `npm run fuzz` found and shrank: each
 * case runs the fuzzer's own property check (no exception or rule failure,
 * ranges inside the document, fixes that remove their diagnostic and keep the
 * file parsing, fix-all converging) and then asserts what the user sees.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/engine/edits';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../server/src/engine/workspace';
import { builtinRules } from '../../../server/src/rules';
import { MAX_RELATED_PORTS } from '../../../server/src/rules/compose/port-conflict';
import { FUZZ_KINDS } from '../../fuzz/kinds';
import { PropertyChecker } from '../../fuzz/properties';
import { makeWorkspace, removeWorkspace } from '../../helpers/workspace';

const root = makeWorkspace({});
after(() => removeWorkspace(root));
const checker = new PropertyChecker(root, 2000);

function lint(kindName: string, text: string) {
  const kind = FUZZ_KINDS.find((k) => k.name === kindName)!;
  const workspace = new Workspace({ root, registry: builtinRules });
  const document = new SourceDocument(path.join(root, kind.relativePath), text);
  // Open, as the property checker has it: an ADR folder is found by the records it holds.
  workspace.index.setOpenDocument(document);
  return { document, workspace, result: workspace.lint(document) };
}

/** Asserts every fuzz property for the text and returns how long its lint took. */
function assertHolds(kindName: string, text: string): number {
  const outcome = checker.check(
    FUZZ_KINDS.find((k) => k.name === kindName)!,
    text,
  );
  assert.deepEqual(outcome.problems, []);
  return outcome.lintMs;
}

describe('fuzz findings: requirements', () => {
  it('a line that is only a dash, or a dash and a digit, is an option line, not a crash in every rule', () => {
    for (const text of ['-\n', '--\nflask==3.0.0\n', '-1 x\n', 'services:\n  - \n      -']) assertHolds('requirements', text);
    assert.deepEqual(lint('requirements', '-\nflask==3.0.0\n').result.failures, []);
  });

  it('a 300 KB line of blanks before an option is split in linear time (it took 90 s)', () => {
    const ms = assertHolds('requirements', `flask==3.0.0${' '.repeat(300_000)}--hash=sha256:abc\n`);
    assert.ok(ms < 1500, `${ms} ms`);
  });
});

describe('fuzz findings: Compose and YAML', () => {
  it('a syntax error at the end of a CRLF line ends before the CR', () => {
    assertHolds('compose', 'services:\r\nservices:\r\n');
    const [problem] = lint('compose', 'services:\r\nservices:\r\n').result.diagnostics.filter((d) => d.code === 'PL209');
    assert.equal(problem!.message, 'YAML syntax error: Map keys must be unique.');
    assert.deepEqual(problem!.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } });
  });

  it('a syntax error next to an astral character covers the whole character', () => {
    assertHolds('compose', '!\ud800\udc00tr ');
    const [problem] = lint('compose', '!\ud800\udc00tr ').result.diagnostics.filter((d) => d.code === 'PL209');
    assert.deepEqual(problem!.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } });
  });

  for (const [name, text] of [
    ['10,000 nested block sequences', `${'- '.repeat(10_000)}x\n`],
    ['10,000 nested flow sequences', `services: ${'['.repeat(10_000)}\n`],
    ['a sequence 3,000 deep under a service', `services:\n  api:\n    environment:\n      ${'- '.repeat(3_000)}x\n`],
  ]) {
    it(`${name} in a Compose file: one PL209 naming the depth limit, no stack overflow`, () => {
      assertHolds('compose', text!);
      const found = lint('compose', text!).result.diagnostics.filter((d) => d.code === 'PL209');
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, /^This file is not read as Compose: it nests (deeper than 128 levels|more than 32 flow collections)/);
    });
  }

  it('1,500 services that merge one anchor lint in time linear in the aliases (each alias walked the whole file again)', () => {
    const services = (body: (i: number) => string) =>
      `x-common: &common\n  image: nginx:1.27\nservices:\n${Array.from({ length: 1_500 }, (_, i) => `  s${i}:\n${body(i)}`).join('')}`;
    const aliased = services(() => '    <<: *common\n');
    const inline = services(() => '    image: nginx:1.27\n');
    const timedLint = (text: string) => {
      const started = performance.now();
      const { result } = lint('compose', text);
      return { ms: performance.now() - started, codes: result.diagnostics.map((d) => d.code) };
    };
    timedLint(inline); // warm-up
    const plain = timedLint(inline);
    const merged = timedLint(aliased);
    assert.deepEqual(merged.codes, plain.codes, 'the merged image is read as the inline one');
    // A ratio, not a time: the machine may be busy. The per-alias walk made it over 20.
    assert.ok(merged.ms < plain.ms * 4 + 200, `merged ${Math.round(merged.ms)} ms, inline ${Math.round(plain.ms)} ms`);
  });

  // The fuzzer's input listed it 3,400 times: n² related locations ran a 4 GB heap out of memory.
  it('a service publishing one port 500 times links each PL208 finding to 20 others, not to all of them', () => {
    const text = `services:\n  adminer:\n    image: adminer:4.8.1\n    ports:\n${'      - "8080:80"\n'.repeat(500)}`;
    const clashes = lint('compose', text).result.diagnostics.filter((d) => d.code === 'PL208');
    assert.equal(clashes.length, 500);
    assert.equal(
      clashes[0]!.message,
      'Host port 8080/tcp of service "adminer" is also published by "adminer" (line 6) and 498 more; give each service its own port.',
    );
    assert.deepEqual(new Set(clashes.map((d) => d.related?.length)), new Set([MAX_RELATED_PORTS]));
    assert.deepEqual(clashes[0]!.related![0], {
      path: clashes[0]!.related![0]!.path,
      range: { start: { line: 5, character: 8 }, end: { line: 5, character: 17 } },
      message: 'Host port 8080/tcp also published by "adminer"',
    });
  });

  it('a configuration nested 10,000 deep is a PL504 problem and the defaults apply', () => {
    const text = `ignore:\n  ${'- '.repeat(10_000)}x\n`;
    assertHolds('config', text);
    const found = lint('config', text).result.diagnostics.filter((d) => d.code === 'PL504');
    assert.deepEqual(
      found.map((d) => [d.message, d.range.start.line]),
      [['.plumbline.yaml is not read, so the defaults apply: it nests deeper than 128 levels of indentation, block markers and keys.', 1]],
    );
  });
});

describe('fuzz findings: Dockerfile', () => {
  it('after an unterminated heredoc, PL101 and PL103 offer no fix that would land in its body (fix-all added USER 10001 ten times)', () => {
    const text = 'FROM python:3.12-slim AS build\nRUN cat <<-EOT > /x\n';
    assertHolds('dockerfile', text);
    const { workspace, document, result } = lint('dockerfile', text);
    const reported = result.diagnostics.filter((d) => d.code === 'PL101' || d.code === 'PL103');
    assert.deepEqual(
      reported.map((d) => [d.code, d.fixes]),
      [
        ['PL101', []],
        ['PL103', []],
      ],
    );
    assert.equal(workspace.fixAll(document).text, text);
  });
});

describe('fuzz findings: CHANGELOG', () => {
  it('with a byte-order mark, ranges and fixes land where they would without it', () => {
    const body = '# Changelog\n\nSome text.\n\n## [1.0.0] - 2024-01-02\n\n### Added\n\n- x\n';
    assertHolds('changelog', `\ufeff${body}`);
    const withBom = lint('changelog', `\ufeff${body}`);
    const without = lint('changelog', body);
    const shifted = without.result.diagnostics.map((d) => ({
      code: d.code,
      range: d.range.start.line === 0 ? { start: { ...d.range.start, character: d.range.start.character + 1 }, end: d.range.end } : d.range,
    }));
    assert.deepEqual(
      withBom.result.diagnostics.filter((d) => d.range.start.line > 0).map((d) => ({ code: d.code, range: d.range })),
      shifted.filter((d) => d.range.start.line > 0),
    );
    assert.equal(withBom.workspace.fixAll(withBom.document).text, `\ufeff${without.workspace.fixAll(without.document).text}`);
  });
});

describe('fuzz findings: Python', () => {
  function fixedBy(text: string, code: string, title: RegExp): string {
    const { result } = lint('python', text);
    const fix = result.diagnostics
      .filter((d) => d.code === code)
      .flatMap((d) => d.fixes ?? [])
      .find((f) => title.test(f.title));
    assert.ok(fix, `no "${title.source}" fix for ${code}`);
    return applyEdits(text, fix.edits);
  }

  it('the module docstring stub after a shebang starts a line of its own; a file that is only a shebang has nothing to document', () => {
    const text = '#!/usr/bin/env python3\nmain()';
    assertHolds('python', text);
    assert.equal(fixedBy(text, 'PL301', /module docstring/), '#!/usr/bin/env python3\n"""TODO: Summarise what this module is for."""\nmain()');
    assertHolds('python', '#!/usr/bin/env python3');
    assert.deepEqual(
      lint('python', '#!/usr/bin/env python3').result.diagnostics.filter((d) => d.code === 'PL301'),
      [],
    );
  });

  it('in a file with CR line ends, stubs and the logger setup are inserted with CR, on lines of their own', () => {
    const text = '"""Tools."""\rimport sys\rdef main():\r    print(sys.argv)\r';
    assertHolds('python', text);
    assert.equal(
      fixedBy(text, 'PL301', /docstring stub to "main"/),
      '"""Tools."""\rimport sys\rdef main():\r    """TODO: Summarise what main does."""\r    print(sys.argv)\r',
    );
    assert.equal(
      fixedBy(text, 'PL303', /logger/),
      '"""Tools."""\rimport logging\rimport sys\r\rlogger = logging.getLogger(__name__)\rdef main():\r    logger.info(sys.argv)\r',
    );
  });

  it('after a tab that Python rejects (TabError), the definitions below it get no PL3xx finding from a tree lezer misread', () => {
    // Lezer dedents at the tab and leaves the functions below with empty bodies: their docstrings read as module statements.
    const text = [
      '"""Billing."""',
      '',
      '',
      'def run_cycle() -> None:',
      '    """Invoice every customer."""',
      '\tfor customer in due():',
      '        print(customer)',
      '',
      '',
      'def due():',
      '    """Customers whose period ended."""',
      '    return []',
      '',
    ].join('\r\n');
    assertHolds('python', text);
    const { result } = lint('python', text);
    assert.deepEqual(
      result.diagnostics.map((d) => d.code),
      [],
    );
  });
});

describe('fuzz findings: CHANGELOG and ADR fixes that never converged', () => {
  it('two byte-order marks: the parser skips one, positions count both', () => {
    assertHolds('changelog', '\ufeff\ufeff# Changelog\n\nSome text.\n\n## [1.0.0] - 2024-01-02\n\n### Added\n\n- x\n');
  });

  it('a changelog that ends in an open code fence gets no "## [Unreleased]" fix, which would land inside the fence', () => {
    assertHolds('changelog', '```\n');
    const missing = lint('changelog', '```\n').result.diagnostics.find((d) => d.message.includes('no "## [Unreleased]" section'));
    assert.equal(missing?.code, 'PL401');
    assert.equal(missing.fixes, undefined);
  });

  it('a chain of suppressions that only keep PL505 is reported at once, so fix-all removes it in one pass', () => {
    const text = `${'<!-- plumbline: disable-next-line PL505 -->\n'.repeat(12)}# 1. Use Postgres\n\n## Status\n\nAccepted\n`;
    assertHolds('adr', text);
    const { result, workspace, document } = lint('adr', text);
    assert.equal(result.diagnostics.filter((d) => d.code === 'PL505').length, 12);
    assert.equal(workspace.fixAll(document).text, '# 1. Use Postgres\n\n## Status\n\nAccepted\n');
  });

  it('a suppression of PL505 still keeps a deliberate suppression of another rule', () => {
    const text = 'FROM python:3.12.7-slim\n# plumbline: disable-next-line PL505\n# plumbline: disable-next-line PL106\nCMD ["python", "app.py"]\n';
    assertHolds('dockerfile', text);
    assert.deepEqual(
      lint('dockerfile', text).result.diagnostics.filter((d) => d.code === 'PL505'),
      [],
    );
    const stale = lint('dockerfile', 'FROM python:3.12.7-slim\n# plumbline: disable-next-line PL505\nCMD ["python", "app.py"]\n').result.diagnostics;
    assert.deepEqual(
      stale.filter((d) => d.code === 'PL505').map((d) => [d.range.start.line, d.message]),
      [[1, 'Unused suppression: PL505 reports nothing here; remove it.']],
    );
  });
});

describe('fuzz findings: globs in .plumbline.yaml', () => {
  for (const [text, line, character, message] of [
    ['ignore: [""]\n', 0, 9, '"ignore" must not contain an empty glob.'],
    ['compose:\n  files: ["", "deploy/*.yml"]\n', 1, 10, '"compose.files" must not contain an empty glob.'],
    ['protected:\n  - ""\n', 1, 4, '"protected" must not contain an empty glob.'],
  ] as const) {
    it(`${JSON.stringify(text)} is a PL504 problem, not an exception that stops the run`, () => {
      assertHolds('config', text);
      const found = lint('config', text).result.diagnostics.filter((d) => d.code === 'PL504');
      assert.deepEqual(
        found.map((d) => [d.range.start.line, d.range.start.character, d.message]),
        [[line, character, message]],
      );
    });
  }

  it('a glob longer than picomatch accepts in "paths.tests" is a PL504 problem and the default test globs stay', () => {
    const glob = '*'.repeat(70_000);
    const text = `paths:\n  tests: ["${glob}"]\nignore: ["${glob}"]\n`;
    assertHolds('config', text);
    const found = lint('config', text).result.diagnostics.filter((d) => d.code === 'PL504');
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.range.start.character, d.message.replace(glob, '<glob>')]),
      [
        [1, 10, 'Invalid glob "<glob>" in "paths.tests": Input length: 70000, exceeds maximum allowed length: 65536'],
        [2, 9, 'Invalid glob "<glob>" in "ignore": Input length: 70000, exceeds maximum allowed length: 65536'],
      ],
    );
  });

  it('an empty glob in a rule option matches nothing instead of failing the rule', () => {
    const root = makeWorkspace({ '.plumbline.yaml': 'rules:\n  PL402:\n    defaultRoots: false\n    roots: ["", "services/*"]\n', 'services/api/main.py': '' });
    try {
      const workspace = new Workspace({ root, registry: builtinRules });
      workspace.index.scan();
      const result = workspace.lint(new SourceDocument(path.join(root, 'services/api/main.py'), ''));
      assert.deepEqual(result.failures, []);
      assert.deepEqual(
        result.diagnostics.filter((d) => d.code === 'PL402').map((d) => d.message),
        ['services/api has no CHANGELOG.md; add one to record its changes.'],
      );
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('fuzz findings: ADR', () => {
  it('a status paragraph of a blank and U+2028 gets a range that does not end before it starts', () => {
    const text = '# 1. Use Postgres\n\n## Status\n \u2028';
    assertHolds('adr', text);
    const status = lint('adr', text).result.diagnostics.find((d) => d.message.startsWith('Unknown ADR status'));
    assert.deepEqual(status?.range, { start: { line: 3, character: 1 }, end: { line: 3, character: 1 } });
  });
});

describe('fuzz findings: keys nested on one line', () => {
  it('"<<: <<: <<: …" in .plumbline.yaml is refused before the parser recurses, whatever the stack depth', () => {
    const text = `rules:\n ${'<<: '.repeat(300)}x\n`;
    const deep = (frames: number): string[] =>
      frames === 0
        ? lint('config', text)
            .result.diagnostics.filter((d) => d.code === 'PL504')
            .map((d) => d.message)
        : deep(frames - 1);
    assert.deepEqual(deep(3000), [
      '.plumbline.yaml is not read, so the defaults apply: it nests deeper than 128 levels of indentation, block markers and keys.',
    ]);
    assertHolds('config', text);
  });
});

describe('fuzz findings: the YAML depth limit and block scalars', () => {
  it('a script in a block scalar may be indented as deep as it likes: its lines are text, not nesting', () => {
    const script = Array.from({ length: 200 }, (_, i) => `      ${' '.repeat(i)}echo ${i}`).join('\n');
    const text = `services:\n  api:\n    image: nginx:1.27\n    command: |\n${script}\n    user: "10001"\n`;
    assertHolds('compose', text);
    assert.deepEqual(
      lint('compose', text).result.diagnostics.filter((d) => d.code === 'PL209'),
      [],
    );
  });
});

describe('paths from the configuration stay in the workspace', () => {
  it('PL501 area and categories must name one folder: "../" is a PL504 problem and the defaults apply to the fix', () => {
    const config = 'rules:\n  PL501:\n    area: "../../../tmp/x"\n    categories: ["deployment", "../../outside"]\n';
    const root = makeWorkspace({ '.plumbline.yaml': config, 'tools/rotate.py': '#!/usr/bin/env python3\nprint(1)\n' });
    try {
      const workspace = new Workspace({ root, registry: builtinRules });
      workspace.index.scan();
      const problems = workspace.lint(new SourceDocument(path.join(root, '.plumbline.yaml'), config)).diagnostics.filter((d) => d.code === 'PL504');
      assert.deepEqual(
        problems.map((d) => [d.range.start.line, d.message]),
        [
          [2, 'Option "area" names a folder under the workspace: one name, without "/", "\\" or "..".'],
          [3, 'Option "categories" names a folder under the workspace: one name, without "/", "\\" or "..".'],
        ],
      );
      const script = workspace.lint(new SourceDocument(path.join(root, 'tools/rotate.py'), '#!/usr/bin/env python3\nprint(1)\n'));
      const targets = script.diagnostics
        .filter((d) => d.code === 'PL501')
        .flatMap((d) => d.fixes ?? [])
        .flatMap((f) => f.workspaceChanges ?? []);
      assert.ok(targets.length > 0);
      for (const change of targets) assert.ok(change.kind === 'rename' && change.to.startsWith(path.join(root, 'scripts/backend/')), JSON.stringify(change));
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('fuzz findings: a Python tree lezer cannot walk', () => {
  it('3,122 unary minus signs among quotes in an if: no PL3xx rule fails, the file counts as one syntax error', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../fixtures/python/lezer-untyped-node.py'), 'utf8');
    assertHolds('python', text);
    const { result } = lint('python', text);
    assert.deepEqual(result.failures, []);
  });
});

describe('fuzz findings: a link reference for a label with brackets', () => {
  it('"## [## [Unreleased]" gets no "Add the link reference" fix, which added a line of text on every pass', () => {
    const text =
      '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2025-04-01\n\n### Changed\n\n- Stable API; no changes since rc.2.\n\n## [1.0.0-rc.2] - 2025-03-20\n\n### Fixed\n\n- Worker shutdown waits for in-flight jobs.\n\n## [1.0.0-rc.1] - 2025-03-10\n\n### Added\n\n- Graceful shutdown on SIGTERM.\n\n## [## [Unreleased]\n 2025-02-27\n\n### Added\n\n- Dead-letter queue.\n\n## [1.0.0-beta.2] - 2025-02-01\n\n### Added\n\n- Job retries with exponential backoff.\n\n## [0.9.0] - 2025-01-15\n\n### Added\n\n- First public preview.\n\n[Unreleased]: https://gitlab.example.com/platform/worker/-/compare/v1.0.0...main\n[1.0.0]: https://gitlab.example.com/platform/worker/-/compare/v1.0.0-rc.2...v1.0.0\n[1.0.0-rc.2]: https://gitlab.example.com/platform/worker/-/compare/v1.0.0-rc.1...v1.0.0-rc.2\n[1.0.0-rc.1]: https://gitlab.example.com/platform/worker/-/compare/v1.0.0-beta.11...v1.0.0-rc.1\n[1.0.0-beta.11]: https://gitlab.example.com/platform/worker/-/compare/v1.0.0-beta.2...v1.0.0-beta.11\n[1.0.0-beta.2]: https://gitlab.example.com/platform/worker/-/compare/v0.9.0...v1.0.0-beta.2\n[0.9.0]: https://gitlab.example.com/platform/worker/-/tags/v0.9.0\n';
    assertHolds('changelog', text);
    const reported = lint('changelog', text).result.diagnostics.find((d) => d.message.startsWith('[## [Unreleased] has no link reference'));
    assert.equal(reported?.code, 'PL401');
    assert.equal(reported.fixes, undefined);
  });
});

describe('fuzz findings: YAML with CR line ends', () => {
  it('a Compose file with lone CR line breaks is read as Compose, not one PL209 per line, and its fixes keep CR', () => {
    const text = 'services:\r  api:\r    image: nginx:1.27\r    privileged: true\r';
    assertHolds('compose', text);
    const { result, workspace, document } = lint('compose', text);
    assert.deepEqual(
      result.diagnostics.filter((d) => d.code === 'PL209'),
      [],
    );
    assert.deepEqual(
      result.diagnostics.filter((d) => d.code === 'PL205').map((d) => d.range),
      [{ start: { line: 3, character: 16 }, end: { line: 3, character: 20 } }],
    );
    assert.ok(!/\n/.test(workspace.fixAll(document).text));
  });

  it('a .plumbline.yaml with lone CR line breaks applies its settings', () => {
    const text = 'rules:\r  PL101: error\r  PL999: warning\r';
    const found = lint('config', text).result.diagnostics.filter((d) => d.code === 'PL504');
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.message]),
      [[2, 'Unknown rule "PL999".']],
    );
  });
});

describe('.adr-dir outside the workspace', () => {
  it('is reported on .plumbline.yaml (PL504) and not used: ADRs are looked for in the conventional folders', () => {
    const root = makeWorkspace({ '.plumbline.yaml': 'rules: {}\n', '.adr-dir': '../../elsewhere/adr\n' });
    try {
      const workspace = new Workspace({ root, registry: builtinRules });
      workspace.index.scan();
      const found = workspace.lint(new SourceDocument(path.join(root, '.plumbline.yaml'), 'rules: {}\n')).diagnostics.filter((d) => d.code === 'PL504');
      assert.deepEqual(
        found.map((d) => [d.range, d.message]),
        [
          [
            { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } },
            '.adr-dir names "../../elsewhere/adr", outside the workspace, so it is not used and ADRs are looked for in the conventional folders (doc/adr, docs/adr, docs/decisions …); set paths.adr to a folder in the workspace.',
          ],
        ],
      );
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('fuzz findings: a link label with a BOM inside', () => {
  it('"## [\\ufeffnreleased]" gets no link-reference fix that CommonMark would not match to it', () => {
    const text =
      '# Changelog\n\n## [Unreleased]\n\n## [\ufeffnreleased] - 2024-01-02\n\n### Added\n\n- x\n\n[unreleased]: https://github.com/a/b/compare/v1.0.0...HEAD\n[1.0.0]: https://github.com/a/b/releases/tag/v1.0.0\n';
    assertHolds('changelog', text);
    for (const diagnostic of lint('changelog', text).result.diagnostics) {
      assert.ok(!(diagnostic.fixes ?? []).some((f) => f.title.startsWith('Add the link reference [\ufeff')), diagnostic.message);
    }
  });
});

describe('fuzz findings: codes in an HTML suppression comment', () => {
  it('are located where they are written (they were 3 characters late), so removing one removes it', () => {
    const text = '<!-- plumbline: disable-next-line PL401 -->\n<!-- plumbline: disable-next-line P- - L401 -->\n';
    assertHolds('changelog', text);
    const unknown = lint('changelog', text).result.diagnostics.filter((d) => d.code === 'PL505' && d.range.start.line === 1);
    assert.deepEqual(
      unknown.map((d) => [d.range.start.character, d.range.end.character, d.message]),
      [
        [34, 36, 'Unknown rule "P-" in suppression; use a code such as PL101 or a rule name.'],
        [37, 38, 'Unknown rule "-" in suppression; use a code such as PL101 or a rule name.'],
        [39, 43, 'Unknown rule "L401" in suppression; use a code such as PL101 or a rule name.'],
      ],
    );
  });
});

describe('fuzz findings: env files', () => {
  it('two stale blanket suppressions in a row are both reported, so removing one leaves no PL505 in its place', () => {
    const text = '# plumbline: disable-next-line\n# plumbline: disable-next-line\nPLAIN=1\n';
    assertHolds('env', text);
    const unused = lint('env', text).result.diagnostics.filter((d) => d.code === 'PL505');
    assert.deepEqual(
      unused.map((d) => d.range.start.line),
      [0, 1],
    );
  });
});

describe('fuzz findings: a link reference PL401 withholds because it would not hold', () => {
  it('"## [U nreleased]" gets no link reference whose URL would have a blank in it', () => {
    const text =
      '# Changelog\n\n## [Unreleased]\n\n## [U nreleased] - 2026-02-01\n\n## [1.0.0] - 2026-01-20\n\n### Changed\n\n- x\n\n[unreleased]: https://github.com/a/b/compare/v1.0.0...HEAD\n[1.0.0]: https://github.com/a/b/compare/v0.9.0...v1.0.0\n';
    assertHolds('changelog', text);
  });

  it('"## [\\u000e0.9.1]" gets no link reference whose URL would hold a control character, which ends a CommonMark destination', () => {
    const text =
      '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-20\n\n### Changed\n\n- Streams.\n\n## [\u000e0.9.1] - 2025-12-15\n\n### Fixed\n\n- Retries.\n\n## [0.9.0] - 2025-12-01\n\n### Added\n\n- First release.\n\n' +
      '[unreleased]: https://example.com/w/compare/v1.0.0...HEAD\n[1.0.0]: https://example.com/w/compare/v0.9.1...v1.0.0\n[0.9.0]: https://example.com/w/releases/tag/v0.9.0\n';
    assertHolds('changelog', text);
    const reported = lint('changelog', text).result.diagnostics.find((d) => d.message.startsWith('[\u000e0.9.1] has no link reference'));
    assert.equal(reported?.code, 'PL401');
    assert.deepEqual(
      [reported.range.start, reported.range.end],
      [
        { line: 10, character: 4 },
        { line: 10, character: 10 },
      ],
    );
    assert.equal(reported.fixes, undefined);
  });
});

describe('fuzz findings: a link reference for a label longer than CommonMark allows', () => {
  const changelog = (label: string) =>
    `# Changelog\n\n## [Unreleased]\n\n## [${label}] - 2026-01-05\n\n### Added\n\n- Request IDs.\n\n## [1.4.0] - 2025-12-20\n\n### Fixed\n\n- Token expiry.\n\n## [1.3.0] - 2025-11-02\n\n### Added\n\n- Pagination.\n\n` +
    `[1.4.0]: https://example.com/app/compare/v1.3.0...v1.4.0\n[1.3.0]: https://example.com/app/releases/tag/v1.3.0\n`;

  it('a label of 1,000 characters gets no "Add the link reference" fix: its definition would be text', () => {
    const label = `${'#'.repeat(995)}1.5.0`;
    const text = changelog(label);
    assertHolds('changelog', text);
    const reported = lint('changelog', text).result.diagnostics.find((d) => d.message.startsWith(`[${label}] has no link reference`));
    assert.equal(reported?.code, 'PL401');
    assert.equal(reported.fixes, undefined);
  });

  it('a label of 999 characters still gets the fix, and it holds', () => {
    const label = `${'#'.repeat(994)}1.5.0`;
    const text = changelog(label);
    assertHolds('changelog', text);
    const fix = lint('changelog', text).result.diagnostics.find((d) => d.message.startsWith(`[${label}] has no link reference`))?.fixes?.[0];
    assert.equal(fix?.title, `Add the link reference [${label}]`);
  });
});

describe('fuzz findings: a link reference for a label with unbalanced parentheses', () => {
  const changelog = (label: string) =>
    `# Changelog\n\n## [Unreleased]\n\n## [${label}] - 2026-01-05\n\n### Added\n\n- Request IDs.\n\n## [1.4.0] - 2025-12-20\n\n### Fixed\n\n- Token expiry.\n\n## [1.3.0] - 2025-11-02\n\n### Added\n\n- Pagination.\n\n` +
    `[Unreleased]: https://example.com/app/compare/v1.5.0...HEAD\n[1.4.0]: https://example.com/app/compare/v1.3.0...v1.4.0\n[1.3.0]: https://example.com/app/releases/tag/v1.3.0\n`;

  it('"## [1.5((.0]" gets no "Add the link reference" fix: its URL would end the definition and swallow the ones below', () => {
    const text = changelog('1.5((.0');
    assertHolds('changelog', text);
    const reported = lint('changelog', text).result.diagnostics.find((d) => d.message.startsWith('[1.5((.0] has no link reference'));
    assert.equal(reported?.code, 'PL401');
    assert.equal(reported.fixes, undefined);
  });

  it('a label whose parentheses balance still gets the fix, and it holds', () => {
    const text = changelog('1.5.0-rc(1)');
    assertHolds('changelog', text);
    const fix = lint('changelog', text).result.diagnostics.find((d) => d.message.startsWith('[1.5.0-rc(1)] has no link reference'))?.fixes?.[0];
    assert.deepEqual(
      fix?.edits.map((edit) => edit.newText),
      ['[1.5.0-rc(1)]: https://example.com/app/compare/v1.4.0...v1.5.0-rc(1)\n'],
    );
  });
});
