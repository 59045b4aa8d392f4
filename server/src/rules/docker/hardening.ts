import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, isExemptCode, TEST_IMAGE_NOTE } from '../support/exemptCode';
import type { DockerfileModel } from '../../languages/dockerfile';
import { composeBuildsOf, shippedStages } from './support/composeBuilds';
import { initialShell, POSIX_SHELL, shellOf } from './exec-form';
import { packageInstall } from './support/packageInstalls';
import { programName, programWords, runCommands, type ShellCommand } from '../../languages/shell';

const DOWNLOADERS = new Set(['curl', 'wget']);
const INTERPRETERS = /^(?:sh|bash|dash|ash|zsh|ksh|python[0-9.]*|perl|ruby|node)$/;
/** Commands that verify what was downloaded before it runs. */
const VERIFIES = /^(?:sha(?:1|224|256|384|512)sum|shasum|md5sum|b2sum|gpg|gpgv|cosign|minisign)$/;
/** Commands that cannot fail, so a pipe after them loses no exit status. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', 'yes']);
const REMOTE_URL = /^(?:https?|ftp):\/\//i;

/** `chmod` modes that let every user write: octal with a writable "other" digit (not the sticky `1777` of /tmp), `a+w`, `o+rwx` … */
function isWorldWritable(mode: string): boolean {
  const octal = /^0?([0-7]?)([0-7]{3})$/.exec(mode);
  if (octal) {
    const special = Number(octal[1] || '0');
    const other = Number(octal[2]![2]);
    return (other & 2) !== 0 && (special & 1) === 0;
  }
  return mode.split(',').some((clause) => /^(?:[ugo]*[ao][ugo]*)[+=][rwxXst]*w/.test(clause));
}

function startsWithSudo(command: ShellCommand): boolean {
  const first = command.words.find((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.value));
  return first?.value === 'sudo';
}

/**
 * A `--mount=type=cache` on apt's folders keeps the lists out of the layer:
 * its options in any order, `target`, `dst` or `destination`, quoted or not
 * (`--mount=type=cache,target="/var/lib/apt/lists"`).
 */
