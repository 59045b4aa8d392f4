import * as path from 'node:path';
import type { ChangeSet } from './changes';
import type { ResolvedConfig } from './config';
import { DerivedValues } from './derived';
import { readTextFile, relativePosix, walkFiles } from './fileSystem';
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

export type IndexChange = { type: 'created' | 'changed' | 'deleted'; path: string };

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
  /** What was derived from each file (its facts among it), dropped when the file changes. */
  private readonly factCache = new Map<string, DerivedValues>();
  private readonly listeners = new Set<(changes: readonly IndexChange[]) => void>();
  private revisionCounter = 0;
  private readonly derived = new DerivedValues();
  private derivedRevision = -1;
  private readonly derivedAcrossRevisions = new DerivedValues();
  /** What changed since a git ref, when a front end was given one (`--changed-since`); rules such as PL406 need it. */
  changes: ChangeSet | undefined;

  constructor(
    readonly root: string,
    private readonly configFor: (filePath: string) => ResolvedConfig,
  ) {}

  /** Changes each time a file is added, removed or changed; caches elsewhere may key on it. */
  get revision(): number {
    return this.revisionCounter;
  }

  /**
   * A value computed from the index and kept until the index next changes,
   * for what every file of a directory asks (a directory's summary): computed
   * once per revision instead of once per file, which made a folder of
   * 100,000 files quadratic.
   */
  derive<T>(key: unknown, compute: () => T): T {
    if (this.derivedRevision !== this.revisionCounter) {
      this.derived.clear();
      this.derivedRevision = this.revisionCounter;
    }
    return this.derived.get(key, compute);
  }

  /**
   * A value kept across revisions while the objects it was computed from
   * (`inputs`, compared by identity) stay the same: the ports of every
   * Compose file survive an edit to a Dockerfile, and so do the reports that
   * depend on them.
   */
  deriveWhile<T>(key: unknown, inputs: readonly unknown[], compute: () => T): T {
    return this.derivedAcrossRevisions.getWhile(key, inputs, compute);
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
    for (const relative of walkFiles(this.root, isIgnored)) {
      this.add(path.join(this.root, relative));
    }
    this.revisionCounter++;
    return this;
  }

  files(): IterableIterator<IndexedFile> {
    return this.entries.values();
  }

  get size(): number {
    return this.entries.size;
  }

  file(filePath: string): IndexedFile | undefined {
    return this.entries.get(filePath);
  }

  has(filePath: string): boolean {
    return this.entries.has(filePath);
  }

  filesInDirectory(directory: string): IndexedFile[] {
    return [...(this.byDirectory.get(directory) ?? [])].map((p) => this.entries.get(p)!);
  }

  filesOfKind(kind: FileKind): IndexedFile[] {
    return [...(this.byKind.get(kind) ?? [])].map((p) => this.entries.get(p)!);
  }

  /** The text of a file: the open buffer when there is one, else the file on disk. */
  document(filePath: string, maxSize?: number): SourceDocument | undefined {
    const open = this.overlays.get(filePath);
    if (open) return open;
    const read = readTextFile(filePath, maxSize ?? this.configFor(filePath).maxFileSize);
    return read.ok ? new SourceDocument(filePath, read.text) : undefined;
  }

  /** Facts of every file the provider applies to, computed on first use and cached. */
  facts<T>(provider: FactProvider<T>): Array<FileFacts<T>> {
    const result: Array<FileFacts<T>> = [];
    for (const file of this.entries.values()) {
      if (!provider.appliesTo(file)) continue;
      const facts = this.factsOf(provider, file.path);
      if (facts !== undefined) result.push({ file, facts });
    }
    return result;
  }

  /** Facts of one file, or undefined when it is not indexed, not readable or not covered. */
  factsOf<T>(provider: FactProvider<T>, filePath: string): T | undefined {
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
    const file: IndexedFile = { path: filePath, relativePath, kind };
    this.entries.set(filePath, file);
    const directory = path.dirname(filePath);
    if (!this.byDirectory.has(directory)) this.byDirectory.set(directory, new Set());
    this.byDirectory.get(directory)!.add(filePath);
    if (kind) {
      if (!this.byKind.has(kind)) this.byKind.set(kind, new Set());
      this.byKind.get(kind)!.add(filePath);
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
      this.overlays.delete(filePath);
    }
    return removed;
  }

  private touch(changes: readonly IndexChange[]): void {
    for (const change of changes) this.factCache.delete(change.path);
    this.revisionCounter++;
    for (const listener of this.listeners) listener(changes);
  }
}
