import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from './config';
import type { Diagnostic, FileKind } from './types';
import type { LintResult, Workspace } from './workspace';
import type { IndexReads } from './workspaceIndex';

/** Bumped whenever what an entry holds or how its key is made changes. */
const FORMAT = 'plumbline-result-cache 3';
/** More reads of one kind than this and a lint's result is keyed on the whole workspace instead (see dependenciesOf). */
const MAX_TRACKED_READS = 64;
/** The store's key for the shared read groups: never a path, which is absolute. */
const GROUPS_KEY = '#groups';
export const DEFAULT_CACHE_DIRECTORY = '.plumbline_cache';
const CACHEDIR_TAG =
  'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by Plumbline.\n# For information about cache directory tags see https://bford.info/cachedir/\n';

/**
 * How each recorded read is checked again: the digest it had when the result
 * was stored. Each kind of read is a group (target → digest) kept once in the
 * store and named here by its number: the files of a workspace often read
 * the same files (every script reads every Dockerfile and script), and a
 * copy per file made the store grow with the square of the workspace.
 */
interface Dependencies {
  /** Path → its kind, or absent (`file()`, `has()`). */
  paths?: number;
  /** Directory → digest of its indexed files and their kinds (`filesInDirectory()`). */
  directories?: number;
  /** Kind → digest of the files of that kind (`filesOfKind()`). */
  kinds?: number;
  /** Path → digest of the text rules see (`document()`, `factsOf()`). */
  contents?: number;
  /** Path → whether it exists on disk (`existsOnDisk()`). */
  diskPaths?: number;
  /** Digest of every indexed path and kind (`files()`, `facts()`). */
  listing?: string;
  /** Digest of every indexed file's text (`revision`). */
  everything?: string;
  /** The lint asked for the change set; valid only in runs without one. */
  changes?: true;
}

interface Entry {
  /** The file's own text, path and governing configuration. */
  key: string;
  dependencies: Dependencies;
  kind: FileKind | undefined;
  diagnostics: Diagnostic[];
  skipped?: string;
}

export interface ResultCacheOptions {
  workspace: Workspace;
  /** Where the cache lives: `.plumbline_cache` at the workspace root unless a front end says otherwise. */
  directory: string;
  /** Plumbline's version; a release never reads another release's results. */
  version: string;
  /** Anything else the front end knows that decides findings (editor overrides). */
  salt?: string;
}

export interface ResultCacheStats {
  /** Files whose stored result was reused. */
  hits: number;
  /** Files looked up and not found, or found stale. */
  misses: number;
  /** Results stored this run. */
  stored: number;
}

function digest(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url').slice(0, 32);
}

/** The digest of a file's text that its entry's key is made with: what a thread that linted it sends back for `store`. */
export function textDigest(text: string): string {
  return digest(text);
}

let buildDigest: string | undefined;

/**
 * What distinguishes this build from another of the same version: the
 * bundle's bytes (dist/cli.js, dist/server.js), or when running from the
 * TypeScript sources, their names, sizes and modification times.
 */
