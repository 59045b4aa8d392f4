import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangeSet } from './changes';
import type { ResolvedConfig } from './config';
import { DerivedValues } from './derived';
import { readTextFile, relativePosix, walkFiles, type ReadOutcome } from './fileSystem';
import { setNewest } from './maps';
import { SourceDocument } from './sourceDocument';
import type { FileKind } from './types';

export interface IndexedFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the workspace root, `/`-separated. */
  readonly relativePath: string;
  readonly kind: FileKind | undefined;
}

/**
 * A cross-file fact a rule pack keeps in the index: which files carry it and
 * how to read it from one file. The index extracts facts lazily and caches
 * them per file until that file changes.
 */
export interface FactProvider<T> {
  readonly id: string;
  appliesTo(file: IndexedFile): boolean;
  extract(document: SourceDocument, file: IndexedFile): T;
}

export interface FileFacts<T> {
  file: IndexedFile;
  facts: T;
}

/**
 * Facts of some providers for every file they apply to, as plain data that
 * crosses to a worker thread (`exportFacts`, `seedFacts`).
 */
export type SharedFacts = Array<{ id: string; facts: Array<[path: string, facts: unknown]> }>;

export type IndexChange = { type: 'created' | 'changed' | 'deleted'; path: string };

/** A file's document, or why it could not be read. */
export type DocumentRead = { ok: true; document: SourceDocument } | Extract<ReadOutcome, { ok: false }>;

/**
 * What one lint read beyond its own document (see `recordReads`), so that a
 * result cache can tell when that lint's findings may have changed: paths
 * whose presence and kind it asked for, directories it listed, kinds it
 * listed, files whose text or facts it read, paths it probed on disk.
 */
export interface IndexReads {
  paths: Set<string>;
  directories: Set<string>;
  kinds: Set<FileKind>;
  contents: Set<string>;
  diskPaths: Set<string>;
  /** It walked every file (`files()`, `facts()`). */
  listing: boolean;
  /** It asked for the change set (`--changed-since`). */
  changes: boolean;
  /** It keyed something on the whole index (`revision`): every file's text may matter. */
  everything: boolean;
  /** It read state the index cannot describe (git status): its result must not be reused. */
  volatile: boolean;
}

export function emptyReads(): IndexReads {
  return {
    paths: new Set(),
    directories: new Set(),
    kinds: new Set(),
    contents: new Set(),
    diskPaths: new Set(),
    listing: false,
    changes: false,
    everything: false,
    volatile: false,
  };
}

function mergeReads(into: IndexReads, from: IndexReads): void {
  for (const key of ['paths', 'directories', 'kinds', 'contents', 'diskPaths'] as const) {
    for (const value of from[key] as Set<string>) (into[key] as Set<string>).add(value);
  }
  into.listing ||= from.listing;
  into.changes ||= from.changes;
  into.everything ||= from.everything;
  into.volatile ||= from.volatile;
}

/** Documents read from disk kept for the next reads (see recentDiskDocuments). */
const RECENT_DISK_DOCUMENTS = 8;

/**
 * The workspace as rules see it beyond the current document: the file list,
 * the text of open buffers, and facts extracted from other files. It is built
 * once by a scan and then kept current from file events.
 */
export class WorkspaceIndex {
  private readonly entries = new Map<string, IndexedFile>();
  private readonly byDirectory = new Map<string, Set<string>>();
  private readonly byKind = new Map<FileKind, Set<string>>();
  private readonly overlays = new Map<string, SourceDocument>();
  /**
   * The documents read from disk last, most recent last, so that a lint and
   * the facts of its own file share one text and one parse, and so do the
   * providers extracting one file's facts (see extractFacts). Few and held
   * strongly, not through WeakRefs: a WeakRef keeps its target alive to the
   * end of the synchronous job that made it, and a CLI run lints every file
   * in one job, so every text and parse tree read for facts stayed alive to
   * the end of the run (583-634 MB peak over the bench's mixed workspace).
   */
  private readonly recentDiskDocuments = new Map<string, SourceDocument>();
  /** What was derived from each file (its facts among it), dropped when the file changes. */
  private readonly factCache = new Map<string, DerivedValues>();
  private readonly listeners = new Set<(changes: readonly IndexChange[]) => void>();
  private revisionCounter = 0;
  /** Values derived at the current revision, each with what computing it read. */
  private readonly derived = new DerivedValues();
  /** The same for values derived for one object (see deriveFor), held no longer than the object. */
  private derivedByOwner = new WeakMap<object, DerivedValues>();
  private derivedRevision = -1;
  private readonly derivedAcrossRevisions = new DerivedValues();
  private changeSet: ChangeSet | undefined;
  /** Open recordings, innermost last (a derived value records its own reads inside a lint's). */
  private readonly recordings: IndexReads[] = [];
  /** Entries the last scan passed over that a user may take for files (FIFOs, looping or dangling links), with why; for notes. */
  readonly unwalked = new Map<string, string>();

