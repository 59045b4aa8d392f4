import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { SourceDocument } from '../../engine/sourceDocument';
import type { TextEdit } from '../../engine/types';
import type { FactProvider, WorkspaceIndex } from '../../engine/workspaceIndex';
import { isNamedAsExample } from '../support/exemptCode';

type StrictOption = 'errexit' | 'nounset' | 'pipefail';

interface ShellScriptFacts {
  /** The interpreter the shebang names (`bash`, `sh` …), undefined without a shebang. */
  shell: string | undefined;
  /** Strict options the script turns on itself, with `set` or in its shebang. */
  options: StrictOption[];
  /** What it `source`s or `.`s, as written (quotes removed). */
  sources: string[];
  /** It reads its own arguments outside functions: `$1`, `$#`, `getopts`, `shift` (forwarding `"$@"` is not reading). */
  readsArguments: boolean;
  /** It runs a pipeline, the only thing pipefail changes. */
  hasPipeline: boolean;
  /** It answers `-h`/`--help` or has a usage/help function. */
  hasHelp: boolean;
}

const SHORT_OPTIONS: Record<string, StrictOption> = { e: 'errexit', u: 'nounset' };
const LONG_OPTIONS = new Set<string>(['errexit', 'nounset', 'pipefail']);
const SHELLS_WITH_PIPEFAIL = new Set(['bash', 'zsh', 'ksh', 'mksh']);
const FUNCTION_START = /^(\s*)(?:function\s+[\w:.-]+(?:\s*\(\s*\))?|[\w:.-]+\s*\(\s*\))\s*\{?\s*$/;
const HELP =
  /(?:^|[\s|("'])(?:-h|--help)(?=[\s|)"';]|$)|^\s*(?:function\s+)?_*(?:usage|help|show_help|show_usage|print_help|print_usage)\s*\(\s*\)|^\s*function\s+_*(?:usage|help|show_help|show_usage|print_help|print_usage)\b|\$\{\w+:\?[^}]*usage/im;
const READS_ARGUMENTS = /\$\{?[1-9#]|\bgetopts\b|^\s*shift\b/;
/** A `|` that is not `||` or `|&`, once quoted text is removed. */
const PIPE_ANYWHERE = /(?:^|[^|])\|(?![|&])/m;

/**
 * The script's code with quoted text and comments emptied, read across
 * lines: a `|` in a multi-line `echo "…"` banner is text, not a pipe.
 */
function codeOutsideQuotes(text: string): string {
  let code = '';
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    if (character === '\\') {
      code += text.slice(i, i + 2);
      i++;
    } else if (character === "'" || character === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== character) end += character === '"' && text[end] === '\\' ? 2 : 1;
      code += character + character;
      i = end;
    } else if (character === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else {
      code += character;
    }
  }
  return code;
}

/** The line without its single-quoted text, where the shell expands nothing: `awk '{print $2}'` reads no argument. */
function withoutLiteralText(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, (quoted) => (quoted.startsWith("'") ? "''" : quoted));
}

/** The options a `set` line (or a shebang's flags) turns on: `-euo pipefail`, `-o errexit`, `-Ee`. */
function optionsOf(words: readonly string[]): StrictOption[] {
  const options: StrictOption[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!/^-[A-Za-z]+$/.test(word)) continue;
    for (const flag of word.slice(1)) {
      if (SHORT_OPTIONS[flag]) options.push(SHORT_OPTIONS[flag]!);
      if (flag === 'o' && LONG_OPTIONS.has(words[i + 1] ?? '')) options.push(words[++i] as StrictOption);
    }
  }
  return options;
}

/** The path a `source`/`.` line names, command substitutions reduced to `$D` and quotes removed: `"$(dirname "$0")/_lib.sh"` → `$D/_lib.sh`. */
function sourcedPath(line: string): string | undefined {
  const match = /^\s*(?:source|\.)\s+(.+)$/.exec(line);
  if (!match) return undefined;
  const argument = match[1]!.replace(/\$\((?:[^()]|\([^()]*\))*\)/g, '$D');
  const word = /^(?:"[^"]*"|'[^']*'|[^\s;&|])+/.exec(argument)?.[0];
  return word?.replace(/["']/g, '');
}

/** Lines outside function bodies, comments removed: what runs when the script itself runs. */
function topLevelLines(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let functionEnd: RegExp | undefined;
  for (const line of lines) {
    const code = line.replace(/(^|\s)#.*$/, '');
    if (functionEnd) {
      if (functionEnd.test(code)) functionEnd = undefined;
      continue;
    }
    const start = FUNCTION_START.exec(code);
    if (start) {
      functionEnd = new RegExp(`^${start[1]}\\}\\s*$`);
      continue;
    }
    kept.push(code);
  }
  return kept;
}

function readScript(document: SourceDocument): ShellScriptFacts {
  const lines = document.text.split(/\r?\n/);
  const shebang = lines[0]?.startsWith('#!') ? lines[0] : undefined;
  const shebangWords = shebang?.slice(2).trim().split(/\s+/) ?? [];
  const interpreter = shebangWords.map((word) => path.posix.basename(word)).find((word) => /^(?:ba|z|k|mk|da|a)?sh$/.test(word));
  const options = optionsOf(shebangWords);
  const sources: string[] = [];
  const body = lines.slice(shebang ? 1 : 0);
  for (const line of body) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'set') options.push(...optionsOf(words.slice(1)));
    const sourced = sourcedPath(line);
    if (sourced) sources.push(sourced);
  }
  const topLevel = topLevelLines(body);
  return {
    shell: interpreter,
    options,
    sources,
    readsArguments: topLevel.some((line) => READS_ARGUMENTS.test(withoutLiteralText(line))),
    hasPipeline: PIPE_ANYWHERE.test(codeOutsideQuotes(body.join('\n'))),
    hasHelp: HELP.test(body.join('\n')),
  };
}

export const shellScriptFacts: FactProvider<ShellScriptFacts> = {
  id: 'layout/shell-script',
  appliesTo: (file) => file.kind === 'shell',
  extract: readScript,
};

/**
 * The workspace shell file a `source` line loads: the path as written (after
 * `$(dirname "$0")/`, `$SCRIPT_DIR/` and the like) relative to the script's
 * folder or to the workspace root (scripts are often run from there).
 */
export function sourcedFile(index: WorkspaceIndex, script: string, written: string): string | undefined {
  const relative = written.replace(/^(?:\$\([^)]*\)|\$\{[^}]*\}|\$\w+)\//, '');
  if (relative.includes('$')) return undefined;
  const candidates = [path.resolve(path.dirname(script), relative), path.resolve(index.root, relative)];
  return candidates.find((candidate) => index.file(candidate)?.kind === 'shell');
}

/** Options in effect after the script's own `set` lines and those of the files it sources (a few levels deep). */
function effectiveOptions(index: WorkspaceIndex, script: string, own: ShellScriptFacts, seen = new Set<string>([script])): Set<StrictOption> {
  const options = new Set(own.options);
  if (seen.size > 5) return options;
  for (const written of own.sources) {
    const target = sourcedFile(index, script, written);
    if (!target || seen.has(target)) continue;
    seen.add(target);
    const facts = index.factsOf(shellScriptFacts, target);
    if (facts) for (const option of effectiveOptions(index, target, facts, seen)) options.add(option);
  }
  return options;
}

/** Another workspace script sources this one: it is a library, run under its caller's options and arguments. */
function isSourcedLibrary(index: WorkspaceIndex, file: string): boolean {
  return index
    .facts(shellScriptFacts)
    .some(({ file: other, facts }) => other.path !== file && facts.sources.some((written) => sourcedFile(index, other.path, written) === file));
}

const OPTION_FLAGS: Record<StrictOption, string> = { errexit: '-e', nounset: '-u', pipefail: 'pipefail' };

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The line to start the script with: pipefail only where it is required (a shell that has it, and a pipeline for it to change). */
function setLine(needsPipefail: boolean): string {
  return needsPipefail ? 'set -euo pipefail' : 'set -eu';
}

/** What the line makes stop the script. */
function whatStops(needsPipefail: boolean): string {
  return needsPipefail ? 'a failed command, an unset variable or a failed pipe stage' : 'a failed command or an unset variable';
}

/** An edit that puts a line right after the shebang, even in a one-line file without a final newline. */
function afterShebang(document: SourceDocument, line: string): TextEdit {
  if (document.lineCount > 1) return { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: `${line}${document.eol}` };
  const end = document.lineRange(0).end;
  return { range: { start: end, end }, newText: `${document.eol}${line}${document.eol}` };
}

function isJudged(relativePath: string, scriptsRoot: string): boolean {
  return relativePath.startsWith(`${scriptsRoot}/`) || relativePath === 'deploy.sh';
}

export const scriptStrictMode = defineRule({
  meta: {
    code: 'PL506',
    name: 'layout/script-strict-mode',
    summary:
      'A shell script under the scripts root (or the root `deploy.sh`) without `set -euo pipefail`, or that reads arguments but prints no usage for `-h`/`--help`.',
    severity: 'warning',
    policy: 'Backend automation has proper error handling and parameter validation.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    kinds: ['shell'],
    docs: {
      language: 'bash',
      exampleFile: 'scripts/backend/deployment/rollout.sh',
      rationale:
        'Without `set -e` a deploy script carries on after a failed step and reports success; without `-u` a typo in a variable name expands to nothing (`rm -rf "$BUILD_DIRR/"`); without `pipefail` a failed `curl` in `curl … | tar -x` goes unnoticed. A script that takes arguments but cannot say which (`-h`/`--help`) gets run with the wrong ones.',
      bad: `#!/usr/bin/env bash
environment=$1
kubectl apply -f "deploy/$environment.yaml"
`,
      good: `#!/usr/bin/env bash
set -euo pipefail

usage() { echo "usage: $0 <environment>"; }
case "\${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
esac
kubectl apply -f "deploy/$1.yaml"
`,
      fix: 'Inserts `set -euo pipefail` after the shebang (`set -eu` for `sh`, which has no portable pipefail, and for a script that runs no pipeline). The fix is unsafe: `-u` stops a script that relied on unset variables expanding to nothing, and `-e` one that relied on failing commands being ignored. There is no fix for the missing help: only the author knows the parameters.',
      peers:
        'ShellCheck does not require strict mode; this follows the common "unofficial bash strict mode". Judged: shell scripts with a shebang under the scripts root (`paths.scripts`) and the root `deploy.sh`, except examples shown to users (a name with `example`). `pipefail` is required of bash, zsh and ksh scripts that run a pipeline (it changes nothing else). Options count when set anywhere in the script (`set -e`, `set -o errexit`, combined flags such as `-Eeuo pipefail`, or shebang flags) or in a workspace file it `source`s. A file without a shebang, or one that another workspace script sources, is a library run under its caller\'s options and is not judged. The help check applies only to scripts that read their own arguments outside functions (`$1`, `$#`, `getopts`, `shift`; forwarding `"$@"` to another command is not reading them; nor is a `$2` in single quotes, where the shell expands nothing, as in `awk \'{print $2}\'`); a `usage`/`help` function (`_usage` too), a `-h`/`--help` case arm or test, or a `${1:?usage: …}` parameter check satisfies it.',
    },
  },
  check(context) {
    const { index, document, relativePath } = context;
    if (!isJudged(relativePath, context.config.paths.scripts) || isNamedAsExample(relativePath)) return;
    // The text being linted, not the index's: after a fix the index still holds the text before it.
    const facts = readScript(document);
    if (!facts.shell || isSourcedLibrary(index, document.path)) return;
    const options = effectiveOptions(index, document.path, facts);
    const needsPipefail = SHELLS_WITH_PIPEFAIL.has(facts.shell) && facts.hasPipeline;
    const required: StrictOption[] = ['errexit', 'nounset', ...(needsPipefail ? ['pipefail' as const] : [])];
    const missing = required.filter((option) => !options.has(option));
    const range = document.lineRange(0);
    if (missing.length > 0) {
      const line = setLine(needsPipefail);
      context.report({
        message: `This script runs without ${listed(missing.map((option) => OPTION_FLAGS[option]))}; start it with "${line}" so ${whatStops(needsPipefail)} stops it.`,
        range,
        fixes: [{ title: `Insert "${line}" after the shebang`, edits: [afterShebang(document, line)], isPreferred: true }],
      });
    }
    if (facts.readsArguments && !facts.hasHelp) {
      context.report({
        message:
          'This script reads arguments but prints no usage for -h/--help; add a usage function and a -h|--help case so callers can learn its parameters.',
        range,
      });
    }
  },
});
