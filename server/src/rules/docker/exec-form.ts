import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, isExemptCode, TEST_IMAGE_NOTE } from '../support/exemptCode';
import { stageLineage, type DockerfileModel, type DockerStage } from '../../languages/dockerfile';
import { lastInEffect } from '../support/dockerfileFacts';
import { execFormArguments, execFormText, scanShell } from '../../languages/shell';

const LINUX_SHELL = ['/bin/sh', '-c'];
const WINDOWS_SHELL = ['cmd', '/S', '/C'];
export const POSIX_SHELL = /^(?:.*\/)?(?:sh|bash|dash|ash|zsh|ksh|mksh)$/;

/** Docker's default shell: cmd on Windows base images, /bin/sh elsewhere. */
function defaultShell(stage: DockerStage): string[] {
  const root = stageLineage(stage).pop()!;
  return /windows|nanoserver|servercore/i.test(root.resolvedImage ?? '') ? WINDOWS_SHELL : LINUX_SHELL;
}

export function shellOf(model: DockerfileModel, shellInstruction: Instruction): string[] | undefined {
  const shell = execFormArguments(model.logicalArguments(shellInstruction).text);
  return shell?.length ? shell : undefined;
}

/** The shell a stage starts with: the SHELL its parent stage ends with, else Docker's default. */
export function initialShell(model: DockerfileModel, stage: DockerStage): string[] {
  const inherited = stage.parent ? lastInEffect(stage.parent, 'SHELL') : undefined;
  return (inherited && shellOf(model, inherited)) ?? defaultShell(stage);
}

/**
 * The exec form of a shell-form command line: its words when it needs no
 * shell, else the shell with the line as one argument. A lone command that
 * needs a POSIX shell only for variables, globs or redirects is prefixed with
 * `exec`, so the shell hands PID 1 over to it. Under cmd or PowerShell the
 * quoting rules are not POSIX ones, so the line always stays with its shell.
 */
function execFormOf(model: DockerfileModel, instruction: Instruction, shell: readonly string[]): string | undefined {
  const logical = model.logicalArguments(instruction);
  const line = scanShell(logical);
  if (line.commands.length === 0) return undefined;
  const isPosix = POSIX_SHELL.test(shell[0]!);
  if (isPosix && !line.needsShell) return execFormText(line.commands[0]!.words.map((word) => word.value));
  const commandLine = logical.text.trim();
  const firstWord = line.commands[0]!.words[0]!.value;
  const handsOver = isPosix && !line.hasOperators && firstWord !== 'exec' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(firstWord);
  return execFormText([...shell, handsOver ? `exec ${commandLine}` : commandLine]);
}

export const execForm = defineRule({
  meta: {
    code: 'PL106',
    name: 'docker/exec-form',
    summary: 'Shell-form CMD or ENTRYPOINT.',
    severity: 'warning',
    peerCodes: ['DL3025'],
    policy: 'Containers shut down gracefully: the service is PID 1 and receives SIGTERM.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    kinds: ['dockerfile'],
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'dockerfile',
      rationale:
        'In shell form (`CMD python app.py`) Docker runs `/bin/sh -c "python app.py"`: the shell is PID 1 and does not forward SIGTERM, so `docker stop` and Kubernetes wait out the grace period and then SIGKILL the service — in-flight requests are cut, connections are not drained, shutdown hooks never run. In exec form (`CMD ["python", "app.py"]`) the service itself is PID 1 and receives the signal. A shell-form ENTRYPOINT also ignores CMD and `docker run` arguments.' +
        TEST_IMAGE_NOTE,
      bad: `FROM python:3.12.7-slim
CMD gunicorn --bind 0.0.0.0:8000 api.main:app
`,
      good: `FROM python:3.12.7-slim
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "api.main:app"]
`,
      fix: 'Rewrites the arguments as a JSON array, unquoting shell words and JSON-escaping them. When the line needs a shell — pipes, `&&`, `||`, `;`, redirects, `$VAR`, globs, command substitution, subshells, leading assignments — it becomes `["/bin/sh", "-c", "…"]` (or the SHELL in effect), with `exec` prepended to a lone command so the shell still hands PID 1 to the service. Under a non-POSIX shell (Windows `cmd`, the default on Windows base images, or a PowerShell SHELL) the line is always kept whole with its shell, because its quoting rules differ. An array that is not valid JSON (`CMD [\'python\', \'app.py\']`), which Docker silently runs through a shell as text, is reported with its own message and rewritten with double quotes. Both rewrites are unsafe: the process becomes PID 1 and must handle signals and reap children itself where a shell used to stand in between, so `--fix` applies them only with `--unsafe-fixes`.',
      peers:
        "hadolint DL3025 reports shell-form CMD and ENTRYPOINT; BuildKit's JSONArgsRecommended does the same. Neither offers a fix. PL106 rewrites the instruction, keeping shell semantics where the command needs them.",
    },
  },
  check(context) {
    if (isExemptCode(context)) return;
    const model = context.parsed;
    for (const stage of model.stages) {
      // Shell-form commands ran under the SHELL in effect where they stand; the rewrite keeps it.
      let shell = initialShell(model, stage);
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'SHELL') shell = shellOf(model, instruction) ?? shell;
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
        const range = instruction.getArgumentsRange();
        const text = model.logicalArguments(instruction).text.trim();
        if (!range || text === '' || execFormArguments(text)) continue;
        if (text.startsWith('[')) {
          // Meant as exec form, but Docker only accepts a JSON array of double-quoted strings.
          const repaired = execFormArguments(text.replace(/'/g, '"'));
          context.report({
            message: `${keyword} looks like exec form but is not a JSON array of double-quoted strings, so Docker runs it through a shell as text; fix the JSON.`,
            range,
            fixes: repaired ? [{ title: `Write ${keyword} as valid JSON`, edits: [{ range, newText: execFormText(repaired) }], isPreferred: true }] : [],
          });
          continue;
        }
        const replacement = execFormOf(model, instruction, shell);
        context.report({
          message: `Shell-form ${keyword} runs its command through a shell, so the service is not PID 1 and never receives SIGTERM; write it in JSON exec form.`,
          range,
          fixes: replacement ? [{ title: `Rewrite ${keyword} in exec form`, edits: [{ range, newText: replacement }], isPreferred: true }] : [],
        });
      }
    }
  },
});
