/**
 * The engine's vocabulary. Nothing here knows about LSP or VS Code: positions
 * are 0-based lines and UTF-16 columns (JavaScript string indices), which is
 * what LSP uses too, so the front ends convert nothing but the base.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** The less severe of two severities. */
export function lowerSeverity(a: Severity, b: Severity | undefined): Severity {
  return b !== undefined && SEVERITY_RANK[b] < SEVERITY_RANK[a] ? b : a;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A change outside the linted document. Paths are absolute file-system paths. */
export type WorkspaceChange =
  | { kind: 'edit'; path: string; edits: TextEdit[] }
  /** Creates a file; front ends must refuse to overwrite an existing one. */
  | { kind: 'create'; path: string; content: string }
  /** Moves a file; front ends must refuse to overwrite an existing target. */
  | { kind: 'rename'; from: string; to: string };

/**
 * How far a fix can be trusted, as Ruff's fix applicability: `safe` cannot
 * change how the software runs and is applied in bulk (`--fix`, fix-all);
 * `unsafe` can, and is applied in bulk only on request (`--unsafe-fixes`);
 * `suggestion` inserts text the author must still write and is never applied
 * in bulk.
 */
export type FixApplicability = 'safe' | 'unsafe' | 'suggestion';

export interface Fix {
  title: string;
  /** Overrides the rule's `meta.fixApplicability` for this fix. */
  applicability?: FixApplicability;
  /** Edits to the linted document itself. */
  edits: TextEdit[];
  /** Changes to other files or to the file system (create, move, edit elsewhere). */
  workspaceChanges?: WorkspaceChange[];
  /**
   * The obvious fix for the problem. A preferred fix that only edits the
   * linted document is what `--fix` and `source.fixAll` apply.
   */
  isPreferred?: boolean;
}

export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  code: string;
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Shown faded (unused suppressions) rather than squiggled. */
  unnecessary?: boolean;
}

/** What a rule reports; the engine adds code, rule name and configured severity. */
export interface Report {
  message: string;
  range: Range;
  /**
   * A lower severity for this finding than the rule's (e.g. `info` for what
   * cannot be verified); the configured severity still applies when lower.
   */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedLocation[];
  unnecessary?: boolean;
}

/**
 * The kinds of file Plumbline understands. A file has at most one kind; rules
 * declare which kinds they check.
 */
export type FileKind =
  | 'dockerfile'
  | 'compose'
  | 'python'
  | 'requirements'
  | 'markdown'
  | 'shell'
  | 'manifest'
  | 'env'
  | 'plumbline-config'
  /** A file of no other kind that matches the protected globs (PL508), such as MCP server configuration in JSON. */
  | 'protected';

export const FILE_KINDS: readonly FileKind[] = [
  'dockerfile',
  'compose',
  'python',
  'requirements',
  'markdown',
  'shell',
  'manifest',
  'env',
  'plumbline-config',
  'protected',
];

/** Cooperative cancellation: long-running rules may poll it between units of work. */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}