function buildFingerprint(): string {
  if (buildDigest) return buildDigest;
  if (!__filename.endsWith('.ts')) return (buildDigest = digest(fs.readFileSync(__filename, 'latin1')));
  const sources = path.resolve(__dirname, '..');
  const listing: string[] = [];
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else {
        const stat = fs.statSync(absolute);
        listing.push(`${absolute}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(sources);
  return (buildDigest = digest(...listing));
}

/**
 * A per-file store of lint results, like Ruff's `.ruff_cache` and ESLint's
 * `--cache`. A result is reused only when the file's text, its
 * configuration, Plumbline's build and everything its rules read from the
 * workspace index (other files' text, presence, directory listings; see
 * `IndexReads`) are what they were when it was stored. Lints that failed,
 * were cancelled or read what no digest describes (git status) are never
 * stored. The store is one file per workspace, replaced atomically, so
 * concurrent runs never see half of one; one that cannot be read or does
 * not verify is ignored.
 */
export class ResultCache {
  readonly stats: ResultCacheStats = { hits: 0, misses: 0, stored: 0 };
  private readonly workspace: Workspace;
  private readonly directory: string;
  private readonly file: string;
  private readonly salt: string;
  /**
   * Entries by path: as read from the store, or as JSON when stored by this
   * run. Serialising at once matters for memory: a rule's message or fix
   * text is often a slice of the file, and V8 keeps a sliced string's whole
   * parent alive, so holding the diagnostics themselves held every file.
   */
  private entries: Map<string, Entry | string>;
  /** Read groups by number (see Dependencies), as JSON, and the number of each. */
  private groups = new Map<number, string>();
  private readonly groupNumbers = new Map<string, number>();
  private nextGroup = 0;
  /** The groups each entry stored by this run names (those read from the store name theirs in `dependencies`). */
  private readonly groupsOfStored = new Map<string, number[]>();
  private changed = false;
  /** Digests computed at one index revision; dropped when the index changes. */
  private memo = new Map<string, string>();
  private memoRevision = -1;

  constructor(options: ResultCacheOptions) {
    this.workspace = options.workspace;
    this.directory = path.resolve(options.directory);
    this.file = path.join(this.directory, `results-${digest(this.workspace.root).slice(0, 16)}.json`);
    this.salt = digest(FORMAT, options.version, buildFingerprint(), this.workspace.root, this.workspace.ruleSetKey(), options.salt ?? '');
    this.entries = this.load();
  }

  /**
   * The stored result of a file, when it is still what a lint of its text
   * (`readText`, undefined when unreadable) would return now. The file is
   * read only when the store has an entry for it: in a cold run the threads
   * that lint the misses are the only ones to read it.
   */
  lookup(filePath: string, readText: () => string | undefined): LintResult | undefined {
    const stored = this.entries.get(filePath);
    const entry = typeof stored === 'string' ? (JSON.parse(stored) as Entry) : stored;
    const text = entry && readText();
    if (entry && text !== undefined && entry.key === this.keyOf(filePath, textDigest(text)) && this.stillHolds(entry.dependencies)) {
      this.stats.hits++;
      return { kind: entry.kind, diagnostics: entry.diagnostics, failures: [], ...(entry.skipped ? { skipped: entry.skipped } : {}) };
    }
    this.stats.misses++;
    return undefined;
  }

  /**
   * Keeps a fresh lint's result with what it read, under the digest of the
   * text it linted (see textDigest): a thread sends that, not the text, so a
   * cold run does not copy every file back to the main thread. A result that
   * cannot be trusted later is dropped instead.
   */
  store(filePath: string, lintedTextDigest: string, result: LintResult, reads: IndexReads): void {
    this.changed = true;
    const storable = result.failures.length === 0 && !result.cancelled && !reads.volatile && !(reads.changes && this.workspace.index.changes);
    if (!storable) {
      this.entries.delete(filePath);
      return;
    }
    const entry: Entry = {
      key: this.keyOf(filePath, lintedTextDigest),
      dependencies: this.dependenciesOf(reads),
      kind: result.kind,
      diagnostics: result.diagnostics,
    };
    if (result.skipped) entry.skipped = result.skipped;
    this.entries.set(filePath, JSON.stringify(entry));
    this.groupsOfStored.set(filePath, groupsOf(entry.dependencies));
    this.stats.stored++;
  }

  /**
   * Writes the store when this run changed it (a temporary file renamed over
   * the old one), with a `.gitignore` and a CACHEDIR.TAG beside it so it is
   * never committed nor backed up. Entries of files no longer indexed are
   * dropped. Returns why it could not be written, when it could not.
   */
  save(): string | undefined {
    if (!this.changed) return undefined;
    const index = this.workspace.index;
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    let handle: number | undefined;
    try {
      fs.mkdirSync(this.directory, { recursive: true });
      this.writeMarker('.gitignore', '# Created by Plumbline: nothing here is ever worth committing.\n*\n');
      this.writeMarker('CACHEDIR.TAG', CACHEDIR_TAG);
      handle = fs.openSync(temporary, 'w');
      fs.writeSync(handle, `${FORMAT}\n${this.salt}\n`);
      // Written entry by entry: one string of the whole store would double what the run holds at its end.
      const checksum = createHash('sha256');
      let separator = '{';
      const write = (key: string, value: string) => {
        const piece = `${separator}${JSON.stringify(key)}:${value}`;
        checksum.update(piece);
        fs.writeSync(handle!, piece);
        separator = ',';
      };
      const named = new Set<number>();
      for (const [filePath, entry] of this.entries) {
        if (!index.has(filePath)) continue;
        write(filePath, typeof entry === 'string' ? entry : JSON.stringify(entry));
        for (const group of typeof entry === 'string' ? this.groupsOfStored.get(filePath)! : groupsOf(entry.dependencies)) named.add(group);
      }
      // Only the groups some entry still names: a group nobody reads any more is dropped.
      write(GROUPS_KEY, `{${[...named].map((group) => `${JSON.stringify(String(group))}:${this.groups.get(group)}`).join(',')}}`);
      const closing = '}';
      checksum.update(closing);
      fs.writeSync(handle, `${closing}\n${checksum.digest('base64url')}`);
      fs.closeSync(handle);
      handle = undefined;
      fs.renameSync(temporary, this.file);
      this.changed = false;
      return undefined;
    } catch (error) {
      if (handle !== undefined) fs.closeSync(handle);
      fs.rmSync(temporary, { force: true });
      return (error as Error).message;
    }
  }

  /** The number of a read group (as JSON), numbering it when it is new. */
  private groupNumber(targets: string): number {
    const known = this.groupNumbers.get(targets);
    if (known !== undefined) return known;
    const group = this.nextGroup;
    this.remember(group, targets);
    return group;
  }

  private remember(group: number, targets: string): void {
    this.nextGroup = Math.max(this.nextGroup, group + 1);
    this.groups.set(group, targets);
    this.groupNumbers.set(targets, group);
  }

  private writeMarker(name: string, text: string): void {
    const target = path.join(this.directory, name);
    if (!fs.existsSync(target)) fs.writeFileSync(target, text);
  }

  /** The stored entries, or none when the store is missing, from another build, or does not verify. */
  private load(): Map<string, Entry | string> {
    try {
      const text = fs.readFileSync(this.file, 'utf8');
      const [format, salt] = text.split('\n', 2);
      const end = text.lastIndexOf('\n');
      if (format !== FORMAT || salt !== this.salt || end <= format.length + salt!.length + 1) return new Map();
      const body = text.slice(format.length + salt!.length + 2, end);
      if (createHash('sha256').update(body).digest('base64url') !== text.slice(end + 1)) return new Map();
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return new Map();
      const { [GROUPS_KEY]: groups, ...entries } = parsed as Record<string, unknown>;
      if (typeof groups !== 'object' || groups === null) return new Map();
      for (const [group, targets] of Object.entries(groups)) this.remember(Number(group), JSON.stringify(targets));
      return new Map(
        Object.entries(entries).filter(
          (entry): entry is [string, Entry] => isEntry(entry[1]) && groupsOf(entry[1].dependencies).every((group) => this.groups.has(group)),
        ),
      );
    } catch {
      return new Map();
    }
  }

  /** The file's own part of the key: its path, its text's digest and the configuration that governs it. */
  private keyOf(filePath: string, fileTextDigest: string): string {
    const config = this.workspace.configFor(filePath).file;
    return digest(filePath, fileTextDigest, config ?? '', config ? this.contentDigest(config) : '', this.globalInputs());
  }

  /**
   * What every file's findings may depend on without a recorded read: every
   * configuration file (nested ones decide test paths and ignores of others)
   * and every `.gitignore` (rules and the walk consult them from disk).
   */
  private globalInputs(): string {
    return this.memoized('global', () => {
      const names: readonly string[] = [...CONFIG_FILE_NAMES, '.gitignore'];
      const inputs = [...this.workspace.index.files()]
        .filter((file) => names.includes(path.basename(file.path)))
        .map((file) => file.path)
        .sort();
      return digest(...inputs.flatMap((file) => [file, this.contentDigest(file)]));
    });
  }

  private dependenciesOf(reads: IndexReads): Dependencies {
    const record = (targets: Iterable<string>, digestOf: (target: string) => string) =>
      this.groupNumber(JSON.stringify(Object.fromEntries([...targets].sort().map((target) => [target, digestOf(target)]))));
    const dependencies: Dependencies = {};
    // A lint that read much of the workspace changes with almost any edit anyway: one digest of the
    // whole listing (or of every indexed text) stands for those reads, so the store stays linear in the workspace.
    const wide = (targets: Set<string>) => targets.size > MAX_TRACKED_READS;
    let { paths, directories, contents } = reads;
    if (wide(paths) || wide(directories)) {
      dependencies.listing = this.listingDigest();
      [paths, directories] = [new Set(), new Set()];
    }
    if (wide(contents)) {
      dependencies.everything = this.everythingDigest();
      // The digest covers indexed files only; a file read from outside the index keeps its own.
      contents = new Set([...contents].filter((target) => !this.workspace.index.has(target)));
    }
    if (paths.size) dependencies.paths = record(paths, (target) => this.presenceDigest(target));
    if (directories.size) dependencies.directories = record(directories, (target) => this.directoryDigest(target));
    if (reads.kinds.size) dependencies.kinds = record(reads.kinds, (target) => this.kindDigest(target as FileKind));
    if (contents.size) dependencies.contents = record(contents, (target) => this.contentDigest(target));
    if (reads.diskPaths.size) dependencies.diskPaths = record(reads.diskPaths, (target) => this.diskDigest(target));
    if (reads.listing) dependencies.listing = this.listingDigest();
    if (reads.everything) dependencies.everything = this.everythingDigest();
    if (reads.changes) dependencies.changes = true;
    return dependencies;
  }

  private stillHolds(dependencies: Dependencies): boolean {
    // A group is checked once per index revision, however many entries name it.
    const holds = (group: number | undefined, digestOf: (target: string) => string) =>
      group === undefined ||
      this.memoized(`group:${group}`, () =>
        Object.entries(JSON.parse(this.groups.get(group)!) as Record<string, string>).every(([target, value]) => digestOf(target) === value)
          ? 'holds'
          : 'stale',
      ) === 'holds';
    return (
      !(dependencies.changes && this.workspace.index.changes) &&
      (dependencies.listing === undefined || dependencies.listing === this.listingDigest()) &&
      (dependencies.everything === undefined || dependencies.everything === this.everythingDigest()) &&
      holds(dependencies.paths, (target) => this.presenceDigest(target)) &&
      holds(dependencies.directories, (target) => this.directoryDigest(target)) &&
      holds(dependencies.kinds, (target) => this.kindDigest(target as FileKind)) &&
      holds(dependencies.diskPaths, (target) => this.diskDigest(target)) &&
      holds(dependencies.contents, (target) => this.contentDigest(target))
    );
  }

  private memoized(key: string, compute: () => string): string {
    const revision = this.workspace.index.revision;
    if (revision !== this.memoRevision) {
      this.memo = new Map();
      this.memoRevision = revision;
    }
    let value = this.memo.get(key);
    if (value === undefined) {
      value = compute();
      this.memo.set(key, value);
    }
    return value;
  }

  private presenceDigest(filePath: string): string {
    const file = this.workspace.index.file(filePath);
    return file ? `indexed:${file.kind ?? ''}` : 'absent';
  }

  private directoryDigest(directory: string): string {
    return this.memoized(`directory:${directory}`, () =>
      digest(
        ...this.workspace.index
          .filesInDirectory(directory)
          .map((file) => `${file.path}:${file.kind ?? ''}`)
          .sort(),
      ),
    );
  }

  private kindDigest(kind: FileKind): string {
    return this.memoized(`kind:${kind}`, () =>
      digest(
        ...this.workspace.index
          .filesOfKind(kind)
          .map((file) => file.path)
          .sort(),
      ),
    );
  }

  private contentDigest(filePath: string): string {
    return this.memoized(`content:${filePath}`, () => {
      const text = this.workspace.index.document(filePath)?.text;
      return text === undefined ? 'unreadable' : digest(text);
    });
  }

  private diskDigest(filePath: string): string {
    return fs.existsSync(filePath) ? 'exists' : 'absent';
  }

  private listingDigest(): string {
    return this.memoized('listing', () => digest(...[...this.workspace.index.files()].map((file) => `${file.path}:${file.kind ?? ''}`).sort()));
  }

  private everythingDigest(): string {
    return this.memoized('everything', () =>
      digest(this.listingDigest(), ...[...this.workspace.index.files()].map((file) => `${file.path}:${this.contentDigest(file.path)}`).sort()),
    );
  }
}

function isEntry(value: unknown): value is Entry {
  const entry = value as Entry;
  return (
    typeof entry === 'object' && entry !== null && typeof entry.key === 'string' && typeof entry.dependencies === 'object' && Array.isArray(entry.diagnostics)
  );
}

/** The read groups an entry names. */
function groupsOf(dependencies: Dependencies): number[] {
  return [dependencies.paths, dependencies.directories, dependencies.kinds, dependencies.contents, dependencies.diskPaths].filter(
    (group): group is number => typeof group === 'number',
  );
}
