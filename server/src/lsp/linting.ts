import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { docsFileName } from '../engine/rule';
import { readTextFile } from '../engine/fileSystem';
import { SourceDocument } from '../engine/sourceDocument';
import type { CancellationSignal } from '../engine/types';
import type { LintResult } from '../engine/workspace';
import { findRule } from '../rules';
import { pathToUri, toLspDiagnostic } from './convert';
import type { Folder, Folders } from './folders';

export interface FileReport {
  uri: string;
  /** The editor version the diagnostics describe; null for text read from disk. */
  version: number | null;
  /** Equal ids (for one file) mean equal diagnostics: the client already shows the right thing. */
  resultId: string;
  items: LspDiagnostic[];
}

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

interface CacheEntry {
  generation: number;
  version: number | null;
  report: FileReport;
}

/** The result id of "no diagnostics", shared by every clean file. */
export const EMPTY_RESULT_ID = 'empty';

/** Sets this process's result ids apart from those a previous server process gave the same client. */
const RESULT_ID_PREFIX = `${process.pid.toString(36)}.${Date.now().toString(36)}.`;
let issuedResultIds = 0;

/** Structural equality of JSON-like values (what LSP diagnostics are); stops at the first difference. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  if (Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * The result id of a file's diagnostics: the previous report's id when the
 * items are the same, else a fresh one. Comparing with the previous report
 * stops at the first difference (every fix records the buffer version, so an
 * edit usually differs at once), where digesting every item cost a full
 * serialisation and hash per keystroke.
 */
function resultIdOf(items: readonly LspDiagnostic[], previous: FileReport | undefined): string {
  if (items.length === 0) return EMPTY_RESULT_ID;
  if (previous && sameJson(previous.items, items)) return previous.resultId;
  issuedResultIds++;
  return RESULT_ID_PREFIX + issuedResultIds.toString(36);
}

/**
 * Lints files for the language server and caches each file's report. Rules
 * may read other files' facts, so a change to any file on disk, to the
 * configuration or to the settings makes every report stale. Typing in an
 * open buffer makes only the open buffers' reports stale: closed files are
 * re-checked when that buffer is saved or closed, so a workspace of
 * thousands of files is not re-linted on every keystroke. Result ids are
 * kept while a re-lint finds the same diagnostics, so it answers
 * `unchanged`.
 */
export class Linter {
  /** Bumped by anything that can change any file's diagnostics. */
  private generation = 0;
  /** Bumped as well by edits in open buffers; open buffers' reports follow it. */
  private bufferGeneration = 0;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly docsUris = new Map<string, string | undefined>();
  private readonly logged = new Set<string>();
  /** One line per problem the status item shows, by what it is about: a configuration file, a failed rule. */
  private readonly alertsByKey = new Map<string, string>();

  constructor(
    private readonly folders: Folders,
    private readonly docsRoot: string | undefined,
    private readonly logger: Logger,
    /** Called when the alerts change, so the status item can follow. */
    private readonly onAlertsChanged: () => void = () => {},
  ) {}

  /** What the status item must show: configurations with problems, rules that failed (the output has the details). */
  get alerts(): string[] {
    return [...this.alertsByKey.values()];
  }

  /** A file, the configuration or the settings changed: every cached report is stale. */
  invalidate(): void {
    this.generation++;
    this.bufferGeneration++;
  }

  /** An open buffer was edited: the open buffers' reports are stale. */
  invalidateBuffers(): void {
    this.bufferGeneration++;
  }

  /** Changes whenever any report may have changed. */
  get currentGeneration(): number {
    return this.bufferGeneration;
  }

