import * as path from 'node:path';
import { relativePosix } from '../../engine/fileSystem';
import { defineRule } from '../../engine/rule';
import { FILE_KINDS, type Range } from '../../engine/types';
import type { SourceDocument } from '../../engine/sourceDocument';
import type { FactProvider, IndexedFile, WorkspaceIndex } from '../../engine/workspaceIndex';
import { changelogTemplate } from '../../workflows/changelog';
import { composeBuildsOf } from '../docker/support/composeBuilds';
import { matchesAnyGlob } from '../support/globs';
import { CHANGELOG_FILE_NAME } from '../../languages/keepAChangelog';
import { readPyprojectTables } from '../../languages/pyproject';
import { holdsCode } from '../docs/location';

const CHANGELOG_NAMES = [CHANGELOG_FILE_NAME, 'changelog.md', 'Changelog.md'];
/** Where projects keep their changes when not in CHANGELOG.md: `CHANGES.rst`, `HISTORY.md`, `NEWS`, `Changelog.rst`, `release-notes.md` … */
const OTHER_CHANGE_LOG = /^(?:change(?:s|log)|history|news|release[-_ ]?notes)(?:\.(?:md|markdown|rst|txt))?$/i;
const SETUP_PY = 'setup.py';

/**
 * Files that make their directory a component root: a manifest or a
 * Dockerfile, unless it is test scaffolding (`paths.tests`), such as a test
 * fixture's package.json or an integration test's image.
 */
function makesComponentRoot(index: WorkspaceIndex, file: Pick<IndexedFile, 'kind' | 'path'>): boolean {
  const candidate =
    (file.kind === 'manifest' && index.factsOf(packageManifestFacts, file.path)?.namesPackage !== false) ||
    file.kind === 'dockerfile' ||
    (path.basename(file.path) === SETUP_PY && !isInPythonPackage(index, file.path));
  return candidate && !index.isTestFile(file.path);
}

/**
 * Whether a manifest describes a package: a pyproject.toml with `[project]`,
 * `[build-system]` or `[tool.poetry]`, a package.json with a `name` (not `""`). One that
 * only configures tools (nothing but `[tool.ruff]`-style tables, a template
 * folder's Tailwind devDependency) makes no component. Other manifests
 * always do, and so does one without tables or that cannot be read.
 */
function namesPackage(document: SourceDocument): boolean {
  const name = path.basename(document.path);
  if (name === 'pyproject.toml') {
    const { tables } = readPyprojectTables(document.text);
    return tables.length === 0 || tables.some((table) => table === 'project' || table === 'build-system' || table.startsWith('tool.poetry'));
  }
  if (name !== 'package.json') return true;
  try {
    const manifest: unknown = JSON.parse(document.text);
    const name = (manifest as { name?: unknown } | null)?.name;
    return typeof manifest !== 'object' || manifest === null || (typeof name === 'string' && name.trim() !== '');
  } catch {
    return true;
  }
}

const packageManifestFacts: FactProvider<{ namesPackage: boolean }> = {
  id: 'changelog/package-manifest',
  appliesTo: (file) => file.kind === 'manifest',
  extract: (document) => ({ namesPackage: namesPackage(document) }),
};

/** A `setup.py` beside an `__init__.py` is a module of that package (a web app's setup wizard), not a packaging script. */
function isInPythonPackage(index: WorkspaceIndex, filePath: string): boolean {
  return index.file(path.join(path.dirname(filePath), '__init__.py')) !== undefined;
}

/**
 * The one file a directory's PL402 diagnostic is reported on, so that it is
 * reported exactly once: its manifest, else its Dockerfile, else the
 * configuration or README, else the first file by name.
 */
function anchorRank(index: WorkspaceIndex, file: Pick<IndexedFile, 'kind' | 'path'>): number {
  if (makesComponentRoot(index, file)) return file.kind === 'dockerfile' ? 1 : 0;
  if (file.kind === 'plumbline-config') return 2;
  if (/^readme\.md$/i.test(path.basename(file.path))) return 3;
  return file.kind ? 4 : 5;
}

interface DirectorySummary {
  /** The indexed file of the directory that ranks first as its anchor. */
  anchor: { path: string; rank: number } | undefined;
  /** A manifest or Dockerfile (not test scaffolding) is in the directory. */
  isComponentRoot: boolean;
  /** A file in the directory makes it need a changelog of its own. */
  needsOwnChangelog: boolean;
}

