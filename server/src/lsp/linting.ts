import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { docsFileName } from '../engine/rule';
import type { SourceDocument } from '../engine/sourceDocument';
import type { CancellationSignal, Diagnostic } from '../engine/types';
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
  /** Left out when the caller said the client already has this result id. */
  items?: LspDiagnostic[];
}

/** What the client already shows for a file: the result id it was last sent, if any. */
export type KnownResultId = (uri: string) => string | undefined;

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

interface CacheEntry {
  generation: number;
  version: number | null;
  resultId: string;
  /** An open buffer's items, compared item by item with the next keystroke's. */
  items?: LspDiagnostic[];
  /** All that is kept of a closed file's items, so that a workspace pass holds no reports. */
  digest?: string;
}

/** An open buffer's findings as the engine gave them, fixes included, for its code actions. */
interface OpenFindings {
  generation: number;
  version: number | undefined;
  diagnostics: readonly Diagnostic[];
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

function digestOf(items: readonly LspDiagnostic[]): string {
  return createHash('sha256').update(JSON.stringify(items)).digest('base64');
}

/**
 * The result id of a file's diagnostics: the previous report's id when the
 * items are the same, else a fresh one. An open buffer's items are compared
 * with the previous ones, which stops at the first difference, where a
 * digest would cost a full serialisation and hash per keystroke; a closed
 * file's are compared by digest, so its items need not be kept.
 */
function cacheEntryOf(items: LspDiagnostic[], open: boolean, previous: CacheEntry | undefined): Omit<CacheEntry, 'generation' | 'version'> {
  if (items.length === 0) return { resultId: EMPTY_RESULT_ID, ...(open ? { items } : {}) };
  const digest = open && !previous?.digest ? undefined : digestOf(items);
  const same = previous?.items ? sameJson(previous.items, items) : previous?.digest !== undefined && previous.digest === digest;
  const resultId = same ? previous!.resultId : RESULT_ID_PREFIX + (++issuedResultIds).toString(36);
  return open ? { resultId, items } : { resultId, digest };
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
 *
 * Reports stay compact: a diagnostic says that it has fixes, not what they
 * are. The fixes of open buffers (the only ones an editor asks code actions
 * for) are kept beside their reports; any other file's are computed again
 * when asked for, so a workspace pass holds no edits.
 */
export class Linter {
  /** Bumped by anything that can change any file's diagnostics. */
  private generation = 0;
  /** Bumped as well by edits in open buffers; open buffers' reports follow it. */
  private bufferGeneration = 0;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly openFindings = new Map<string, OpenFindings>();
  private readonly docsUris = new Map<string, string | undefined>();
  private readonly logged = new Set<string>();
  private readonly conversion = { docsUri: (code: string) => this.docsUri(code) };
  /** Open buffers' findings converted for the client (see openBufferItem); a closed file's are converted once anyway. */
  private readonly openBufferItems = new WeakMap<Diagnostic, LspDiagnostic>();
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

  /**
   * The report of one file: its open buffer when there is one, else the file
   * on disk. Without items when the client already has its result id
   * (`clientHas`) and nothing changed since.
   */
  lintFile(filePath: string, signal: CancellationSignal, clientHas?: string): FileReport | undefined {
    const folder = this.folders.folderFor(filePath);
    const uri = pathToUri(filePath);
    const open = this.folders.openDocument(filePath);
    const version = open?.version ?? null;
    if (!folder.settings.enable) return { uri, version, resultId: EMPTY_RESULT_ID, items: [] };
    const cached = this.cache.get(filePath);
    const generation = open ? this.bufferGeneration : this.generation;
    if (cached && cached.generation === generation && cached.version === version) {
      if (cached.resultId === clientHas) return { uri, version, resultId: cached.resultId };
      if (cached.resultId === EMPTY_RESULT_ID) return { uri, version, resultId: EMPTY_RESULT_ID, items: [] };
      if (cached.items) return { uri, version, resultId: cached.resultId, items: cached.items };
      // A closed file whose items were not kept: lint it again for a client that lacks them.
    }

    const document = open ?? this.readFromDisk(folder, filePath);
    const shown = document ? this.findings(folder, document, signal) : [];
    if (!shown) return undefined;
    if (open) this.openFindings.set(filePath, { generation, version: open.version, diagnostics: shown });
    return this.report(filePath, version, generation, shown, open !== undefined);
  }

  /**
   * An open buffer's finding as the client gets it, converted once: a
   * keystroke's lint hands back the very findings of the statements it did
   * not re-check, so their items are reused, and comparing them with the
   * previous report stops at identity.
   */
  private openBufferItem(diagnostic: Diagnostic): LspDiagnostic {
    let item = this.openBufferItems.get(diagnostic);
    if (!item) {
      item = toLspDiagnostic(diagnostic, this.conversion);
      this.openBufferItems.set(diagnostic, item);
    }
    return item;
  }

  /** The disk generation: a report of a closed file linted elsewhere holds while it is unchanged. */
  get diskGeneration(): number {
    return this.generation;
  }

  /**
   * Whether `lintFile` would lint this file from disk with nothing but the
   * workspace's own data: it is closed, checked, not reported since the last
   * change, and not under a baseline (which needs the text). Such a file can
   * be linted on another thread and handed to `reportOfLinted`.
   */
  lintsFromDisk(filePath: string): boolean {
    const folder = this.folders.folderFor(filePath);
    if (!folder.settings.enable || this.folders.openDocument(filePath) || folder.baseline.covers(filePath)) return false;
    const cached = this.cache.get(filePath);
    return !(cached && cached.generation === this.generation && cached.version === null);
  }

  /**
   * The report of a closed file from a lint of its text on disk done
   * elsewhere (a worker thread) while the disk generation was `generation`;
   * undefined when that lint may be stale (a change since, or the file was
   * opened), so the caller lints in-process instead.
   */
  reportOfLinted(filePath: string, result: LintResult, generation: number): FileReport | undefined {
    if (generation !== this.generation || !this.lintsFromDisk(filePath)) return undefined;
    const shown = this.shownFindings(this.folders.folderFor(filePath), filePath, result);
    return this.report(filePath, null, generation, shown, false);
  }

  /** Converts and caches a file's findings; the result id stays when they did not change. */
  private report(filePath: string, version: number | null, generation: number, shown: readonly Diagnostic[], open: boolean): FileReport {
    const items = shown.map((diagnostic) => (open ? this.openBufferItem(diagnostic) : toLspDiagnostic(diagnostic, this.conversion)));
    const entry: CacheEntry = { generation, version, ...cacheEntryOf(items, open, this.cache.get(filePath)) };
    this.cache.set(filePath, entry);
    return { uri: pathToUri(filePath), version, resultId: entry.resultId, items };
  }

  /**
   * Reports of a batch of files, in order; undefined once cancelled.
   * `lintedElsewhere` gives the reports a worker pool made (see pooledPass.ts).
   */
  lintFiles(
    filePaths: readonly string[],
    signal: CancellationSignal,
    known: KnownResultId,
    lintedElsewhere: (filePath: string, position: number) => FileReport | undefined = () => undefined,
  ): FileReport[] | undefined {
    const reports: FileReport[] = [];
    for (const [position, filePath] of filePaths.entries()) {
      if (signal.isCancellationRequested) return undefined;
      const report = lintedElsewhere(filePath, position) ?? this.lintFile(filePath, signal, known(pathToUri(filePath)));
      if (!report) return undefined;
      reports.push(report);
    }
    return reports;
  }

  /**
   * What the engine reports for a buffer as the editor has it now, fixes
   * included: kept from its last report when that was of this version, else
   * linted again.
   */
  findingsWithFixes(document: SourceDocument): readonly Diagnostic[] {
    const kept = this.openFindings.get(document.path);
    if (kept && kept.generation === this.bufferGeneration && kept.version === document.version) return kept.diagnostics;
    const folder = this.folders.folderFor(document.path);
    if (!folder.settings.enable) return [];
    return this.findings(folder, document, { isCancellationRequested: false }) ?? [];
  }

  /** The buffer of a file was closed: its fixes are no longer asked for. */
  closed(filePath: string): void {
    this.openFindings.delete(filePath);
  }

  /** The diagnostics of a document that the folder's baseline does not accept; undefined when cancelled. */
  private findings(folder: Folder, document: SourceDocument, signal: CancellationSignal): readonly Diagnostic[] | undefined {
    const filePath = document.path;
    let result: LintResult | undefined;
    try {
      result = folder.workspace.lint(document, signal);
    } catch (error) {
      // The engine isolates rules; this is a bug outside them. One file goes unchecked, the server lives on.
      this.logOnce(`crash:${filePath}`, `Checking ${filePath} failed: ${(error as Error)?.stack ?? error}`, true);
    }
    if (result?.cancelled) return undefined;
    return folder.baseline.reported(document, this.shownFindings(folder, filePath, result));
  }

  /** Logs what a lint skipped or what failed in it; its findings, before the baseline, or none when it crashed. */
  private shownFindings(folder: Folder, filePath: string, result: LintResult | undefined): readonly Diagnostic[] {
    if (result?.skipped) this.logOnce(`skip:${filePath}`, `Skipped ${filePath}: ${result.skipped}.`);
    // Once per rule and file kind: a rule that fails on every file of a large workspace must not flood the output.
    for (const failure of result?.failures ?? []) {
      this.logOnce(`fail:${failure.code}:${result?.kind}`, `Rule ${failure.code} failed on ${filePath}; the other rules still ran.\n${failure.message}`, true);
      // A failed rule stays in the status item for the session: its findings are missing somewhere.
      this.setAlert(`fail:${failure.code}`, `Rule ${failure.code} failed; its findings may be missing (see the output)`);
    }
    const config = folder.workspace.configFor(filePath);
    if (config.file && config.problems.length > 0) {
      const summary = config.problems.map((problem) => `  line ${problem.range.start.line + 1}: ${problem.message}`).join('\n');
      this.logOnce(`config:${config.file}:${summary}`, `${config.file} has problems (PL504); the settings they concern keep their defaults:\n${summary}`, true);
      const count = config.problems.length === 1 ? '1 problem' : `${config.problems.length} problems`;
      this.setAlert(`config:${config.file}`, `${path.relative(folder.root, config.file)} has ${count} (PL504); defaults apply to what it concerns`);
    } else if (config?.file) {
      this.setAlert(`config:${config.file}`, undefined);
    }
    return result?.diagnostics ?? [];
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
    this.openFindings.delete(filePath);
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

  /** Through the index, so that a file whose facts were just extracted is not read and parsed again. */
  private readFromDisk(folder: Folder, filePath: string): SourceDocument | undefined {
    const read = folder.workspace.index.read(filePath);
    if (read.ok) return read.document;
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
