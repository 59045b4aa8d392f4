import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { autoFixOf, type BulkFixOptions } from '../engine/edits';
import { readTextFile, relativePosix, walkFiles } from '../engine/fileSystem';
import type { AnyRule } from '../engine/rule';
import { compareOrdinal } from '../engine/ordinal';
import { SourceDocument } from '../engine/sourceDocument';
import type { Diagnostic, FileKind, Fix, FixApplicability } from '../engine/types';
import { DEFAULT_CACHE_DIRECTORY, ResultCache, type ResultCacheStats } from '../engine/resultCache';
import { Workspace } from '../engine/workspace';
import { defaultJobs, InOrder, jobsFromText, lintFiles, rulesFromModule, type FileLint, type LintFilesOptions } from '../parallel/lintPool';
import { builtinRules } from '../rules';
import { BaselineRun, type BaselineMode, type BaselineOutcome } from './baselineRun';
import { packageInfo } from './packageInfo';
import { changeSetFor, findingsForChanges, onlyChanged } from './changedRun';
import { landsInside } from '../workflows/diskChanges';
import { UsageError } from './command';

export interface CheckOptions {
  /** Directory the paths are relative to, and the output's paths too. */
  cwd: string;
  /** Files or directories to check; the cwd when empty. */
  paths: readonly string[];
  /** An explicit configuration file instead of the nearest `.plumbline.yaml`. */
  configFile?: string;
  /** Apply auto-fixes and write the files that change. */
  fix?: boolean;
  /**
   * Count unsafe fixes as fixable, and with `fix` apply them (`--unsafe-fixes`);
   * when omitted, each file's `fix: { unsafe }` setting decides.
   */
  unsafeFixes?: boolean;
  /** The rules to run; every rule when omitted. */
  rules?: readonly AnyRule[];
  /**
   * Keep the fixes that edit only the linted file (SARIF prints them); true
   * when omitted. Text and JSON print none, and dropping them roughly halves
   * what a run over a large tree holds until it ends.
   */
  keepFixes?: boolean;
  /** What to do with `.plumbline-baseline.json` (see baselineRun.ts); it is not read when omitted. */
  baseline?: BaselineMode;
  /** Check only what changed since this git ref (see changedRun.ts), and run PL406 against it. */
  changedSince?: string;
  /**
   * Reuse and store results in the result cache (engine/resultCache.ts), in
   * `location` (relative to the cwd) or `.plumbline_cache` at the workspace
   * root; no cache when omitted. `--fix` runs lint every file afresh.
   */
  cache?: { location?: string };
  /**
   * Threads that lint (`--jobs`); every core when omitted, 1 lints in-process.
   * `fix` runs in-process whatever it says: each file's fixes change the
   * facts the files after it are linted with.
   */
  jobs?: number;
  /** A module whose `rules` export is the rule set, loaded by each worker too (instead of `rules`). */
  rulesModule?: string;
  /** Fewer files per thread than this lint in-process (see lintPool.ts); lower in tests. */
  minFilesPerWorker?: number;
}

/** The fix a diagnostic offers first, as the report names it. */
export interface ReportedFix {
  title: string;
  applicability: FixApplicability | undefined;
}

export interface ReportedDiagnostic {
  /** Path relative to the cwd, `/`-separated. */
  file: string;
  diagnostic: Diagnostic;
  /** This run's `--fix` would fix it (a safe fix, or an unsafe one when unsafe fixes are on). */
  fixable: boolean;
  /** Not `fixable`, but `--unsafe-fixes` would fix it. */
  unsafeFixable?: boolean;
  /** The preferred fix (else the first one), whether or not a bulk fix applies it. */
  fix?: ReportedFix;
}

export interface CheckReport {
  cwd: string;
  root: string;
  /** Files that were linted (had a kind Plumbline checks and were not skipped). */
  filesChecked: number;
  /** Sorted by file, then position, then code. */
  diagnostics: ReportedDiagnostic[];
  /** Files not checked and why (binary, too large, ignored), for stderr. */
  skipped: Array<{ file: string; reason: string }>;
  /** Rules that threw on a file; the run went on without them. */
  failures: Array<{ file: string; code: string; message: string }>;
  /** With `fix`: the files rewritten and how many problems were fixed in each. */
  fixed: Array<{ file: string; fixesApplied: number }>;
  /** With `baseline`: how many findings it hid, and whether the file was written. */
  baseline?: BaselineOutcome;
  /** With `cache`: how many results it gave and took, and why it could not be written, when it could not. */
  cache?: ResultCacheStats & { notWritten?: string };
  /** With `fix`: files whose fixes could not be written, and why; their problems are reported as found. */
  notWritten: Array<{ file: string; reason: string }>;
}