function cachesAptLists(model: DockerfileModel, instruction: Instruction): boolean {
  return [...model.logicalArguments(instruction).text.matchAll(/--mount=(\S+)/g)].some((mount) => {
    const options = new Map(
      mount[1]!.split(',').map((option) => {
        const [key = '', value = ''] = option.split(/=(.*)/s);
        return [key.toLowerCase(), value.replace(/^(["'])(.*)\1$/, '$2')] as const;
      }),
    );
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '';
    return options.get('type') === 'cache' && /^\/var\/(?:lib|cache)\/apt(?:\/|$)/.test(target);
  });
}

/** `rm -rf /var/lib/apt/lists/*`, or `apt-get dist-clean` (apt 2.7+, Debian trixie), which removes them too. */
function removesAptLists(commands: readonly ShellCommand[]): boolean {
  return commands.some((command) => {
    const words = programWords(command);
    const program = programName(words[0]);
    if ((program === 'apt-get' || program === 'apt') && words.some((word) => word.value === 'dist-clean')) return true;
    return program === 'rm' && words.some((word) => word.value.startsWith('/var/lib/apt/lists'));
  });
}

function disablesRecommends(options: readonly string[]): boolean {
  return options.some((option) => option === '--no-install-recommends' || /Install-Recommends=(?:false|0|no)/i.test(option));
}

/** `set -o pipefail` (or a `set -…o pipefail` combination) earlier in the same RUN. */
function setsPipefail(commands: readonly ShellCommand[]): boolean {
  return commands.some((command) => command.words[0]?.value === 'set' && command.words.some((word) => word.value === 'pipefail'));
}

function shellHasPipefail(shell: readonly string[]): boolean {
  return shell.some((word, i) => word === 'pipefail' && /^-\w*o$/.test(shell[i - 1] ?? ''));
}

/** Whether a pipeline's left side can fail unnoticed: anything but `echo`, `printf` and the like. */
function pipeLosesStatus(commands: readonly ShellCommand[]): boolean {
  return commands.some((command) => command.followedBy === '|' && !CANNOT_FAIL.has(programName(programWords(command)[0])));
}

/** A download whose output is piped, directly or through other commands, into an interpreter. */
function pipesDownloadIntoShell(commands: readonly ShellCommand[]): string | undefined {
  for (let i = 0; i < commands.length; i++) {
    const downloader = programName(programWords(commands[i]!)[0]);
    if (!DOWNLOADERS.has(downloader)) continue;
    for (let j = i; commands[j]?.followedBy === '|'; j++) {
      const next = programName(programWords(commands[j + 1]!)[0]);
      if (VERIFIES.test(next)) break;
      if (INTERPRETERS.test(next)) return `${downloader} … | ${next}`;
    }
  }
  return undefined;
}

function runProblems(model: DockerfileModel, instruction: Instruction, shell: readonly string[], shipped: boolean): string[] {
  const commands = runCommands(model, instruction);
  const problems: string[] = [];
  if (commands.some(startsWithSudo)) problems.push('uses sudo (the build already runs as root; switch users with USER instead)');
  const piped = pipesDownloadIntoShell(commands);
  if (piped) problems.push(`pipes a download into an interpreter (${piped}) unverified; download to a file, check it with sha256sum -c, then run it`);
  for (const command of commands) {
    const words = programWords(command);
    if (programName(words[0]) !== 'chmod') continue;
    const mode = words.slice(1).find((word) => !word.value.startsWith('-'));
    if (mode && isWorldWritable(mode.value)) {
      problems.push(`makes files world-writable (chmod ${mode.value}); grant only the owner or group that needs it`);
      break;
    }
  }
  const aptInstalls = commands.map(packageInstall).filter((install) => install?.manager === 'apt' && install.packages.length > 0);
  if (shipped && aptInstalls.length > 0) {
    if (aptInstalls.some((install) => !disablesRecommends(install!.options))) {
      problems.push('installs apt packages without --no-install-recommends');
    }
    if (!removesAptLists(commands) && !cachesAptLists(model, instruction)) {
      problems.push('leaves the apt package lists in the layer (end the RUN with rm -rf /var/lib/apt/lists/*)');
    }
  }
  if (POSIX_SHELL.test(shell[0] ?? '') && !shellHasPipefail(shell) && !setsPipefail(commands) && pipeLosesStatus(commands)) {
    problems.push(
      'pipes commands under a shell without pipefail, so a failure before the last | goes unnoticed (SHELL ["/bin/bash", "-o", "pipefail", "-c"], or set -o pipefail first)',
    );
  }
  return problems;
}

function addProblem(model: DockerfileModel, instruction: Instruction): string | undefined {
  const flags = /^(?:\s*--\S+)*/.exec(model.logicalArguments(instruction).text)![0];
  if (/--checksum=/.test(flags)) return undefined;
  const source = model.logicalArguments(instruction).text.slice(flags.length).trim().split(/\s+/)[0] ?? '';
  if (!REMOTE_URL.test(source)) return undefined;
  return `downloads ${source} without a checksum; add --checksum=sha256:<digest>, or download it with curl and verify it`;
}

/** The instruction's first line: where its one finding is shown. */
function headRange(model: DockerfileModel, instruction: Instruction) {
  const start = instruction.getRange().start;
  return model.document.lineRange(start.line);
}

export const hardening = defineRule({
  meta: {
    code: 'PL108',
    name: 'docker/hardening',
    summary:
      'RUN or ADD instructions that break container-image hardening practice: sudo, unverified `curl | sh`, remote ADD without a checksum, world-writable chmod, apt installs that keep recommends or lists, pipes without pipefail.',
    severity: 'warning',
    policy: 'Follow established hardening practices for container images.',
    fixable: 'no',
    kinds: ['dockerfile'],
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'dockerfile',
      rationale:
        'Each of these practices either widens what an attacker can do with the image or hides a failed build step. `sudo` in a build that already runs as root only adds a setuid binary to the image. A script piped from the network into a shell runs whatever the server sends that day, unverified; so does `ADD https://…` without `--checksum`. `chmod 777` lets any process in the container rewrite code or configuration. apt\'s recommended packages and its package lists add size and attack surface that nobody asked for. A pipe under `/bin/sh` takes the exit status of its last command, so `curl … | tar -x` "succeeds" after a failed download.' +
        TEST_IMAGE_NOTE,
      bad: `FROM debian:12.6-slim
RUN sudo apt-get update && sudo apt-get install -y curl=7.88.1-10+deb12u8
RUN curl -fsSL https://example.com/install.sh | sh
ADD https://example.com/tool.tar.gz /opt/
RUN chmod -R 777 /app
`,
      good: `FROM debian:12.6-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\
    && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh
ADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /opt/
RUN chown -R app:app /app && chmod -R 750 /app
`,
      peers:
        "Covers hadolint DL3004 (sudo), DL3015 (--no-install-recommends), DL3009 (apt lists) and DL4006 (pipefail), plus three checks hadolint has no rule for: a download piped into an interpreter, a remote `ADD` without BuildKit's `--checksum`, and a world-writable `chmod`. Unlike hadolint, PL108 reports one finding per instruction that names every problem in it; the apt checks judge only stages that end up in a built image (the final stage, or the `build.target` stages of the Compose services that build the Dockerfile, and the stages those build on: a builder or dev-environment stage's layers do not ship) and accept a `--mount=type=cache` on apt's folders instead of removing the lists; a pipe whose left side is only `echo`/`printf` cannot lose a failure and is not reported; `chmod 1777` (the sticky, world-writable `/tmp` convention) is accepted. A download saved to a file and checked (`sha256sum -c`, `gpg --verify`, `cosign`) before it runs is fine; a pipe straight into a shell can never be verified and is always reported. There is no quick fix: each change (dropping recommends, removing lists a later RUN relies on, a different shell) can change what the image contains or how it builds, so none is behaviour-neutral.",
    },
  },
  check(context) {
    if (isExemptCode(context)) return;
    const model = context.parsed;
    const shipped = shippedStages(model, composeBuildsOf(context.index, context.document.path));
    for (const stage of model.stages) {
      let shell = initialShell(model, stage);
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'SHELL') shell = shellOf(model, instruction) ?? shell;
        let problems: string[] = [];
        if (keyword === 'RUN') problems = runProblems(model, instruction, shell, shipped.has(stage));
        else if (keyword === 'ADD') problems = [addProblem(model, instruction)].filter((p): p is string => p !== undefined);
        if (problems.length === 0) continue;
        context.report({
          // Numbered when there are several: each problem's own advice has semicolons of its own.
          message:
            problems.length === 1 ? `This ${keyword} ${problems[0]}.` : `This ${keyword} ${problems.map((problem, i) => `(${i + 1}) ${problem}`).join('; ')}.`,
          range: headRange(model, instruction),
        });
      }
    }
  },
});
