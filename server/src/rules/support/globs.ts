import picomatch from 'picomatch';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';

/** Whether a `/`-separated relative path matches one of the globs; a glob list is compiled once per index revision. */
export function matchesAnyGlob(index: WorkspaceIndex, globs: readonly string[], relativePath: string): boolean {
  const matcher = index.derive(`globs:${globs.join('\0')}`, () => {
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