  constructor(
    readonly root: string,
    private readonly configFor: (filePath: string) => ResolvedConfig,
  ) {}

  /** What changed since a git ref, when a front end was given one (`--changed-since`); rules such as PL406 need it. */
  get changes(): ChangeSet | undefined {
    this.note((reads) => (reads.changes = true));
    return this.changeSet;
  }

  set changes(changes: ChangeSet | undefined) {
    this.changeSet = changes;
  }

  /** Changes each time a file is added, removed or changed; caches elsewhere may key on it. */
  get revision(): number {
    // A cache keyed on the revision hides which files it read: count it as reading them all.
    this.note((reads) => (reads.everything = true));
    return this.revisionCounter;
  }

  /**
   * Runs `work` and returns what it read from the index alongside its value:
   * the dependencies a result cache checks before it reuses the result.
   */
  recordReads<T>(work: () => T): { value: T; reads: IndexReads } {
    const reads = emptyReads();
    this.recordings.push(reads);
    try {
      return { value: work(), reads };
    } finally {
      this.recordings.pop();
    }
  }

  /** Whether a path exists on disk, indexed or not (an ignored folder, `.git`), as a recorded read. */
  existsOnDisk(filePath: string): boolean {
    this.note((reads) => reads.diskPaths.add(filePath));
    return fs.existsSync(filePath);
  }

  /** The running lint read something the index cannot track (git status): its result must not be reused. */
  markVolatile(): void {
    this.note((reads) => (reads.volatile = true));
  }

  private note(record: (reads: IndexReads) => void): void {
    const current = this.recordings[this.recordings.length - 1];
    if (current) record(current);
  }

  /**
   * A value computed from the index and kept until the index next changes,
   * for what every file of a directory asks (a directory's summary): computed
   * once per revision instead of once per file, which made a folder of
   * 100,000 files quadratic.
   */
  derive<T>(key: unknown, compute: () => T): T {
    this.dropStaleDerived();
    return this.replayingReads(this.derived.get(key, () => this.recordReads(compute)));
  }

  /**
   * As `derive`, for one object that a lint made (a file's parse): kept
   * until the index next changes or the object is dropped. Kept by the
   * object itself, a workspace pass held the parse of every Compose file
   * it had linted to the pass's end (about 40 MB of the live heap over the
   * bench's mixed workspace).
   */
  deriveFor<T>(owner: object, key: unknown, compute: () => T): T {
    this.dropStaleDerived();
    let values = this.derivedByOwner.get(owner);
    if (!values) {
      values = new DerivedValues();
      this.derivedByOwner.set(owner, values);
    }
    return this.replayingReads(values.get(key, () => this.recordReads(compute)));
  }

  private dropStaleDerived(): void {
    if (this.derivedRevision === this.revisionCounter) return;
    this.derived.clear();
    this.derivedByOwner = new WeakMap();
    this.derivedRevision = this.revisionCounter;
  }

  /**
   * A value kept across revisions while the objects it was computed from
   * (`inputs`, compared by identity) stay the same: the ports of every
   * Compose file survive an edit to a Dockerfile, and so do the reports that
   * depend on them.
   */
  deriveWhile<T>(key: unknown, inputs: readonly unknown[], compute: () => T): T {
    return this.replayingReads(this.derivedAcrossRevisions.getWhile(key, inputs, () => this.recordReads(compute)));
  }

  /** Every lint that uses a derived value depends on what computing it read, not only the first one. */
  private replayingReads<T>(entry: { value: T; reads: IndexReads }): T {
    const { reads } = entry;
    this.note((current) => mergeReads(current, reads));
    return entry.value;
  }

  /** A value computed for one file (indexed or not) and kept until the index reports a change to that file. */
  deriveOfFile<T>(filePath: string, key: unknown, compute: () => T): T {
    let values = this.factCache.get(filePath);
    if (!values) {
      values = new DerivedValues();
      this.factCache.set(filePath, values);
    }
    return values.get(key, compute);
  }

  /** Walks the workspace once, respecting the configuration's ignores and `.gitignore`. */
  scan(): this {
    // Each path is judged by the configuration that governs it, so nested configs' ignores apply too.
    const isIgnored = (relative: string) => {
      const absolute = path.join(this.root, relative);
      const config = this.configFor(absolute);
      return config.isIgnored(relativePosix(config.root, absolute));
    };
    this.unwalked.clear();
    const onUnwalked = (relative: string, reason: string) => this.unwalked.set(path.join(this.root, relative), reason);
    for (const relative of walkFiles(this.root, isIgnored, onUnwalked)) {
      this.add(path.join(this.root, relative));
    }
    this.revisionCounter++;
    return this;
  }

