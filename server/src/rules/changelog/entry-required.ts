import * as path from 'node:path';
import type { ChangeSet } from '../../engine/changes';
import { relativePosix } from '../../engine/fileSystem';
import { defineRule } from '../../engine/rule';
import { SourceDocument } from '../../engine/sourceDocument';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { parseAs } from '../../languages';
import { isChangelogPath, readChangelog, type Changelog } from '../../languages/keepAChangelog';
import { componentRootOf } from './missing';

/** How many changed files a message names before it says "…". */
const NAMED_FILES = 3;
const LIST_ITEM = /^\s*[-*+]\s+\S/;

/** The changelog's list items (entries), trimmed, with how often each occurs. */
function entryCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    if (LIST_ITEM.test(line)) counts.set(line.trim(), (counts.get(line.trim()) ?? 0) + 1);
  }
  return counts;
}

/**
 * Whether the changelog has a list item it did not have at the base (a new
 * entry, or an entry reworded), or a release it did not have: lerna and
 * conventional-changelog record a release that only bumps the version as a
 * heading and a note, with no list item.
 */
function gainedEntry(document: SourceDocument, before: string | undefined, after: Changelog): boolean {
  const old = entryCounts(before ?? '');
  for (const [entry, count] of entryCounts(document.text)) if (count > (old.get(entry) ?? 0)) return true;
  const releasesAtBase = new Set(before === undefined ? [] : releaseLabels(readChangelogText(document.path, before)));
  return releaseLabels(after).some((label) => !releasesAtBase.has(label));
}

function readChangelogText(filePath: string, text: string): Changelog {
  const document = new SourceDocument(filePath, text);
  return readChangelog(document, parseAs('markdown', document));
}

function releaseLabels(changelog: Changelog): string[] {
  return changelog.releases.filter((release) => !release.isUnreleased).map((release) => release.label.text.toLowerCase());
}

/** The changed files (other than the changelog itself) whose component root is `directory`. */
function changedFilesOf(index: WorkspaceIndex, changes: ChangeSet, directory: string, changelog: string): string[] {
  return [...changes.files].filter((file) => file !== changelog && componentRootOf(index, path.dirname(file)) === directory).sort();
}

/**
 * The CHANGELOG.md files PL406 may report on for a change set: those of the
 * component roots that hold a changed file. `check --changed-since` checks
 * them besides the changed files themselves.
 */
export function changelogsOfChangedComponents(index: WorkspaceIndex, changes: ChangeSet): string[] {
  const roots = new Set([...changes.files].map((file) => componentRootOf(index, path.dirname(file))));
  return [...roots].flatMap((root) =>
    index
      .filesInDirectory(root)
      .filter((file) => isChangelogPath(path.basename(file.path)))
      .map((file) => file.path),
  );
}

export const changelogEntryRequired = defineRule({
  meta: {
    code: 'PL406',
    name: 'changelog/entry-required',
    summary: 'A component changed since the base ref, but its CHANGELOG.md gained no entry (only with `--changed-since` or `plumbline.changedSince`).',
    severity: 'warning',
    policy: "Every change is tracked in the component's CHANGELOG.",
    fixable: 'no',
    needsChangeSet: true,
    kinds: ['markdown'],
    docs: {
      language: 'text',
      rationale:
        'A change that reaches a release without a CHANGELOG entry is invisible to whoever deploys or depends on the component. The check needs something to compare with, so it runs only when a base is given: `plumbline check --changed-since main` in CI or a pre-push hook, or the `plumbline.changedSince` setting in the editor. A component is what PL402 calls one (the workspace root, or a directory with a package manifest or a Dockerfile); each changed file belongs to the nearest one above it. When a component has files changed since the merge base of the ref and HEAD (committed, staged, unstaged, untracked or deleted) and its CHANGELOG.md has neither a list item nor a release heading that it lacked at that base, the CHANGELOG gets one finding (a release that only bumps the version, as lerna writes it, is a heading and a note).',
      bad: `$ git diff --name-only main
services/billing/app.py
$ plumbline check --changed-since main
services/billing/CHANGELOG.md:1:1: warning PL406 services/billing changed since main (app.py) but its CHANGELOG.md gained no entry …
`,
      good: `$ git diff --name-only main
services/billing/CHANGELOG.md
services/billing/app.py
# CHANGELOG.md gained "- Retry failed webhooks" under [Unreleased]
`,
      peers:
        "Danger.js and the changelog-enforcer GitHub Action fail a pull request whose diff lacks a CHANGELOG.md change, for the repository as a whole; Changesets asks for a changeset file per changed package. PL406 works per component, counts only a new or reworded list item or a new release (not a whitespace edit), and runs the same in CI and in the editor. A component without any CHANGELOG.md is PL402's finding, not this one's.",
    },
  },
  check(context) {
    const { index, document } = context;
    const changes = index.changes;
    if (!changes || !isChangelogPath(context.relativePath)) return;
    const directory = path.dirname(document.path);
    if (componentRootOf(index, directory) !== directory) return;
    const changed = changedFilesOf(index, changes, directory, document.path);
    if (changed.length === 0) return;
    const changelog = readChangelog(document, context.parsed);
    if (gainedEntry(document, changes.textAtBase(document.path), changelog)) return;

    const named = changed.slice(0, NAMED_FILES).map((file) => relativePosix(directory, file));
    const more = changed.length > NAMED_FILES ? `, and ${changed.length - NAMED_FILES} more` : '';
    const where = relativePosix(index.root, directory) || 'The workspace root';
    const firstLine = document.lineRange(0);
    context.report({
      message: `${where} changed since ${changes.ref} (${named.join(', ')}${more}) but its ${path.basename(document.path)} gained no entry; add one${changelog.releases.some((release) => release.isUnreleased) ? ' under [Unreleased]' : ''}.`,
      range: firstLine.end.character > 0 ? firstLine : { start: firstLine.start, end: firstLine.start },
    });
  },
});
