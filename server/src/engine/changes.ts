/**
 * The files changed since a git ref, for checks that only make sense
 * against a base (PL406). Front ends compute it (the CLI's
 * `--changed-since`, the editor's `plumbline.changedSince`) and hand it to
 * the workspace index; without one, those rules stay silent.
 */
export interface ChangeSet {
  /** The ref as the user gave it, for messages. */
  readonly ref: string;
  /** Absolute paths changed since the ref: committed, staged, unstaged, untracked and deleted files. */
  readonly files: ReadonlySet<string>;
  /** A file's text at the ref's merge base with HEAD; undefined when it did not exist there. */
  textAtBase(filePath: string): string | undefined;
}
