import { relativePosix } from '../engine/fileSystem';
import { Baseline, BaselineError, fingerprintOf } from '../engine/baseline';
import type { SourceDocument } from '../engine/sourceDocument';
import type { Diagnostic } from '../engine/types';
import { UsageError } from './command';

/**
 * What `check` does with `.plumbline-baseline.json`: `apply` hides the
 * findings it accepts, `write` (`--write-baseline`) accepts every current
 * finding of the checked files, `prune` (`--prune-baseline`) drops the
 * accepted findings that are fixed, then applies the rest.
 */
export type BaselineMode = 'apply' | 'write' | 'prune';

export interface BaselineOutcome {
  /** The baseline file, relative to the cwd. */
  file: string;
  /** Findings of this run that the baseline accepts (not reported). */
  baselined: number;
  /** The file was (re)written by this run. */
  written: boolean;
  /** Findings the baseline accepts in all, after the run. */
  accepted: number;
}

/** One `check` run's use of the baseline: filters each file's findings as it is linted, then writes the file when asked. */
export class BaselineRun {
  private readonly baseline: Baseline;
  /** Every finding of the checked files, by absolute path, for write and prune. */
  private readonly found = new Map<string, Array<{ code: string; fingerprint: string }>>();
  private baselined = 0;

  constructor(
    root: string,
    private readonly mode: BaselineMode,
  ) {
    try {
      this.baseline = Baseline.load(root);
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      // A rewrite replaces an unreadable file; anything else must not silently report every accepted finding.
      if (mode !== 'write') throw new UsageError(`plumbline check: ${error.message}`);
      this.baseline = Baseline.empty(root);
    }
  }

  /**
   * The diagnostics of one linted file that the report keeps. Pruning a file
   * keeps at most as many of each finding as the baseline held, which hides
   * exactly what applying the old baseline hides. `linted` gives the text the
   * findings are in, asked for only when fingerprints are needed.
   */
  take(filePath: string, linted: () => SourceDocument, diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
    // Nothing to hide and nothing to record: the text is not read again, nor a fingerprint computed (nor node:crypto loaded).
    if (this.mode !== 'write' && !this.baseline.covers(filePath)) return diagnostics;
    const document = linted();
    const fingerprints = diagnostics.map((diagnostic) => fingerprintOf(document, diagnostic));
    if (this.mode !== 'apply') {
      this.found.set(
        filePath,
        diagnostics.map((diagnostic, index) => ({ code: diagnostic.code, fingerprint: fingerprints[index]! })),
      );
    }
    if (this.mode === 'write') {
      this.baselined += diagnostics.length;
      return [];
    }
    const { reported, baselined } = this.baseline.partition(filePath, diagnostics, fingerprints);
    this.baselined += baselined.length;
    return reported;
  }

  /** Ends the run: writes the file for `write` and `prune`, and says what the baseline did. */
  finish(cwd: string): BaselineOutcome {
    const written = this.mode !== 'apply';
    const current = written ? this.baseline.updated(this.mode, this.found) : this.baseline;
    if (written) current.write();
    return {
      file: relativePosix(cwd, Baseline.filePath(current.root)),
      baselined: this.baselined,
      written,
      accepted: current.size,
    };
  }
}