  /**
   * The scanned file list, as plain data that crosses to a worker thread;
   * `restore` there rebuilds the same index without walking or reading
   * anything again. Facts are not part of it (see exportFacts).
   */
  snapshot(): IndexedFile[] {
    return [...this.entries.values()];
  }

  /** Indexes the files of another index's `snapshot`, as its scan found them. */
  restore(files: readonly IndexedFile[]): this {
    for (const file of files) this.addEntry(file);
    this.revisionCounter++;
    return this;
  }

  /**
   * The facts of `providers` for every file they apply to, extracted here
   * once, for `seedFacts` in other threads: without them each worker would
   * extract the whole workspace's facts again.
   */
  exportFacts(providers: ReadonlyArray<FactProvider<unknown>>): SharedFacts {
    this.extractFacts(providers);
    return providers.map((provider) => ({ id: provider.id, facts: this.facts(provider).map(({ file, facts }): [string, unknown] => [file.path, facts]) }));
  }

  /**
   * Extracts the facts of `providers` for every file now, a file at a time,
   * so that each file is read and parsed once for all of them. Asked one
   * provider at a time (`facts`), each would read every file again: the
   * documents kept for reuse are only the last few.
   */
  extractFacts(providers: ReadonlyArray<FactProvider<unknown>>): void {
    for (const file of this.entries.values()) {
      for (const provider of providers) this.factsOf(provider, file.path);
    }
  }

  /** Caches facts another index exported, as if extracted here (the same files on the same disk give the same facts). */
  seedFacts(shared: SharedFacts): void {
    for (const { id, facts } of shared) {
      for (const [filePath, value] of facts) this.deriveOfFile(filePath, id, () => value);
    }
  }

  files(): IterableIterator<IndexedFile> {
    this.note((reads) => (reads.listing = true));
    return this.entries.values();
  }

  get size(): number {
    this.note((reads) => (reads.listing = true));
    return this.entries.size;
  }

  file(filePath: string): IndexedFile | undefined {
    this.note((reads) => reads.paths.add(filePath));
    return this.entries.get(filePath);
  }

  has(filePath: string): boolean {
    this.note((reads) => reads.paths.add(filePath));
    return this.entries.has(filePath);
  }

  filesInDirectory(directory: string): IndexedFile[] {
    this.note((reads) => reads.directories.add(directory));
    return [...(this.byDirectory.get(directory) ?? [])].map((p) => this.entries.get(p)!);
  }

  filesOfKind(kind: FileKind): IndexedFile[] {
    this.note((reads) => reads.kinds.add(kind));
    return [...(this.byKind.get(kind) ?? [])].map((p) => this.entries.get(p)!);
  }

