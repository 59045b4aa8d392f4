import type { ChangeSet } from '../engine/changes';
import { Baseline, BaselineError, fingerprintOf } from '../engine/baseline';
import type { SourceDocument } from '../engine/sourceDocument';
import type { Diagnostic } from '../engine/types';
import { changesSince, GitError } from '../workflows/gitChanges';

const NO_FILES: ReadonlySet<string> = new Set();

/**
 * A folder's `.plumbline-baseline.json`, read on first use and again after
 * the file changes on disk. The editor hides the findings it accepts, as
 * `plumbline check` does, so the Problems panel and CI agree.
 */
export class FolderBaseline {
  private loaded: Baseline | undefined;

  constructor(
    private readonly root: string,
    private readonly logError: (message: string) => void,
  ) {}

  get filePath(): string {
    return Baseline.filePath(this.root);
  }

  /** The file changed on disk: read it again when next needed. */
  reload(): void {
    this.loaded = undefined;
  }

  /** Whether the baseline accepts findings in this file (and so needs its text to tell which). */
  covers(filePath: string): boolean {
    return this.baseline().covers(filePath);
  }

  /** The diagnostics of a document that the baseline does not accept. */
  reported(document: SourceDocument, diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
    const baseline = this.baseline();
    if (!baseline.covers(document.path)) return diagnostics;
    const fingerprints = diagnostics.map((diagnostic) => fingerprintOf(document, diagnostic));
    return baseline.partition(document.path, diagnostics, fingerprints).reported;
  }

  private baseline(): Baseline {
    if (!this.loaded) {
      try {
        this.loaded = Baseline.load(this.root);
      } catch (error) {
        if (!(error instanceof BaselineError)) throw error;
        // Every finding shows until the file is fixed: hiding them on a broken baseline would hide new ones too.
        this.logError(`Ignoring the baseline: ${error.message}`);
        this.loaded = Baseline.empty(this.root);
      }
    }
    return this.loaded;
  }
}

/**
 * `plumbline.changedSince`: the folder's changes since a git ref, for PL406.
 * git is asked again on first use after the watcher reports any change in
 * the folder (a save, a new or deleted file); typing does not ask it. A
 * commit or checkout only touches .git, which re-checks nothing, so it shows
 * at the next such change.
 */
export class FolderChanges implements ChangeSet {
  private current: ChangeSet | undefined;

  constructor(
    private readonly root: string,
    readonly ref: string,
    private readonly logError: (message: string) => void,
  ) {}

  get files(): ReadonlySet<string> {
    return this.resolve().files;
  }

  textAtBase(filePath: string): string | undefined {
    return this.resolve().textAtBase(filePath);
  }

  /** Something changed on disk: ask git again when next needed. */
  reload(): void {
    this.current = undefined;
  }

  private resolve(): ChangeSet {
    if (!this.current) {
      try {
        this.current = changesSince(this.root, this.ref);
      } catch (error) {
        if (!(error instanceof GitError)) throw error;
        this.logError(`plumbline.changedSince: ${error.message}; PL406 reports nothing until that is fixed.`);
        this.current = { ref: this.ref, files: NO_FILES, textAtBase: () => undefined };
      }
    }
    return this.current;
  }
}