/** Each directory's anchor and component facts, once per index revision: every file of a directory asks. */
function directorySummary(index: WorkspaceIndex, directory: string): DirectorySummary {
  return index.derive(`changelog/missing:${directory}`, () => {
    const summary: DirectorySummary = { anchor: undefined, isComponentRoot: false, needsOwnChangelog: false };
    for (const file of index.filesInDirectory(directory)) {
      const rank = anchorRank(index, file);
      if (!summary.anchor || rank < summary.anchor.rank || (rank === summary.anchor.rank && file.path < summary.anchor.path)) {
        summary.anchor = { path: file.path, rank };
      }
      summary.isComponentRoot ||= makesComponentRoot(index, file);
      summary.needsOwnChangelog ||= needsOwnChangelog(index, file);
    }
    return summary;
  });
}

function isAnchor(index: WorkspaceIndex, directory: string, filePath: string, filePathKind: IndexedFile['kind']): boolean {
  const { anchor } = directorySummary(index, directory);
  if (!anchor || anchor.path === filePath) return true;
  // A file the index does not hold yet (an unsaved buffer) competes with the indexed anchor.
  const rank = anchorRank(index, { path: filePath, kind: filePathKind });
  return !index.has(filePath) && (rank < anchor.rank || (rank === anchor.rank && filePath < anchor.path));
}

/**
 * Whether a Compose file in the Dockerfile's directory or above it builds
 * this Dockerfile: the image is then a part of that Compose project, released
 * with it, and its changes belong in the project's changelog.
 */
function isBuiltByEnclosingProject(index: WorkspaceIndex, dockerfile: string): boolean {
  return composeBuildsOf(index, dockerfile).some((build) => !relativePosix(path.dirname(build.composeFile), dockerfile).startsWith('..'));
}

/**
 * Files that make their directory need a changelog of its own: a manifest
 * (a package versioned on its own), or a Dockerfile that no enclosing
 * Compose project builds (an image released on its own).
 */
function needsOwnChangelog(index: WorkspaceIndex, file: Pick<IndexedFile, 'kind' | 'path'>): boolean {
  if (!makesComponentRoot(index, file)) return false;
  return file.kind !== 'dockerfile' || !isBuiltByEnclosingProject(index, file.path);
}

export function hasChangelog(index: WorkspaceIndex, directory: string): boolean {
  return CHANGELOG_NAMES.some((name) => index.has(path.join(directory, name)));
}

/**
 * The component root a directory belongs to: the nearest directory at or
 * above it with a manifest or Dockerfile, else the workspace root.
 */
export function componentRootOf(index: WorkspaceIndex, directory: string): string {
  for (let current = directory; ; current = path.dirname(current)) {
    if (current === index.root || path.dirname(current) === current || relativePosix(index.root, current).startsWith('..')) return index.root;
    if (directorySummary(index, current).isComponentRoot) return current;
  }
}