  /** The report of one file: its open buffer when there is one, else the file on disk. */
  lintFile(filePath: string, signal: CancellationSignal): FileReport | undefined {
    const folder = this.folders.folderFor(filePath);
    const uri = pathToUri(filePath);
    const open = this.folders.openDocument(filePath);
    if (!folder.settings.enable) return { uri, version: open?.version ?? null, resultId: EMPTY_RESULT_ID, items: [] };
    const version = open?.version ?? null;
    const cached = this.cache.get(filePath);
    const generation = open ? this.bufferGeneration : this.generation;
    if (cached && cached.generation === generation && cached.version === version) return cached.report;

    const document = open ?? this.readFromDisk(folder, filePath);
    let result: LintResult | undefined;
    try {
      result = document ? folder.workspace.lint(document, signal) : undefined;
    } catch (error) {
      // The engine isolates rules; this is a bug outside them. One file goes unchecked, the server lives on.
      this.logOnce(`crash:${filePath}`, `Checking ${filePath} failed: ${(error as Error)?.stack ?? error}`, true);
    }
    if (result?.cancelled) return undefined;
    if (result?.skipped) this.logOnce(`skip:${filePath}`, `Skipped ${filePath}: ${result.skipped}.`);
    // Once per rule and file kind: a rule that fails on every file of a large workspace must not flood the output.
    for (const failure of result?.failures ?? []) {
      this.logOnce(`fail:${failure.code}:${result?.kind}`, `Rule ${failure.code} failed on ${filePath}; the other rules still ran.\n${failure.message}`, true);
      // A failed rule stays in the status item for the session: its findings are missing somewhere.
      this.setAlert(`fail:${failure.code}`, `Rule ${failure.code} failed; its findings may be missing (see the output)`);
    }
    const config = document ? folder.workspace.configFor(filePath) : undefined;
    if (config?.file && config.problems.length > 0) {
      const summary = config.problems.map((problem) => `  line ${problem.range.start.line + 1}: ${problem.message}`).join('\n');
      this.logOnce(`config:${config.file}:${summary}`, `${config.file} has problems (PL504); the settings they concern keep their defaults:\n${summary}`, true);
      const count = config.problems.length === 1 ? '1 problem' : `${config.problems.length} problems`;
      this.setAlert(`config:${config.file}`, `${path.relative(folder.root, config.file)} has ${count} (PL504); defaults apply to what it concerns`);
    } else if (config?.file) {
      this.setAlert(`config:${config.file}`, undefined);
    }
    const context = { uri, version, docsUri: (code: string) => this.docsUri(code) };
    const shown = result && document ? folder.baseline.reported(document, result.diagnostics) : [];
    const items = shown.map((diagnostic) => toLspDiagnostic(diagnostic, context));
    const report: FileReport = { uri, version, resultId: resultIdOf(items, cached?.report), items };
    this.cache.set(filePath, { generation, version, report });
    return report;
  }

  /** The files `workspace/diagnostic` and the push fallback cover: every indexed file of a known kind. */
  *workspaceFiles(): Generator<string> {
    for (const folder of this.folders.all()) {
      if (!folder.settings.enable || folder.settings.scope !== 'workspace') continue;
      for (const file of folder.workspace.index.files()) if (file.kind) yield file.path;
    }
  }

  forget(filePath: string): void {
    this.cache.delete(filePath);
  }

  /** The `file:` URI of a rule's bundled documentation page, when it exists. */
  docsUri(code: string): string | undefined {
    if (this.docsUris.has(code)) return this.docsUris.get(code);
    const rule = findRule(code);
    const page = rule && this.docsRoot ? path.join(this.docsRoot, docsFileName(rule.meta)) : undefined;
    const uri = page && fs.existsSync(page) ? pathToUri(page) : undefined;
    this.docsUris.set(code, uri);
    return uri;
  }

  private readFromDisk(folder: Folder, filePath: string): SourceDocument | undefined {
    const read = readTextFile(filePath, folder.workspace.configFor(filePath).maxFileSize);
    if (read.ok) return new SourceDocument(filePath, read.text);
    if (read.reason !== 'missing') this.logOnce(`skip:${filePath}`, `Skipped ${filePath}: ${read.detail}.`);
    return undefined;
  }

  private setAlert(key: string, alert: string | undefined): void {
    if (this.alertsByKey.get(key) === alert) return;
    if (alert === undefined) this.alertsByKey.delete(key);
    else this.alertsByKey.set(key, alert);
    this.onAlertsChanged();
  }

  private logOnce(key: string, message: string, isError = false): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    if (isError) this.logger.error(message);
    else this.logger.info(message);
  }
}
