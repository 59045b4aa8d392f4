import { parseCommandArgs } from '../args';
import { parseJobs, runCheck } from '../checkRun';
import { EXIT_INCOMPLETE, EXIT_OK, EXIT_PROBLEMS, UsageError, type CliCommand } from '../command';
import { formats, inChunks, isFormatName } from '../formats';
import { baselineMode, noteBaseline } from './checkBaseline';

const USAGE = `Usage: plumbline check [paths…] [options]

Checks files against your team's engineering policy and prints every problem
found, with the rule that found it. Each path is a file or a directory
(default: the current directory). Directories are searched recursively,
skipping .git, node_modules, virtualenvs, what .gitignore ignores and the
"ignore" globs of .plumbline.yaml. Binary files and files over maxFileSize
(1 MB unless configured) are skipped with a note on stderr.

The workspace root (where configuration and cross-file facts such as the
port registry come from) is the nearest directory at or above the named
paths with a .git or .plumbline.yaml, else the directory named (the current
one when none is); the summary line names it, as does "root" in JSON.

Options:
  --format <format>  text (default): one line per problem and a summary
                     json: one JSON object, for scripts
                     sarif: SARIF 2.1.0, for code-scanning uploads
  --config <file>    Use this configuration file instead of the nearest
                     .plumbline.yaml
  --fix              Apply the safe fixes (they cannot change how the software
                     runs), rewrite the files that change, then report the
                     problems that are left
  --unsafe-fixes     With --fix, apply the unsafe fixes too (USER, healthchecks,
                     exec form, print to logging…: review the diff); also
                     set by "fix: { unsafe: true }" in .plumbline.yaml.
                     Suggestions (stubs to fill in) are only offered in the
                     editor
  --quiet            Report errors only; hide warnings, infos and notes
  --changed-since <ref>
                     Check only the files changed since the git ref (commits
                     since its merge base with HEAD, staged, unstaged and
                     untracked files) and run PL406: a changed component
                     whose CHANGELOG.md gained no entry
  --jobs <n>         Lint on n threads (default: every core); 1 lints in the
                     main thread. The output is the same whatever n is; small
                     runs and --fix always use one thread
  --write-baseline   Accept every current finding of the checked files in
                     .plumbline-baseline.json; later runs report only new ones
  --prune-baseline   Drop fixed findings from .plumbline-baseline.json
  --no-cache         Lint every file afresh and write no result cache
  --cache-location <dir>
                     Keep the result cache in this directory (default:
                     $PLUMBLINE_CACHE_DIR, else .plumbline_cache at the
                     workspace root). A file's stored result is reused
                     while its text, its configuration, Plumbline's build
                     and every other file its rules read are unchanged;
                     --fix runs lint every file afresh
  -h, --help         Show this help

Exit status: 0 when no problem is an error, 1 when one is, 2 for a usage or
configuration error (unknown option, missing path or config file) or when a
rule failed with an internal error, so that problems may be missing.

Examples:
  plumbline check
  plumbline check docker/api/Dockerfile compose.yaml
  plumbline check --fix services/
  plumbline check --fix --unsafe-fixes services/
  plumbline check --format sarif > plumbline.sarif
  plumbline check --changed-since origin/main
  plumbline check --write-baseline
`;

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check files or directories against the policy (default: the current directory).',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('check', args, {
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      fix: { type: 'boolean', default: false },
      'unsafe-fixes': { type: 'boolean' },
      quiet: { type: 'boolean', default: false },
      'changed-since': { type: 'string' },
      'write-baseline': { type: 'boolean', default: false },
      'prune-baseline': { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      jobs: { type: 'string' },
    });
    const format = values.format!;
    if (!isFormatName(format)) {
      throw new UsageError(`plumbline check: unknown format "${format}"; use text, json or sarif.`);
    }
    const jobs = values.jobs === undefined ? undefined : parseJobs(values.jobs);
    const report = await runCheck({
      cwd: io.cwd,
      paths: positionals,
      configFile: values.config,
      fix: values.fix,
      unsafeFixes: values['unsafe-fixes'],
      keepFixes: format === 'sarif',
      baseline: baselineMode(values['write-baseline']!, values['prune-baseline']!),
      changedSince: values['changed-since'],
      cache: values['no-cache'] ? undefined : { location: values['cache-location'] ?? (process.env.PLUMBLINE_CACHE_DIR || undefined) },
      jobs,
    });
    noteBaseline(report, io, values.quiet!);
    if (values.quiet) {
      report.diagnostics = report.diagnostics.filter(({ diagnostic }) => diagnostic.severity === 'error');
    } else {
      for (const { file, reason } of report.skipped) io.stderr(`note: skipped ${file}: ${reason}\n`);
    }
    if (report.cache?.notWritten && !values.quiet) io.stderr(`note: result cache not written: ${report.cache.notWritten}\n`);
    for (const { file, reason } of report.notWritten) io.stderr(`warning: not fixed ${file}: ${reason}; its problems are reported as they are.\n`);
    for (const failure of report.failures) {
      io.stderr(`internal error: rule ${failure.code} failed on ${failure.file}; its problems there are missing.\n${failure.message}\n`);
    }
    for (const chunk of inChunks(formats[format](report, { color: io.color, fix: values.fix, unsafeFixes: values['unsafe-fixes'] }))) {
      // A slow reader (an asynchronous pipe, as on macOS) must not let the whole report pile up in memory.
      if (io.stdout(chunk) === false) await io.drained?.();
    }
    if (report.failures.length > 0) return EXIT_INCOMPLETE;
    return report.diagnostics.some(({ diagnostic }) => diagnostic.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK;
  },
};
