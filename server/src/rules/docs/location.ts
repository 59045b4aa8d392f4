import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { IndexedFile, WorkspaceIndex } from '../../engine/workspaceIndex';
import { adrFoldersIn } from '../../languages/adrRecord';
import { matchesAnyGlob } from '../support/globs';

/**
 * Files every repository keeps beside its code, whatever their letter case
 * and extension: `README.md`, `readme.md`, `README.de.md`, `LICENSE-MIT.md`.
 */
const CONVENTIONAL_FILES = new Set([
  'readme',
  'changelog',
  'changes',
  'history',
  'news',
  'releasenotes',
  'release-notes',
  'release_notes',
  'contributing',
  'contributors',
  'authors',
  'maintainers',
  'governance',
  'support',
  'funding',
  'security',
  'code_of_conduct',
  'code-of-conduct',
  'codeofconduct',
  'license',
  'licence',
  'copying',
  'notice',
  'patents',
  'citation',
  'agents',
  'claude',
  'gemini',
  'copilot-instructions',
  'upgrading',
  'migrating',
]);

/** Folder names that hold documentation wherever they are. */
const DOCS_FOLDERS = new Set(['doc', 'docs', 'documentation']);

/**
 * Extensions of source files in the languages backend repositories are
 * written in. A directory holds code when it or a directory below it has
 * such a file, or a file Plumbline checks as Python, shell, a Dockerfile or
 * a package manifest. Markdown, YAML, JSON, Compose and other configuration
 * are not code.
 */
const SOURCE_EXTENSIONS = new Set([
  '.py',
  '.pyi',
  '.sh',
  '.bash',
  '.js',
  '.mjs',
  '.cjs',
  '.jsx',
  '.ts',
  '.mts',
  '.cts',
  '.tsx',
  '.vue',
  '.svelte',
  '.go',
  '.rs',
  '.java',
  '.kt',
  '.kts',
  '.scala',
  '.groovy',
  '.rb',
  '.php',
  '.cs',
  '.fs',
  '.vb',
  '.c',
  '.h',
  '.cc',
  '.cpp',
  '.hpp',
  '.m',
  '.swift',
  '.dart',
  '.ex',
  '.exs',
  '.erl',
  '.clj',
  '.lua',
  '.pl',
  '.pm',
  '.r',
  '.jl',
  '.sql',
  '.zig',
]);
const CODE_KINDS = new Set(['python', 'shell', 'dockerfile', 'manifest']);

function isCodeFile(file: IndexedFile): boolean {
  return (file.kind !== undefined && CODE_KINDS.has(file.kind)) || SOURCE_EXTENSIONS.has(path.extname(file.path).toLowerCase());
}

/** Markdown that code beside it reads by name (a template, a help text) is a resource the code ships, not documentation. */
function isReadByCodeBeside(index: WorkspaceIndex, filePath: string): boolean {
  const name = path.basename(filePath);
  return index.filesInDirectory(path.dirname(filePath)).some((file) => isCodeFile(file) && index.document(file.path)?.text.includes(name) === true);
}

function isConventionalFile(name: string): boolean {
  const stem = name.toLowerCase().replace(/\.(md|markdown)$/, '');
  return CONVENTIONAL_FILES.has(stem) || CONVENTIONAL_FILES.has(stem.split(/[._-]/)[0]!);
}

/** A folder that is documentation, hidden (`.github`, `.agents`), or holds templates, at any depth. */
function isDocsOrTemplateFolder(segment: string): boolean {
  const lower = segment.toLowerCase();
  return DOCS_FOLDERS.has(lower) || lower.startsWith('.') || lower.includes('template');
}

/** Every directory (absolute) that holds code itself or below it, computed once per index revision. */
function codeDirectories(index: WorkspaceIndex): Set<string> {
  return index.derive('docs/location:code-directories', () => {
    const directories = new Set<string>();
    for (const file of index.files()) {
      if (!isCodeFile(file)) continue;
      for (let directory = path.dirname(file.path); !directories.has(directory); directory = path.dirname(directory)) {
        directories.add(directory);
        if (directory === index.root || path.dirname(directory) === directory) break;
      }
    }
    return directories;
  });
}

