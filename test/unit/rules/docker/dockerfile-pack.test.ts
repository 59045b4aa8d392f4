/**
 * The Dockerfile pack as a whole: suppression comments, hostile input, the
 * parse model's ARG substitution and logical lines, and all fixes together.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Copy } from 'dockerfile-ast';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { parseDockerfile, substituteVariables } from '../../../../server/src/languages/dockerfile';
import { fixture } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const root = makeWorkspace({ 'README.md': '# test\n', 'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n' });
after(() => removeWorkspace(root));
const workspace = new Workspace({ root, registry: builtinRules });
workspace.index.scan();

function lint(text: string, name = 'Dockerfile') {
  const result = workspace.lint(new SourceDocument(path.join(root, name), text));
  assert.deepEqual(result.failures, [], 'no rule throws');
  return result.diagnostics.filter((d) => /^PL1|^PL505/.test(d.code));
}

function summary(text: string): string[] {
  return lint(text).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
}

describe('suppression comments in Dockerfiles', () => {
  const compliant = 'FROM python:3.12.7-slim\nUSER app\nHEALTHCHECK NONE\nCMD ["python"]\n';

  it('disable-next-line silences the rule on the next line only', () => {
    assert.deepEqual(summary('# plumbline: disable-next-line PL101\nFROM python:3.12.7-slim\nHEALTHCHECK NONE\nCMD ["python"]\n'), []);
  });

  it('disable-line and rule names work', () => {
    assert.deepEqual(summary('FROM python:3.12.7-slim\nUSER app\nHEALTHCHECK NONE\nCMD python app.py # plumbline: disable-line docker/exec-form\n'), []);
  });

  it('disable-file silences the rule everywhere, and several codes can be listed', () => {
    const text = '# plumbline: disable-file PL102, PL107, PL108\nFROM nginx\nRUN apt-get install -y curl\nUSER 101\nHEALTHCHECK NONE\n';
    assert.deepEqual(summary(text), []);
  });

  it('a suppression that suppresses nothing is reported as PL505 at its code', () => {
    const diagnostics = lint(`# plumbline: disable-next-line PL101\n${compliant}`);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1, d.range.end.character + 1]),
      [['PL505', 1, 32, 37]],
    );
  });
});

describe('hostile and unusual input', () => {
  it('empty, whitespace-only and comment-only files report nothing', () => {
    for (const text of ['', '\n\n', '   \t\n', '# syntax=docker/dockerfile:1\n# escape=\\\n', '# a note\n# another\n']) {
      assert.deepEqual(summary(text), [], JSON.stringify(text));
    }
  });

  it('instructions without FROM, a FROM without image, dangling continuations: no crash', () => {
    for (const text of [
      'RUN apt-get install curl\n',
      'FROM\n',
      'FROM \\\n',
      'FROM alpine:3.20.3\nCMD \\\n',
      'FROM alpine:3.20.3\nRUN "unterminated \'quote\n',
      'FROM alpine:3.20.3\nCMD ["a", \n',
      'FROM alpine:3.20.3\nRUN <<EOF\nno end marker\n',
      'FROM alpine:3.20.3\nRUN $(echo `x\n',
    ]) {
      lint(text);
    }
  });

  it('heredocs: positions after a heredoc body are right', () => {
    const text = 'FROM debian:12.6-slim\nRUN <<EOF\nUSER root\nCMD nonsense\nEOF\nCOPY <<EOF /etc/app.conf\nUSER root\nEOF\nCMD serve\n';
    assert.deepEqual(summary(text), ['1:1 PL101', '1:1 PL103', '9:5 PL106']);
  });

  it('a long realistic Dockerfile lints with every rule', () => {
    const text = fixture('docker/large.Dockerfile');
    const codes = new Set(lint(text).map((d) => d.code));
    assert.deepEqual([...codes].sort(), ['PL101', 'PL102', 'PL105', 'PL106', 'PL107', 'PL108']);
  });

  it('a very long single line does not hang', () => {
    const text = `FROM alpine:3.20.3\nRUN apk add ${Array.from({ length: 5000 }, (_, i) => `pkg${i}=1.0`).join(' ')} \\\n && echo ${'x'.repeat(100_000)}\nUSER app\nHEALTHCHECK NONE\n`;
    assert.deepEqual(summary(text), []);
  });

  it('a heredoc script of 5,000 lines is read without a hang', () => {
    const script = Array.from({ length: 5_000 }, (_, i) => `echo step ${i} >> /log`).join('\n');
    const text = `FROM alpine:3.20.3\nRUN <<EOF\n${script}\napk add curl\nEOF\nUSER app\nHEALTHCHECK NONE\n`;
    assert.deepEqual(summary(text), ['5003:9 PL107']);
  });
});

describe('the parse model', () => {
  it('substitutes variables as the builder does', () => {
    const values: Record<string, string | null> = { A: 'x', EMPTY: '', NODEFAULT: null };
    const lookup = (name: string) => (name in values ? values[name]! : undefined);
    assert.equal(substituteVariables('img:${A}-$A', lookup), 'img:x-x');
    assert.equal(substituteVariables('${EMPTY:-dflt} ${NODEFAULT:-d2} ${MISSING:-d3}', lookup), 'dflt d2 d3');
    assert.equal(substituteVariables('${A:+set}${EMPTY:+never}', lookup), 'set');
    assert.equal(substituteVariables('img:${NODEFAULT}', lookup), undefined);
    assert.equal(substituteVariables('img:$MISSING', lookup), undefined);
    assert.equal(substituteVariables('cost \\$A', lookup), 'cost $A');
  });

  it('stages know their names, parents, resolved images and FROM ranges', () => {
    const model = parseDockerfile(new SourceDocument('/x/Dockerfile', 'ARG V=3.12.7\nFROM python:${V}-slim AS Build\nRUN true\nfrom build\nCMD ["x"]\n'));
    assert.deepEqual(
      model.stages.map((s) => [s.index, s.name, s.resolvedImage, s.parent?.name, s.instructions.map((i) => i.getKeyword()), s.headRange.end.character]),
      [
        [0, 'build', 'python:3.12.7-slim', undefined, ['RUN'], 21],
        [1, undefined, 'build', 'build', ['CMD'], 10],
      ],
    );
    assert.equal(model.finalStage, model.stages[1]);
  });

  it('logical lines drop continuations and the comment lines between them, keeping offsets', () => {
    const text = 'FROM alpine:3.20.3\nRUN apk add \\\n  # the shell\n  bash  \\\n\n  curl\n';
    const document = new SourceDocument('/x/Dockerfile', text);
    const model = parseDockerfile(document);
    const logical = model.logicalArguments(model.stages[0]!.instructions[0]!);
    assert.equal(logical.text, 'apk add   bash    curl');
    const curl = logical.text.indexOf('curl');
    assert.deepEqual(document.positionAt(logical.offsetAt(curl)), { line: 5, character: 2 });
  });

  it('remembered argument tokens come out as a fresh list each call, flags still left out', () => {
    const model = parseDockerfile(new SourceDocument('/x/Dockerfile', 'FROM alpine:3.20.3\nCOPY --chown=app:app src/ /app/\n'));
    const copy = model.stages[0]!.instructions[0]!;
    const first = copy.getArguments();
    assert.deepEqual(
      first.map((argument) => argument.getValue()),
      ['src/', '/app/'],
    );
    first.length = 0;
    assert.deepEqual(
      copy.getArguments().map((argument) => argument.getValue()),
      ['src/', '/app/'],
    );
    assert.equal(copy.getRawArgumentsContent(), 'src/ /app/');
    assert.deepEqual(
      (copy as Copy).getFlags().map((flag) => flag.getName()),
      ['chown'],
    );
    // FROM is first tokenised after the parse, by the model.
    const from = model.stages[0]!.from;
    from.getArguments().length = 0;
    assert.deepEqual(
      from.getArguments().map((argument) => argument.getValue()),
      ['alpine:3.20.3'],
    );
  });
});

describe('the demo workspace Dockerfiles', () => {
  const demo = (service: string) => fs.readFileSync(path.join(__dirname, '../../../../examples/demo-platform/docker', service, 'Dockerfile'), 'utf8');

  it('api is the compliant multi-stage example', () => {
    assert.deepEqual(summary(demo('api')), []);
  });

  it('worker breaks every Dockerfile rule', () => {
    assert.deepEqual(summary(demo('worker')), [
      '4:1 PL101',
      '4:1 PL103',
      '4:6 PL102',
      '5:5 PL105',
      '8:1 PL108',
      '8:42 PL104',
      '8:42 PL107',
      '11:32 PL107',
      '13:5 PL106',
    ]);
  });

  it('billing builds its targets from a shared base and only lacks a HEALTHCHECK', () => {
    assert.deepEqual(summary(demo('billing')), ['25:1 PL103']);
  });
});

describe('all fixes together', () => {
  it('--fix leaves a bad Dockerfile alone: every Dockerfile fix is unsafe', () => {
    const text = 'FROM python:3.12.7-slim\nRUN useradd --create-home app\nEXPOSE 8000\nCMD gunicorn --bind 0.0.0.0:8000 api:app\n';
    const fixed = workspace.fixAll(new SourceDocument(path.join(root, 'Dockerfile'), text));
    assert.equal(fixed.text, text);
    assert.equal(fixed.fixesApplied, 0);
  });

  it('--fix --unsafe-fixes turns a bad Dockerfile into one every fixing rule accepts', () => {
    const text = 'FROM python:3.12.7-slim\nRUN useradd --create-home app\nEXPOSE 8000\nCMD gunicorn --bind 0.0.0.0:8000 api:app\n';
    const fixed = workspace.fixAll(new SourceDocument(path.join(root, 'Dockerfile'), text), { unsafe: true });
    assert.equal(
      fixed.text,
      'FROM python:3.12.7-slim\nRUN useradd --create-home app\nEXPOSE 8000\nUSER app\n' +
        'HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/\', timeout=4)"]\n' +
        'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "api:app"]\n',
    );
    assert.deepEqual(summary(fixed.text), []);
  });
});
