import type * as NodeCrypto from 'node:crypto';
import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { RelatedLocation } from '../../engine/types';
import type { FactProvider, IndexedFile, WorkspaceIndex } from '../../engine/workspaceIndex';
import { addToGroup } from '../../engine/maps';

/** Backup suffixes whose name alone says "copy": `x.bak`, `x.orig`, `x.old`, `x~`. */
const BACKUP_SUFFIX = /^(.+?)(?:\.(?:bak|orig|old)|~)$/i;
/** Parallel copies, named after an original that must sit beside them: `x_old.py`, `x_backup.py`, `x-copy.py`, `x copy.py`, `x_v2.py`. */
const PARALLEL_COPY = /^(.+?)(?:_old|_backup|-copy| copy|_v2)(\.[^.]+)$/i;

const START = { line: 0, character: 0 };
const FIRST_CHARACTER = { start: START, end: START };

let crypto: typeof NodeCrypto | undefined;

/**
 * The SHA-256 of a Dockerfile's or Compose file's text, to find byte-identical
 * duplicates. node:crypto is loaded on first use: loading it (with the stream
 * modules it pulls in) was a tenth of a one-Dockerfile run's start-up.
 */
export const contentHashFacts: FactProvider<string> = {
  id: 'layout/content-hash',
  appliesTo: (file) => file.kind === 'dockerfile' || file.kind === 'compose',
  extract: (document) => {
    crypto ??= require('node:crypto') as typeof NodeCrypto;
    return crypto.createHash('sha256').update(document.text).digest('hex');
  },
};

/** `x_v2.py` is a parallel copy only of Python beside its `x.py`; the other forms of any file beside its original. */
function parallelCopyOriginal(name: string): string | undefined {
  const match = PARALLEL_COPY.exec(name);
  if (!match) return undefined;
  if (/_v2$/i.test(name.slice(0, -match[2]!.length)) && match[2]!.toLowerCase() !== '.py') return undefined;
  return `${match[1]}${match[2]}`;
}

/**
 * A parallel copy shares most of its lines with the file it copies; a
 * `db_backup.sh` that performs backups beside `db.sh` shares few. More than half of the
 * copy's distinct non-blank lines must be found in the original.
 */
const SHARED_LINE_SHARE = 0.5;

function distinctLines(text: string): Set<string> {
  return new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
}

function isMostlyCopied(copy: string, original: string): boolean {
  const copyLines = distinctLines(copy);
  if (copyLines.size === 0) return true;
  const originalLines = distinctLines(original);
  let shared = 0;
  for (const line of copyLines) if (originalLines.has(line)) shared++;
  return shared / copyLines.size > SHARED_LINE_SHARE;
}

/**
 * The Compose project a file belongs to: its nearest folder (itself included)
 * that holds a Compose file, else the workspace root. Independent projects
 * (a repository of samples) may well carry the same Dockerfile on purpose.
 */
function projectOf(index: WorkspaceIndex, file: IndexedFile): string {
  for (let directory = path.dirname(file.path); ; directory = path.dirname(directory)) {
    if (index.filesInDirectory(directory).some((sibling) => sibling.kind === 'compose')) return directory;
    if (directory === index.root || path.dirname(directory) === directory) return index.root;
  }
}

/** The copy that stays: the shallowest, then the alphabetically first. */
function canonicalOrder(a: IndexedFile, b: IndexedFile): number {
  return a.relativePath.split('/').length - b.relativePath.split('/').length || a.relativePath.localeCompare(b.relativePath);
}

function identicalFiles(index: WorkspaceIndex, file: IndexedFile): IndexedFile[] {
  // A file alone of its kind has no duplicate, and needs no hashing.
  if (file.kind === undefined || index.countOfKind(file.kind) < 2) return [];
  const hash = index.factsOf(contentHashFacts, file.path);
  if (hash === undefined) return [];
  const copies = (filesByContentHash(index).get(hash) ?? []).filter((other) => other.path !== file.path && other.kind === file.kind);
  if (copies.length === 0) return [];
  const project = projectOf(index, file);
  return copies.filter((other) => projectOf(index, other) === project);
}

/**
 * The Dockerfiles and Compose files of each content hash, once per index
 * revision: matching each file against every other made a workspace of
 * 1,300 such files spend half a second here.
 */
function filesByContentHash(index: WorkspaceIndex): Map<string, IndexedFile[]> {
  return index.derive('layout/leftover-copy:by-content-hash', () => {
    const byHash = new Map<string, IndexedFile[]>();
    for (const { file, facts: hash } of index.facts(contentHashFacts)) addToGroup(byHash, hash, file);
    return byHash;
  });
}