/** Whether a directory (absolute) holds code, itself or below it: a source file, a script, a Dockerfile or a package manifest. */
export function holdsCode(index: WorkspaceIndex, directory: string): boolean {
  return codeDirectories(index).has(directory);
}

function isUnder(relative: string, folder: string): boolean {
  return relative === folder || relative.startsWith(`${folder}/`);
}

export const docsLocation = defineRule({
  meta: {
    code: 'PL405',
    name: 'docs/location',
    summary: 'Markdown documentation in a directory that holds code, instead of the docs root.',
    severity: 'info',
    policy:
      'Backend documentation lives under the docs root (default `docs/`); directories that hold code keep only their README, CHANGELOG and the other conventional files beside it.',
    fixable: 'no',
    kinds: ['markdown'],
    options: {
      allow: {
        type: 'string[]',
        default: [],
        description: 'Globs (relative to the configuration file) of further Markdown files that may live in directories that hold code.',
      },
    },
    docs: {
      language: 'text',
      rationale:
        'Documentation scattered through code directories is hard to find, easy to forget when the code changes, and not published with the rest of the docs. One docs root gives readers one place to look; a README per directory still says what the directory is.',
      bad: `services/api/main.py
services/api/DESIGN.md        <- PL405
services/api/README.md
`,
      good: `docs/api/design.md
services/api/main.py
services/api/README.md
`,
      peers:
        'No common linter checks where documentation lives; remark-lint and markdownlint judge the content of Markdown, not its location. A directory holds code when it, or a directory below it, has a source file (Python, shell, JavaScript/TypeScript, Go, Rust, Java, Ruby, PHP, C# and other languages, by extension), a Dockerfile or a package manifest; Markdown, YAML, JSON and Compose files are not code, so a docs-only repository gets no PL405 at all. Never reported, in any letter case: files at the workspace root; anything under the docs root (`paths.docs`), a `doc`, `docs` or `documentation` folder at any depth, an ADR folder, a folder whose name contains "template", or a hidden folder (`.github`, `.agents`); a file whose name contains "template"; a file that code in its own directory names (a template or help text the code reads, such as `src/init.md` read by `src/init.sh`); and the conventional files (README, CHANGELOG/CHANGES/HISTORY/NEWS, CONTRIBUTING, CONTRIBUTORS, AUTHORS, MAINTAINERS, GOVERNANCE, SUPPORT, SECURITY, CODE_OF_CONDUCT, LICENSE/LICENCE/COPYING, NOTICE, CITATION, AGENTS and similar agent instructions, also with a suffix such as `README.de.md`). The `allow` option adds globs.',
    },
  },
  check(context) {
    const relative = context.relativePath;
    if (!relative.includes('/')) return;
    const segments = relative.split('/');
    const name = segments.pop()!;
    if (isConventionalFile(name) || name.toLowerCase().includes('template')) return;
    if (segments.some(isDocsOrTemplateFolder) || isUnder(relative, context.config.paths.docs)) return;
    const directory = path.dirname(context.document.path);
    if (adrFoldersIn(context.config, context.index).some((folder) => directory === folder.path || directory.startsWith(folder.path + path.sep))) return;
    if (matchesAnyGlob(context.index, context.options.allow, relative)) return;
    if (!holdsCode(context.index, directory) || isReadByCodeBeside(context.index, context.document.path)) return;
    const firstLine = context.document.lineRange(0);
    context.report({
      message: `Documentation belongs under ${context.config.paths.docs}/, not in a directory that holds code; move ${name} there (README, CHANGELOG and the other conventional files stay next to the code).`,
      range: firstLine.end.character > 0 ? firstLine : { start: firstLine.start, end: firstLine.start },
    });
  },
});
