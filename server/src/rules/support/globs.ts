import picomatch from 'picomatch';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';

/** A compiled glob list depends on nothing in the workspace. */
const NO_INPUTS: readonly unknown[] = [];

/**
 * Whether a `/`-separated relative path matches one of the globs. A glob list
 * is compiled once for the index's life, not per revision: compiling costs
 * more than a re-check of an unchanged file.
 */
export function matchesAnyGlob(index: WorkspaceIndex, globs: readonly string[], relativePath: string): boolean {
  const matcher = index.deriveWhile(`globs:${globs.join('\0')}`, NO_INPUTS, () => {
    // An empty or malformed glob in a rule option matches nothing rather than failing the rule on every file.
    const usable = globs.filter((glob) => {
      try {
        picomatch(glob, { dot: true });
        return true;
      } catch {
        return false;
      }
    });
    return usable.length ? picomatch(usable, { dot: true }) : () => false;
  });
  return matcher(relativePath);
}