export const changelogMissing = defineRule({
  meta: {
    code: 'PL402',
    name: 'changelog/missing',
    summary: 'A component root (or the workspace root) without a CHANGELOG.md.',
    severity: 'info',
    policy: 'Every backend directory keeps a CHANGELOG: the workspace root and every component root (a package manifest or a Dockerfile).',
    fixable: 'yes',
    fixApplicability: 'suggestion',
    fixChangesOtherFiles: true,
    kinds: FILE_KINDS,
    options: {
      defaultRoots: {
        type: 'boolean',
        default: true,
        description:
          'Treat the workspace root (when the workspace holds code) and every directory with a package manifest (pyproject.toml unless it only has `[tool.…]` tables of tools, setup.py unless it is a module of a Python package, package.json with a `name`, go.mod, Cargo.toml, pom.xml) or a Dockerfile as needing a changelog; a pyproject.toml or package.json that only configures tools makes no component.',
      },
      roots: {
        type: 'string[]',
        default: [],
        description: 'Globs of further directories that need a changelog, relative to the configuration file, e.g. `services/*`.',
      },
      exclude: {
        type: 'string[]',
        default: [],
        description:
          'Globs of directories that need no changelog of their own although they are component roots, e.g. `docker/*` when each Dockerfile there builds a service that keeps its changelog elsewhere.',
      },
    },
    docs: {
      language: 'text',
      rationale:
        "Each deployable component is released on its own, so each needs its own record of what changed. A service without a CHANGELOG.md leaves operators guessing what a new image brings. Plumbline reports the gap once per directory, on the file that makes it a component (its manifest or Dockerfile), and keeps the report current as CHANGELOG.md files are created or deleted. A manifest or Dockerfile that `paths.tests` in `.plumbline.yaml` matches (by default anything under a `tests/`, `test/`, `*_test/`, `*-test/` or `fixtures/` folder, such as a test fixture's package.json or `_integration-test/`) is test scaffolding, not a component: its directory needs no changelog, and its changes belong to the enclosing component's. A directory that keeps its history under another name or format (`CHANGES.rst`, `HISTORY.md`, `NEWS`, `release-notes.md`), there or in its `docs/` folder, is still reported, and the message names that file: the policy's format (PL401), its commands and release tooling read CHANGELOG.md.",
      bad: `services/billing/
  pyproject.toml      <- PL402: services/billing has no CHANGELOG.md
  src/billing/__init__.py
`,
      good: `services/billing/
  CHANGELOG.md
  pyproject.toml
  src/billing/__init__.py
`,
      fix: '"Create CHANGELOG.md in services/billing" creates the file from the Keep a Changelog template with an `## [Unreleased]` section. It never overwrites an existing file.',
      peers:
        'No common linter checks that a changelog exists per component; release tools such as Changesets or release-please create them per package when configured. Plumbline derives component roots from the files present (manifests, Dockerfiles) instead of a package list, and lets the configuration add globs (`roots`), leave some out (`exclude`) or turn the defaults off (`defaultRoots: false`). The workspace root needs one only when the workspace holds code (as PL405 defines it), so a documentation-only repository is not asked for one. A Dockerfile that a Compose file in its directory or above builds (`build:` / `build.context`) is part of that Compose project and released with it, so its directory needs no changelog of its own unless a package manifest there versions it.',
    },
  },
  check(context) {
    const { index, document, options } = context;
    const directory = path.dirname(document.path);
    if (hasChangelog(index, directory)) return;
    const relativeDirectory = relativePosix(index.root, directory);
    if (relativeDirectory.startsWith('..')) return;
    const file = index.file(document.path) ?? { path: document.path, kind: context.kind };
    const isDefaultRoot =
      options.defaultRoots &&
      ((directory === index.root && holdsCode(index, index.root)) || needsOwnChangelog(index, file) || directorySummary(index, directory).needsOwnChangelog);
    const configRelative = relativePosix(context.config.root, directory) || '.';
    if (!isDefaultRoot && !matchesAnyGlob(index, options.roots, configRelative)) return;
    if (matchesAnyGlob(index, options.exclude, configRelative)) return;
    if (!isAnchor(index, directory, document.path, file.kind)) return;

    const where = relativeDirectory === '' ? 'the workspace root' : relativeDirectory;
    const reason = needsOwnChangelog(index, file) ? ` (${path.basename(document.path)} makes it a component)` : '';
    const firstLine = document.lineRange(0);
    const range: Range = firstLine.end.character > 0 ? firstLine : { start: firstLine.start, end: firstLine.start };
    const target = path.join(directory, CHANGELOG_FILE_NAME);
    const subject = where === 'the workspace root' ? 'The workspace root' : where;
    // A history kept under another name or format, or in the documentation (`docs/changelog.md`), is there; what is missing is the file the policy and its tools read.
    const elsewhere = [directory, path.join(directory, 'docs')]
      .flatMap((folder) => index.filesInDirectory(folder))
      .find((other) => OTHER_CHANGE_LOG.test(path.basename(other.path)));
    context.report({
      message: elsewhere
        ? `${subject} keeps its changes in ${path.relative(directory, elsewhere.path).split(path.sep).join('/')}, not in a ${CHANGELOG_FILE_NAME} in the Keep a Changelog format${reason}; move them there.`
        : `${subject} has no ${CHANGELOG_FILE_NAME}${reason}; add one to record its changes.`,
      range,
      fixes: [
        {
          title: `Create ${CHANGELOG_FILE_NAME} in ${where}`,
          edits: [],
          workspaceChanges: [{ kind: 'create', path: target, content: changelogTemplate(document.eol) }],
          isPreferred: true,
        },
      ],
    });
  },
});
