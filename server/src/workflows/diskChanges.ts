/**
 * Applies engine WorkspaceChanges to the file system for the CLI: all or
 * nothing. New files are created with the `wx` flag (never overwriting);
 * edited files are written to a temporary file and renamed over the original,
 * and if any step fails every file created so far is removed again and every
 * edited file restored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../engine/edits';
import type { WorkspaceChange } from '../engine/types';

export class ChangeConflictError extends Error {}

/** The path with every symlink resolved; for a path that does not exist yet, its nearest existing ancestor's. */
function realPathOf(filePath: string): string {
  try {
    return fs.realpathSync(filePath);
  } catch {
    const parent = path.dirname(filePath);
    return parent === filePath ? filePath : path.join(realPathOf(parent), path.basename(filePath));
  }
}

/** Whether a write to the path lands inside the root once symlinks (of the path and its folders) are followed. */
export function landsInside(root: string, filePath: string): boolean {
  const relative = path.relative(realPathOf(root), realPathOf(filePath));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Where a write to the path lands: a symlink's target, so that the link stays
 * a link. Refused when that is outside the root.
 */
export function writeTargetInside(root: string, filePath: string): string {
  if (!landsInside(root, filePath)) {
    throw new ChangeConflictError(`${filePath} leads outside the workspace (${realPathOf(filePath)}); it was not written.`);
  }
  return realPathOf(filePath);
}

function writeAtomically(filePath: string, text: string): void {
  const temporary = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, text, { flag: 'wx' });
  try {
    fs.renameSync(temporary, filePath);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Applies the changes; with a root, none may write outside it, through a symlink or otherwise. */
export function applyChangesToDisk(changes: readonly WorkspaceChange[], root?: string): void {
  const undo: Array<() => void> = [];
  const inside = (filePath: string) => (root === undefined ? filePath : writeTargetInside(root, filePath));
  try {
    for (const change of changes) {
      if (change.kind === 'create') {
        inside(change.path);
        fs.mkdirSync(path.dirname(change.path), { recursive: true });
        try {
          fs.writeFileSync(change.path, change.content, { flag: 'wx' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ChangeConflictError(`${change.path} already exists; it was not overwritten.`);
          throw error;
        }
        undo.push(() => fs.rmSync(change.path, { force: true }));
      } else if (change.kind === 'edit') {
        // Through a symlink to its target, so that a linked CHANGELOG.md stays a link.
        const target = root === undefined ? fs.realpathSync(change.path) : inside(change.path);
        const before = fs.readFileSync(target, 'utf8');
        writeAtomically(target, applyEdits(before, change.edits));
        undo.push(() => writeAtomically(target, before));
      } else {
        inside(change.from);
        inside(change.to);
        if (fs.existsSync(change.to)) throw new ChangeConflictError(`${change.to} already exists; it was not overwritten.`);
        fs.renameSync(change.from, change.to);
        undo.push(() => fs.renameSync(change.to, change.from));
      }
    }
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // Best effort: the original error says what went wrong.
      }
    }
    throw error;
  }
}