/**
 * Writes a fixed file in place (keeping its mode), through a symlink only to a
 * target inside the workspace. Why it was not written, when it was not.
 */
function writeFixedFile(root: string, filePath: string, text: string): string | undefined {
  if (!landsInside(root, filePath)) return `it leads to ${fs.realpathSync(filePath)}, outside the workspace`;
  try {
    fs.writeFileSync(filePath, text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const WORKSPACE_MARKERS = [...CONFIG_FILE_NAMES, '.git'];

/** The nearest directory at or above `start` holding a `.plumbline.yaml` or `.git`, else `fallback`. */
export function findWorkspaceRoot(start: string, fallback: string): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (WORKSPACE_MARKERS.some((marker) => fs.existsSync(path.join(directory, marker)))) return directory;
    if (path.dirname(directory) === directory) return fallback;
  }
}

/** The deepest directory that holds every one of `directories` (absolute paths). */
function commonDirectory(directories: readonly string[]): string {
  let common = directories[0]!;
  for (const directory of directories.slice(1)) {
    while (common !== directory && !isInside(common, directory) && path.dirname(common) !== common) common = path.dirname(common);
  }
  return common;
}

function statOrUndefined(target: string): fs.Stats | undefined {
  try {
    return fs.statSync(target);
  } catch {
    return undefined;
  }
}

/** Resolves the command line's paths, refusing ones that do not exist. */
function resolveTargets(options: CheckOptions): Array<{ path: string; isDirectory: boolean }> {
  const given = options.paths.length > 0 ? options.paths : ['.'];
  return given.map((target) => {
    const absolute = path.resolve(options.cwd, target);
    const stat = statOrUndefined(absolute);
    if (!stat) throw new UsageError(`plumbline check: no such file or directory: ${target}`);
    return { path: absolute, isDirectory: stat.isDirectory() };
  });
}

function isConfigIgnored(workspace: Workspace, filePath: string): boolean {
  const config = workspace.configFor(filePath);
  return config.isIgnored(relativePosix(config.root, filePath));
}

function isInside(directory: string, filePath: string): boolean {
  const relative = path.relative(directory, filePath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Every file under a directory that the walk keeps. Inside the workspace the
 * index already walked it (honouring every `.gitignore` from the root down);
 * elsewhere the directory is walked on its own.
 */
function filesUnder(workspace: Workspace, directory: string): { files: string[]; unwalked: Map<string, string> } {
  const inWorkspace = directory === workspace.root || isInside(workspace.root, directory);
  const below = (file: string) => directory === workspace.root || isInside(directory, file);
  const unwalked = new Map(inWorkspace ? [...workspace.index.unwalked].filter(([file]) => below(file)) : []);
  const candidates = inWorkspace
    ? [...workspace.index.files()].map((file) => file.path).filter(below)
    : [...walkFiles(directory, undefined, (relative, reason) => unwalked.set(path.join(directory, relative), reason))].map((relative) =>
        path.join(directory, relative),
      );
  return { files: candidates.filter((file) => !isConfigIgnored(workspace, file)), unwalked };
}

function compareDiagnostics(a: ReportedDiagnostic, b: ReportedDiagnostic): number {
  const byFile = a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
  const first = a.diagnostic.range.start;
  const second = b.diagnostic.range.start;
  return byFile || first.line - second.line || first.character - second.character || compareOrdinal(a.diagnostic.code, b.diagnostic.code);
}

/** The fixes an output format can print: those that only edit the linted file (SARIF's `fixes`). */
function documentFixes(fixes: readonly Fix[] | undefined): Fix[] | undefined {
  const kept = fixes?.filter((fix) => fix.edits.length > 0 && !fix.workspaceChanges?.length);
  return kept?.length
    ? kept.map(({ title, applicability, edits, isPreferred }) => ({ title, applicability, edits, ...(isPreferred ? { isPreferred } : {}) }))
    : undefined;
}

/**
 * What the report keeps of a diagnostic until the run ends: everything a
 * format prints, as a compact copy. The copy matters for memory: a rule's
 * message or fix text is often built from slices of the file, and V8 keeps a
 * sliced string's whole parent alive, so holding the originals of 100k
 * diagnostics kept the text of every linted file in memory. A structured
 * clone of a string is a fresh flat string; the plain literals below give
 * every copy the same small shape.
 */
function detached(diagnostic: Diagnostic, keepFixes: boolean): Diagnostic {
  const { start, end } = diagnostic.range;
  // Code, rule name and severity are the rule's own constants, shared rather than copied.
  const copy: Diagnostic = {
    code: diagnostic.code,
    rule: diagnostic.rule,
    severity: diagnostic.severity,
    message: structuredClone(diagnostic.message),
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
  };
  const fixes = keepFixes ? documentFixes(diagnostic.fixes) : undefined;
  if (fixes) copy.fixes = structuredClone(fixes);
  if (diagnostic.related) copy.related = structuredClone(diagnostic.related);
  if (diagnostic.unnecessary) copy.unnecessary = true;
  return copy;
}

/** A linted file's text again, for the baseline's fingerprints (a worker linted it, and keeps its text). */
function documentOnDisk(workspace: Workspace, filePath: string): SourceDocument {
  const read = readTextFile(filePath, workspace.configFor(filePath).maxFileSize);
  if (!read.ok) throw new Error(`${filePath} could not be read again after it was linted: ${read.detail}`);
  return new SourceDocument(filePath, read.text);
}

const BYTE_ORDER_MARK = '\uFEFF';

function hasByteOrderMark(filePath: string): boolean {
  const handle = fs.openSync(filePath, 'r');
  try {
    const head = Buffer.alloc(3);
    const read = fs.readSync(handle, head, 0, 3, 0);
    return read === 3 && head.toString('utf8') === BYTE_ORDER_MARK;
  } finally {
    fs.closeSync(handle);
  }
}

/** How a diagnostic can be fixed, under this run's bulk-fix settings. */
function fixability(diagnostic: Diagnostic, bulk: BulkFixOptions): Pick<ReportedDiagnostic, 'fixable' | 'unsafeFixable' | 'fix'> {
  const fixable = autoFixOf(diagnostic, bulk) !== undefined;
  const result: Pick<ReportedDiagnostic, 'fixable' | 'unsafeFixable' | 'fix'> = { fixable };
  if (!fixable && autoFixOf(diagnostic, { unsafe: true })) result.unsafeFixable = true;
  const offered = diagnostic.fixes?.find((fix) => fix.isPreferred) ?? diagnostic.fixes?.[0];
  if (offered) result.fix = { title: structuredClone(offered.title), applicability: offered.applicability };
  return result;
}

function kindOf(workspace: Workspace, filePath: string): FileKind | undefined {
  const config = workspace.configFor(filePath);
  return workspace.index.file(filePath)?.kind ?? config.classifier.classify(relativePosix(config.root, filePath));
}

/**
 * The files to check: every file under the named directories, the named
 * files, and the configuration files that govern them, so an invalid
 * `.plumbline.yaml` is reported whichever part of the workspace is checked.
 */
function collectFiles(workspace: Workspace, targets: ReturnType<typeof resolveTargets>, configFile: string | undefined) {
  const files = new Set<string>();
  /** Files named on the command line (or by --config): checked or noted, never passed over silently. */
  const named = new Set<string>();
  /** Named directories with nothing to check, worth a note rather than a silent tick. */
  const empty: string[] = [];
  /** Entries of a kind Plumbline checks that the walk could not read as files (a FIFO, a looping link), with why. */
  const unreadable = new Map<string, string>();
  if (configFile) {
    files.add(configFile);
    named.add(configFile);
  }
  for (const target of targets) {
    if (!target.isDirectory) {
      files.add(target.path);
      named.add(target.path);
      continue;
    }
    const found = filesUnder(workspace, target.path);
    if (!found.files.some((file) => kindOf(workspace, file))) empty.push(target.path);
    for (const file of found.files) files.add(file);
    for (const [file, reason] of found.unwalked) if (kindOf(workspace, file) && !isConfigIgnored(workspace, file)) unreadable.set(file, reason);
  }
  for (const file of [...files]) {
    const governing = workspace.configFor(file).file;
    if (governing) files.add(governing);
  }
  return { files, named, empty, unreadable };
}

/** One file's outcome under `--fix`: the lint of what is left, and the text it was fixed from. */
type FixOutcome = FileLint & { document?: SourceDocument; bulk?: BulkFixOptions; fixesApplied?: number; notWritten?: string };

/**
 * Fixes one file and rewrites it when its text changed, then tells the
 * index, so the files after it are linted against the fixed text.
 */
function fixFileOnDisk(workspace: Workspace, filePath: string, unsafeFixes: boolean | undefined): FixOutcome {
  const config = workspace.configFor(filePath);
  const read = readTextFile(filePath, config.maxFileSize);
  if (!read.ok) return { unreadable: read.detail };
  const document = new SourceDocument(filePath, read.text);
  // Taken now: a fixed .plumbline.yaml changes the settings of the files after it, not of this one.
  const bulk: BulkFixOptions = { unsafe: unsafeFixes ?? config.fix.unsafe };
  const fixed = workspace.fixAll(document, bulk);
  if (fixed.text === document.text) return { result: fixed.remaining, document, bulk };
  const notWritten = writeFixedFile(workspace.root, filePath, (hasByteOrderMark(filePath) ? BYTE_ORDER_MARK : '') + fixed.text);
  if (notWritten) return { result: workspace.lint(document), document, bulk, notWritten };
  workspace.index.applyChanges([{ type: 'changed', path: filePath }]);
  return { result: fixed.remaining, document, bulk, fixesApplied: fixed.fixesApplied };
}

function openCache(workspace: Workspace, cwd: string, location: string | undefined): ResultCache {
  const directory = location === undefined ? path.join(workspace.root, DEFAULT_CACHE_DIRECTORY) : path.resolve(cwd, location);
  return new ResultCache({ workspace, directory, version: packageInfo().version });
}

/**
 * As `lintFiles`, with the cache in front: stored results that still hold
 * are taken as they are, the other files are linted (on the pool when they
 * are many) with their reads recorded and stored for the next run. Outcomes
 * reach `onOutcome` in the order of `paths`.
 */
async function lintThroughCache(
  workspace: Workspace,
  paths: readonly string[],
  cache: ResultCache,
  pool: LintFilesOptions,
  onOutcome: (outcome: FileLint, position: number) => void,
): Promise<void> {
  const ready = new InOrder<FileLint>(onOutcome);
  const missed: number[] = [];
  paths.forEach((filePath, position) => {
    const stored = cache.lookup(filePath, () => {
      const read = readTextFile(filePath, workspace.configFor(filePath).maxFileSize);
      return read.ok ? read.text : undefined;
    });
    // A miss goes to the threads, which read the file (and say why, when it cannot be read).
    if (stored) ready.put(position, { result: stored });
    else missed.push(position);
  });
  await lintFiles(
    workspace,
    missed.map((position) => paths[position]!),
    { ...pool, recordReads: true },
    (outcome, index) => {
      const position = missed[index]!;
      if ('recorded' in outcome && outcome.recorded) {
        cache.store(paths[position]!, outcome.recorded.textDigest, outcome.result, outcome.recorded.reads);
        ready.put(position, { result: outcome.result });
      } else {
        ready.put(position, outcome);
      }
    },
  );
}

/** A `--jobs` value: a whole number of threads, at least 1. */
export function parseJobs(value: string): number {
  const jobs = jobsFromText(value);
  if (jobs === undefined) throw new UsageError(`plumbline check: --jobs takes a whole number of threads, 1 or more (got "${value}").`);
  return jobs;
}

/**
 * Runs `plumbline check`: one workspace, one scan, each file linted (and with
 * `fix`, fixed and rewritten when its text changed).
 */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const cwd = path.resolve(options.cwd);
  const targets = resolveTargets(options);
  let configFile: string | undefined;
  if (options.configFile !== undefined) {
    configFile = path.resolve(cwd, options.configFile);
    if (!statOrUndefined(configFile)?.isFile()) {
      throw new UsageError(`plumbline check: configuration file not found: ${options.configFile}`);
    }
  }
  const directories = targets.map((target) => (target.isDirectory ? target.path : path.dirname(target.path)));
  const start = commonDirectory(directories);
  // Without a marker the named directory is the root: neither a parent nobody named nor the cwd.
  const root = findWorkspaceRoot(start, start);
  const rules = options.rules ?? (options.rulesModule === undefined ? undefined : rulesFromModule(options.rulesModule));
  const workspace = new Workspace({ root, registry: builtinRules, configFile, rules });
  workspace.index.scan();
  if (options.changedSince !== undefined) workspace.index.changes = changeSetFor(root, options.changedSince);
  const baseline = options.baseline ? new BaselineRun(root, options.baseline) : undefined;

  const collected = collectFiles(workspace, targets, configFile);
  const { named, empty, unreadable } = collected;
  const files = workspace.index.changes ? onlyChanged(workspace.index, collected.files, workspace.index.changes) : collected.files;
  const report: CheckReport = { cwd, root, filesChecked: 0, diagnostics: [], skipped: [], failures: [], fixed: [], notWritten: [] };
  const display = (filePath: string) => relativePosix(cwd, filePath);
  for (const directory of empty) {
    report.skipped.push({ file: display(directory), reason: 'nothing to check (every file there is ignored or of a kind Plumbline does not check)' });
  }
  for (const [filePath, reason] of [...unreadable].sort(([a], [b]) => compareOrdinal(a, b))) report.skipped.push({ file: display(filePath), reason });
  const linted = [...files].filter((filePath) => named.has(filePath) || kindOf(workspace, filePath));
  const addToReport = (outcome: FixOutcome, position: number) => {
    const filePath = linted[position]!;
    const file = display(filePath);
    if ('unreadable' in outcome) {
      report.skipped.push({ file, reason: outcome.unreadable });
      return;
    }
    if (outcome.notWritten) report.notWritten.push({ file, reason: outcome.notWritten });
    if (outcome.fixesApplied !== undefined) report.fixed.push({ file, fixesApplied: outcome.fixesApplied });
    const { result } = outcome;
    if (!result.kind) {
      report.skipped.push({ file, reason: 'not a kind of file Plumbline checks' });
      return;
    }
    if (result.skipped) {
      report.skipped.push({ file, reason: result.skipped });
      return;
    }
    report.filesChecked++;
    for (const failure of result.failures) report.failures.push({ file, ...failure });
    const changes = workspace.index.changes;
    const found = changes ? findingsForChanges(filePath, result.diagnostics, changes) : result.diagnostics;
    const bulk: BulkFixOptions = outcome.bulk ?? { unsafe: options.unsafeFixes ?? workspace.configFor(filePath).fix.unsafe };
    const kept = baseline ? baseline.take(filePath, () => outcome.document ?? documentOnDisk(workspace, filePath), found) : found;
    for (const diagnostic of kept) {
      report.diagnostics.push({ file, diagnostic: detached(diagnostic, options.keepFixes ?? true), ...fixability(diagnostic, bulk) });
    }
  };
  if (options.fix) {
    linted.forEach((filePath, position) => addToReport(fixFileOnDisk(workspace, filePath, options.unsafeFixes), position));
  } else {
    // Rule objects cannot cross to a worker thread; a run given some stays in-process.
    const setup = options.rules
      ? undefined
      : { root, configFile, changedSince: options.changedSince, rulesModule: options.rulesModule, files: workspace.index.snapshot() };
    const pool: LintFilesOptions = { jobs: options.jobs ?? defaultJobs(), setup, minFilesPerWorker: options.minFilesPerWorker, callerLints: true };
    const cache = options.cache ? openCache(workspace, cwd, options.cache.location) : undefined;
    await (cache ? lintThroughCache(workspace, linted, cache, pool, addToReport) : lintFiles(workspace, linted, pool, addToReport));
    if (cache) report.cache = { ...cache.stats, notWritten: cache.save() };
  }
  report.diagnostics.sort(compareDiagnostics);
  if (baseline) report.baseline = baseline.finish(cwd);
  return report;
}