/** The directory's backups that Plumbline does not lint, by the name of the file each copies; once per index revision. */
function unlintedBackups(index: WorkspaceIndex, directory: string): Map<string, IndexedFile[]> {
  return index.derive(`layout/leftover-copy:${directory}`, () => {
    const byOriginal = new Map<string, IndexedFile[]>();
    for (const sibling of index.filesInDirectory(directory)) {
      const original = sibling.kind === undefined ? BACKUP_SUFFIX.exec(path.basename(sibling.path))?.[1] : undefined;
      if (original !== undefined) addToGroup(byOriginal, original, sibling);
    }
    return byOriginal;
  });
}

function related(file: IndexedFile, message: string): RelatedLocation {
  return { path: file.path, range: FIRST_CHARACTER, message };
}

export const leftoverCopy = defineRule({
  meta: {
    code: 'PL507',
    name: 'layout/leftover-copy',
    summary:
      'Backup and parallel copies of files (`*.bak`, `*.orig`, `*~`, `*.old`, `*_old.*`, `*_backup.*`, `*-copy.*`, `* copy.*`, `*_v2.py`) and byte-identical duplicate Dockerfiles or Compose files.',
    severity: 'warning',
    policy: 'Remove legacy or backup systems; no duplicate implementations.',
    fixable: 'no',
    kinds: ['dockerfile', 'compose', 'python', 'requirements', 'markdown', 'shell', 'manifest'],
    docs: {
      language: 'text',
      rationale:
        'A `settings_old.py` or `Dockerfile.bak` next to the real file is a second version that nobody maintains but somebody will find: it is grepped, copied from, reviewed by mistake, or built by a script that still points at it. Git already keeps every old version; a copy in the tree only adds a place where the code and the configuration can disagree. Two identical Dockerfiles in one project drift apart the first time one of them is fixed.',
      bad: `app/settings.py
app/settings_old.py
app/settings.py.bak
docker/Dockerfile
Dockerfile            # byte-identical to docker/Dockerfile
`,
      good: `app/settings.py
docker/Dockerfile     # compose.yaml: build: { dockerfile: docker/Dockerfile }
`,
      peers:
        "No peer linter looks for leftovers. Reported: a linted file whose name ends in `.bak`, `.orig`, `.old` or `~`; a linted file named `<name>_old`, `_backup`, `-copy` or ` copy` plus its extension (or `<name>_v2.py`) when `<name>.<ext>` sits beside it and more than half of the copy's distinct lines are in it (so `test_backup.py` alone, or a `db_backup.sh` that takes backups beside `db.sh`, is not a leftover); and a Dockerfile or Compose file byte-identical to another in the same Compose project (its nearest folder holding a Compose file, else the workspace). Backups that Plumbline does not lint themselves (`settings.py.bak`, `deploy.sh~`) are reported on their original, with a link to the copy. What `.gitignore` or the `ignore` globs exclude is not in the workspace and never reported. There is no quick fix: delete the copy (git keeps its history).",
    },
  },
  check(context) {
    const { index, document } = context;
    const file = index.file(document.path) ?? { path: document.path, relativePath: context.relativePath, kind: context.kind };
    const name = path.basename(document.path);
    const directory = path.dirname(document.path);
    const siblingNamed = (candidate: string) => index.file(path.join(directory, candidate));
    const range = document.lineRange(0);

    const backup = BACKUP_SUFFIX.exec(name);
    const parallelOriginal = parallelCopyOriginal(name);
    const candidate = parallelOriginal === undefined ? undefined : siblingNamed(parallelOriginal);
    const originalText = candidate && index.document(candidate.path)?.text;
    const original = originalText !== undefined && isMostlyCopied(document.text, originalText) ? candidate : undefined;
    if (backup) {
      context.report({ message: `"${context.relativePath}" is a backup copy; delete it (git keeps the history).`, range });
    } else if (original) {
      context.report({
        message: `"${context.relativePath}" is a leftover copy of "${parallelOriginal}"; merge what is still needed into it and delete the copy (git keeps the history).`,
        range,
        related: [related(original, 'The file it copies')],
      });
    }

    // Backups Plumbline does not lint are reported on the file they copy.
    for (const sibling of unlintedBackups(index, directory).get(name) ?? []) {
      context.report({
        message: `A backup copy of this file, "${path.basename(sibling.path)}", sits beside it; delete the copy (git keeps the history).`,
        range,
        related: [related(sibling, 'The backup copy')],
      });
    }

    if (file.kind === 'dockerfile' || file.kind === 'compose') {
      const identical = identicalFiles(index, file);
      const canonical = [file, ...identical].sort(canonicalOrder)[0]!;
      if (canonical.path !== file.path) {
        const what = file.kind === 'dockerfile' ? 'Dockerfile' : 'Compose file';
        context.report({
          message: `This ${what} is byte-identical to "${canonical.relativePath}"; keep that one and point every build at it.`,
          range,
          related: identical.map((other) => related(other, other === canonical ? 'The copy that stays' : 'Another identical copy')),
        });
      }
    }
  },
});
