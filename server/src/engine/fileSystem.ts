import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Directories never worth walking: VCS data, dependencies, virtualenvs, caches. */
const SKIPPED_DIRECTORIES = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.plumbline_cache',
  '.e2e-cache',
  '.vscode-test',
]);

export function toPosix(filePath: string): string {
  return filePath.split(path.sep).join('/');
}

/** Whether `target` is `directory` itself or somewhere below it. */
export function isAtOrBelow(directory: string, target: string): boolean {
  const relative = path.relative(directory, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `target` relative to `root`, `/`-separated; `..`-prefixed when outside it. */
export function relativePosix(root: string, target: string): string {
  return toPosix(path.relative(root, target));
}

export type ReadOutcome = { ok: true; text: string } | { ok: false; reason: 'missing' | 'too-large' | 'binary' | 'unreadable'; detail: string };

/** Reads a text file, refusing binaries and files over the size limit with a reason to show. */
export function readTextFile(filePath: string, maxSize: number): ReadOutcome {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    return { ok: false, reason: 'missing', detail: 'file not found' };
  }
  if (!stat.isFile()) return { ok: false, reason: 'unreadable', detail: 'not a regular file' };
  if (stat.size > maxSize) {
    return { ok: false, reason: 'too-large', detail: `${stat.size} bytes, over the ${maxSize}-byte limit (maxFileSize)` };
  }
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(filePath);
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as Error).message };
  }
  if (isBinary(buffer)) return { ok: false, reason: 'binary', detail: 'binary content' };
  return { ok: true, text: buffer.toString('utf8').replace(/^\uFEFF/, '') };
}

export function isBinary(content: Buffer | string): boolean {
  const head = typeof content === 'string' ? content.slice(0, 8000) : content.subarray(0, 8000);
  return typeof head === 'string' ? head.includes('\0') : head.includes(0);
}

function isVirtualenv(directory: string): boolean {
  return fs.existsSync(path.join(directory, 'pyvenv.cfg'));
}

function loadGitignore(directory: string): Ignore | undefined {
  try {
    return ignore().add(fs.readFileSync(path.join(directory, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

type GitignoreRules = Array<{ base: string; matcher: Ignore }>;

/** Whether the `.gitignore` rules in force (each relative to its folder) ignore a path. */
function ignoredBy(rules: GitignoreRules, relative: string, isDirectory: boolean): boolean {
  return rules.some(({ base, matcher }) => {
    const below = base ? relative.slice(base.length + 1) : relative;
    return matcher.ignores(isDirectory ? `${below}/` : below);
  });
}

/**
 * Whether a `.gitignore` between `root` and the file ignores it (or a folder
 * above it), as `walkFiles` judges it: for a file the editor opened directly.
 */
export function isGitIgnored(root: string, relativePath: string): boolean {
  const segments = relativePath.split('/');
  const rules: GitignoreRules = [];
  for (let depth = 0; depth < segments.length; depth++) {
    const base = segments.slice(0, depth).join('/');
    const own = loadGitignore(path.join(root, base));
    if (own) rules.push({ base, matcher: own });
    const isDirectory = depth < segments.length - 1;
    const relative = segments.slice(0, depth + 1).join('/');
    if (ignoredBy(rules, relative, isDirectory)) return true;
  }
  return false;
}

/**
 * Why the walk passes over an entry that is neither a folder nor a regular
 * file and may look like one: a FIFO, socket or device (reading it could
 * block), a symbolic link that loops or points nowhere. Symbolic links to
 * files or folders are not followed, without a note.
 */
function unwalkedReason(entry: fs.Dirent, absolute: string): string | undefined {
  if (!entry.isSymbolicLink()) return 'not a regular file';
  try {
    fs.statSync(absolute);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'dangling symbolic link' : undefined;
  }
}

/**
 * Yields every file below `root` (as `/`-separated paths relative to it),
 * skipping VCS and dependency folders, virtualenvs, what `.gitignore` files
 * ignore, and what `isIgnored` rejects. Entries it cannot read as files
 * (FIFOs, looping or dangling symbolic links) go to `onUnwalked` with a reason.
 */
export function* walkFiles(
  root: string,
  isIgnored: (relativePath: string) => boolean = () => false,
  onUnwalked: (relativePath: string, reason: string) => void = () => {},
): Generator<string> {
  type Frame = { directory: string; relative: string; rules: GitignoreRules };
  const stack: Frame[] = [{ directory: root, relative: '', rules: [] }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const own = loadGitignore(frame.directory);
    const rules = own ? [...frame.rules, { base: frame.relative, matcher: own }] : frame.rules;
    const gitIgnored = (relative: string, isDirectory: boolean) => ignoredBy(rules, relative, isDirectory);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(frame.directory, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    const files: string[] = [];
    for (const entry of entries) {
      const relative = frame.relative ? `${frame.relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        const absolute = path.join(frame.directory, entry.name);
        if (SKIPPED_DIRECTORIES.has(entry.name) || isVirtualenv(absolute)) continue;
        if (gitIgnored(relative, true) || isIgnored(relative)) continue;
        stack.push({ directory: absolute, relative, rules });
      } else if (entry.isFile()) {
        if (gitIgnored(relative, false) || isIgnored(relative)) continue;
        files.push(relative);
      } else if (!gitIgnored(relative, false) && !isIgnored(relative)) {
        const reason = unwalkedReason(entry, path.join(frame.directory, entry.name));
        if (reason) onUnwalked(relative, reason);
      }
    }
    yield* files.reverse();
  }
}
