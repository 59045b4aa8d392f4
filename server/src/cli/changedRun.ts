import type { ChangeSet } from '../engine/changes';
import type { Diagnostic } from '../engine/types';
import type { WorkspaceIndex } from '../engine/workspaceIndex';
import { findRule } from '../rules';
import { changelogsOfChangedComponents } from '../rules/changelog/entry-required';
import { changesSince, GitError } from '../workflows/gitChanges';
import { UsageError } from './command';

/** `--changed-since <ref>`: what changed in the workspace's repository, or a usage error saying why git could not tell. */
export function changeSetFor(root: string, ref: string): ChangeSet {
  try {
    return changesSince(root, ref);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`plumbline check --changed-since: ${error.message}`);
    throw error;
  }
}

/**
 * The files of a run that `--changed-since` keeps: the changed ones, and the
 * CHANGELOG.md of each component that holds one (where PL406 reports). The
 * index still covers the whole workspace, so cross-file rules see every fact.
 */
export function onlyChanged(index: WorkspaceIndex, files: ReadonlySet<string>, changes: ChangeSet): Set<string> {
  const kept = new Set([...changes.files, ...changelogsOfChangedComponents(index, changes)]);
  return new Set([...files].filter((file) => kept.has(file)));
}

/**
 * The findings `--changed-since` reports for a file: all of them for a
 * changed file; for a CHANGELOG checked only because its component changed,
 * only those of rules that need the change set (PL406), not its old problems.
 */
export function findingsForChanges(filePath: string, diagnostics: readonly Diagnostic[], changes: ChangeSet): readonly Diagnostic[] {
  return changes.files.has(filePath) ? diagnostics : diagnostics.filter((diagnostic) => findRule(diagnostic.code)?.meta.needsChangeSet);
}
