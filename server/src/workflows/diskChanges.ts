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

export function applyChangesToDisk(changes: readonly WorkspaceChange[]): void {
  const undo: Array<() => void> = [];
  try {
    for (const change of changes) {
      if (change.kind === 'create') {
        fs.mkdirSync(path.dirname(change.path), { recursive: true });
        try {
          fs.writeFileSync(change.path, change.content, { flag: 'wx' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ChangeConflictError(`${change.path} already exists; it was not overwritten.`);
          throw error;
        }
        undo.push(() => fs.rmSync(change.path, { force: true }));
      } else if (change.kind === 'edit') {
        const before = fs.readFileSync(change.path, 'utf8');
        writeAtomically(change.path, applyEdits(before, change.edits));
        undo.push(() => writeAtomically(change.path, before));
      } else {
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
