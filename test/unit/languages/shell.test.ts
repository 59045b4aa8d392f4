import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { parseDockerfile } from '../../../server/src/languages/dockerfile';
import { packageInstall } from '../../../server/src/rules/docker/support/packageInstalls';
import { execFormArguments, execFormText, programWords, runCommands, scanShell } from '../../../server/src/languages/shell';

/** Scans the arguments of the Dockerfile's only instruction after FROM. */
function scan(commandLine: string) {
  const text = `FROM alpine:3.20.3\nRUN ${commandLine}\n`;
  const model = parseDockerfile(new SourceDocument('/x/Dockerfile', text));
  const instruction = model.stages[0]!.instructions[0]!;
  return { line: scanShell(model.logicalArguments(instruction)), commands: runCommands(model, instruction), text };
}

const words = (commandLine: string) => scan(commandLine).line.commands.map((command) => command.words.map((word) => word.value));

describe('shell scanner', () => {
  it('splits commands at control operators and keeps quoted operators in words', () => {
    assert.deepEqual(words('a && b || c; d | e & f'), [['a'], ['b'], ['c'], ['d'], ['e'], ['f']]);
    assert.deepEqual(words(`echo "a && b" 'c;d' e\\;f`), [['echo', 'a && b', 'c;d', 'e;f']]);
  });

  it('drops redirections and their targets', () => {
    assert.deepEqual(words('run > out.log 2>&1 < in.txt &>/dev/null x'), [['run', 'x']]);
    assert.deepEqual(words('cat <<EOF'), [['cat']]);
  });

  it('keeps substitutions and variables in their word', () => {
    assert.deepEqual(words('pip install $(cat reqs) `id -u` ${PKG:-x}'), [['pip', 'install', '$(cat reqs)', '`id -u`', '${PKG:-x}']]);
  });

  it('ignores comments', () => {
    assert.deepEqual(words('apk add curl # and nothing else'), [['apk', 'add', 'curl']]);
  });

  it('tells when a line needs a shell', () => {
    const needs = (line: string) => scan(line).line.needsShell;
    for (const line of ['a | b', 'a && b', 'echo $HOME', 'ls *.txt', 'cd ~', 'A=1 run', 'run > x', 'echo "$X"', 'echo $(id)', 'run # note', '(cd /app; run)']) {
      assert.equal(needs(line), true, line);
    }
    for (const line of ['python -m api', `echo 'literal $X'`, 'nginx -g "daemon off;"', 'run --flag=a=b']) {
      assert.equal(needs(line), false, line);
    }
  });

  it('word offsets cover the word as written, quotes included', () => {
    const { line, text } = scan(`pip install "flask==3.0.3" rich`);
    const [flask, rich] = line.commands[0]!.words.slice(2);
    assert.equal(text.slice(flask!.start, flask!.end), '"flask==3.0.3"');
    assert.equal(text.slice(rich!.start, rich!.end), 'rich');
  });

  it('RUN flags are not part of the command; exec-form RUN is one command', () => {
    assert.deepEqual(
      scan('--mount=type=cache,target=/root/.cache pip install x').commands.map((c) => c.words.map((w) => w.value)),
      [['pip', 'install', 'x']],
    );
    assert.deepEqual(
      scan('["apt-get", "install", "-y", "curl"]').commands.map((c) => c.words.map((w) => w.value)),
      [['apt-get', 'install', '-y', 'curl']],
    );
  });

  it('finds the program after assignments and wrappers', () => {
    const [command] = scan('DEBIAN_FRONTEND=noninteractive sudo -E env apt-get install -y x').line.commands;
    assert.equal(programWords(command!)[0]!.value, 'apt-get');
  });
});

describe('exec form', () => {
  it('reads JSON string arrays only', () => {
    assert.deepEqual(execFormArguments(' ["a", "b c"] '), ['a', 'b c']);
    assert.equal(execFormArguments("['a']"), undefined);
    assert.equal(execFormArguments('["a", 1]'), undefined);
    assert.equal(execFormArguments('a b'), undefined);
  });

  it('writes JSON with Dockerfile spacing and escapes', () => {
    assert.equal(execFormText(['echo', 'say "hi"', 'C:\\x']), '["echo", "say \\"hi\\"", "C:\\\\x"]');
  });
});

describe('package installs', () => {
  const install = (line: string) => packageInstall(scan(line).line.commands[0]!);

  it('separates packages from options and their values', () => {
    const apt = install('apt-get -o Acquire::Retries=3 install -y --no-install-recommends -t bookworm-backports curl git=1:2.39')!;
    assert.equal(apt.manager, 'apt');
    assert.equal(apt.subcommand, 'install');
    assert.deepEqual(
      apt.packages.map((w) => w.value),
      ['curl', 'git=1:2.39'],
    );
    assert.deepEqual(apt.options, ['-o=Acquire::Retries=3', '-y', '--no-install-recommends', '-t=bookworm-backports']);
  });

  it('knows pip spellings, requirement files and constraints', () => {
    const pip = install('python3.12 -m pip install -r requirements-dev.txt -c constraints.txt rich')!;
    assert.equal(pip.manager, 'pip');
    assert.deepEqual(pip.requirementFiles, ['requirements-dev.txt']);
    assert.equal(pip.constrained, true);
    assert.deepEqual(
      pip.packages.map((w) => w.value),
      ['rich'],
    );
  });

  it('npm global flags and subcommands', () => {
    assert.equal(install('npm i --location=global pm2')!.global, true);
    assert.equal(install('npm ci')!.subcommand, 'ci');
  });

  it('other subcommands and programs are not installs', () => {
    for (const line of ['apt-get update', 'apk del x', 'pip download x', 'npm run build', 'echo apt-get install x', 'pip']) {
      assert.equal(install(line), undefined, line);
    }
  });
});
