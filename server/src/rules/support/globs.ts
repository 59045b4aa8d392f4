import picomatch from 'picomatch';

const matchers = new Map<string, (relativePath: string) => boolean>();

/** Whether a `/`-separated relative path matches one of the globs; matchers are compiled once per glob list. */
export function matchesAnyGlob(globs: readonly string[], relativePath: string): boolean {
  const key = globs.join('\0');
  let matcher = matchers.get(key);
  if (!matcher) {
    // An empty or malformed glob in a rule option matches nothing rather than failing the rule on every file.
    const usable = globs.filter((glob) => {
      try {
        picomatch(glob, { dot: true });
        return true;
      } catch {
        return false;
      }
    });
    matcher = usable.length ? picomatch(usable, { dot: true }) : () => false;
    matchers.set(key, matcher);
  }
  return matcher(relativePath);
}