  /** How many files of a kind the index holds: `filesOfKind(kind).length` (the same recorded read) without listing them. */
  countOfKind(kind: FileKind): number {
    this.note((reads) => reads.kinds.add(kind));
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** The text of a file: the open buffer when there is one, else the file on disk. */
  document(filePath: string, maxSize?: number): SourceDocument | undefined {
    const read = this.read(filePath, maxSize);
    return read.ok ? read.document : undefined;
  }

  /** As `document`, with the reason when the file cannot be read. */
  read(filePath: string, maxSize?: number): DocumentRead {
    this.note((reads) => reads.contents.add(filePath));
    const open = this.overlays.get(filePath);
    if (open) return { ok: true, document: open };
    const recent = this.recentDiskDocuments.get(filePath);
    if (recent) return { ok: true, document: recent };
    const read = readTextFile(filePath, maxSize ?? this.configFor(filePath).maxFileSize);
    if (!read.ok) return read;
    const document = new SourceDocument(filePath, read.text);
    setNewest(this.recentDiskDocuments, filePath, document, RECENT_DISK_DOCUMENTS);
    return { ok: true, document };
  }

  /**
   * Facts of every file the provider applies to, each extracted on first use
   * and cached; the list itself is kept until the index changes, since rules
   * ask for it on every lint (a walk of every file per lint made a run
   * quadratic in the workspace's size).
   */
  facts<T>(provider: FactProvider<T>): ReadonlyArray<FileFacts<T>> {
    return this.derive(provider, () => {
      this.note((reads) => (reads.listing = true));
      const result: Array<FileFacts<T>> = [];
      for (const file of this.entries.values()) {
        if (!provider.appliesTo(file)) continue;
        const facts = this.factsOf(provider, file.path);
        if (facts !== undefined) result.push({ file, facts });
      }
      return result;
    });
  }

  /** Facts of one file, or undefined when it is not indexed, not readable or not covered. */
  factsOf<T>(provider: FactProvider<T>, filePath: string): T | undefined {
    this.note((reads) => {
      reads.paths.add(filePath);
      reads.contents.add(filePath);
    });
    const file = this.entries.get(filePath);
    if (!file || !provider.appliesTo(file)) return undefined;
    // index.facts() asks every file on each lint: a kept value is returned without building the closure below.
    const kept = this.factCache.get(filePath)?.peek<T>(provider.id);
    if (kept !== undefined) return kept;
    return this.deriveOfFile(filePath, provider.id, () => {
      const document = this.document(filePath);
      try {
        return document ? provider.extract(document, file) : undefined;
      } catch {
        return undefined; // A file that cannot be read for facts contributes none; its own lint reports why.
      }
    });
  }

  /** An editor buffer now holds this file's text; facts follow the buffer, not the disk. */
  setOpenDocument(document: SourceDocument): void {
    this.overlays.set(document.path, document);
    const isNew = !this.entries.has(document.path);
    if (isNew) this.add(document.path);
    this.touch([{ type: isNew ? 'created' : 'changed', path: document.path }]);
  }

  closeDocument(filePath: string): void {
    if (!this.overlays.delete(filePath)) return;
    this.touch([{ type: 'changed', path: filePath }]);
  }

  /** Applies file-watcher events. Paths under ignored folders are not indexed. */
  applyChanges(changes: readonly IndexChange[]): void {
    const applied: IndexChange[] = [];
    for (const change of changes) {
      if (change.type === 'deleted') {
        const removed = this.removeFileOrFolder(change.path);
        if (removed.length) applied.push(...removed.map((p) => ({ type: 'deleted' as const, path: p })));
        continue;
      }
      if (!this.isIndexable(change.path)) continue;
      if (!this.entries.has(change.path)) this.add(change.path);
      applied.push(change);
    }
    if (applied.length) this.touch(applied);
  }

  onDidChange(listener: (changes: readonly IndexChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  relativePath(filePath: string): string {
    return relativePosix(this.root, filePath);
  }

  /** Whether `paths.tests` of the configuration that governs the file calls it test code. */
  isTestFile(filePath: string): boolean {
    const config = this.configFor(filePath);
    return config.isTestFile(relativePosix(config.root, filePath));
  }

  private isIndexable(filePath: string): boolean {
    const relative = this.relativePath(filePath);
    if (relative.startsWith('..')) return false;
    const segments = relative.split('/');
    if (segments.some((s) => s === '.git' || s === 'node_modules')) return false;
    const config = this.configFor(filePath);
    return !config.isIgnored(relativePosix(config.root, filePath));
  }

  private add(filePath: string): void {
    const relativePath = this.relativePath(filePath);
    const config = this.configFor(filePath);
    const classifier = config.classifier;
    const configRelative = relativePosix(config.root, filePath);
    let kind = classifier.classify(configRelative);
    if (kind === undefined && classifier.needsFirstLine(configRelative)) {
      const document = this.document(filePath);
      kind = document ? classifier.classify(configRelative, document.lineText(0)) : undefined;
    }
    this.addEntry({ path: filePath, relativePath, kind });
  }

  private addEntry(file: IndexedFile): void {
    this.entries.set(file.path, file);
    const directory = path.dirname(file.path);
    if (!this.byDirectory.has(directory)) this.byDirectory.set(directory, new Set());
    this.byDirectory.get(directory)!.add(file.path);
    if (file.kind) {
      if (!this.byKind.has(file.kind)) this.byKind.set(file.kind, new Set());
      this.byKind.get(file.kind)!.add(file.path);
    }
  }

  private removeFileOrFolder(target: string): string[] {
    const prefix = target.endsWith('/') ? target : `${target}/`;
    const removed = [...this.entries.keys()].filter((p) => p === target || p.startsWith(prefix));
    for (const filePath of removed) {
      const file = this.entries.get(filePath)!;
      this.entries.delete(filePath);
      this.byDirectory.get(path.dirname(filePath))?.delete(filePath);
      if (file.kind) this.byKind.get(file.kind)?.delete(filePath);
      this.factCache.delete(filePath);
      this.recentDiskDocuments.delete(filePath);
      this.overlays.delete(filePath);
    }
    return removed;
  }

  private touch(changes: readonly IndexChange[]): void {
    for (const change of changes) {
      this.factCache.delete(change.path);
      this.recentDiskDocuments.delete(change.path);
    }
    this.revisionCounter++;
    for (const listener of this.listeners) listener(changes);
  }
}
