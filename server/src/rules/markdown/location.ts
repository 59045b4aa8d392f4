import { defineRule } from '../../engine/rule';
import { adrFolderOf } from './adrRecord';
import { matchesAnyGlob } from './globs';

/** The policy keeps these next to the code whatever the configuration says. */
const ALWAYS_ALLOWED = ['**/README.md', '**/CHANGELOG.md'];
const DEFAULT_ALLOWED = ['.github/**', '**/LICENSE.md', '**/CONTRIBUTING.md', '**/SECURITY.md', '**/CODE_OF_CONDUCT.md'];

function isUnder(relative: string, folder: string): boolean {
  return relative === folder || relative.startsWith(`${folder}/`);
}

export const docsLocation = defineRule({
  meta: {
    code: 'PL405',
    name: 'docs/location',
    summary: 'Markdown documentation in a code directory instead of the docs root.',
    severity: 'info',
    policy: 'Backend documentation lives under the docs root (default `docs/`); code directories hold only README.md and CHANGELOG.md.',
    fixable: 'no',
    kinds: ['markdown'],
    options: {
      allow: {
        type: 'string[]',
        default: DEFAULT_ALLOWED,
        description: 'Globs (relative to the configuration file) of Markdown files that may live outside the docs root, besides README.md and CHANGELOG.md, which always may. Setting it replaces the default list.',
      },
    },
    docs: {
      language: 'text',
      rationale:
        'Documentation scattered through code directories is hard to find, easy to forget when the code changes, and not published with the rest of the docs. One docs root gives readers one place to look; a README per directory still says what the directory is.',
      bad: 'services/api/DESIGN.md        <- PL405\nservices/api/README.md\n',
      good: 'docs/api/design.md\nservices/api/README.md\n',
      peers:
        'No common linter checks where documentation lives; remark-lint and markdownlint judge the content of Markdown, not its location. Files at the workspace root (such as the port registry PortRegistry.md), under the docs root, in the ADR folder and in `.github/` are never reported; README.md and CHANGELOG.md are always allowed, as the policy says; the `allow` option replaces the list of other allowed names and folders (LICENSE.md, CONTRIBUTING.md, SECURITY.md, CODE_OF_CONDUCT.md, `.github/`), and `paths.docs` moves the docs root.',
    },
  },
  check(context) {
    const relative = context.relativePath;
    if (!relative.includes('/')) return;
    const { paths } = context.config;
    if (isUnder(relative, paths.docs)) return;
    if (isUnder(relative, adrFolderOf(context.config, (filePath) => context.index.document(filePath)?.text))) return;
    if (matchesAnyGlob(ALWAYS_ALLOWED, relative) || matchesAnyGlob(context.options.allow, relative)) return;
    const firstLine = context.document.lineRange(0);
    context.report({
      message: `Documentation belongs under ${paths.docs}/, not in a code directory; move ${relative.slice(relative.lastIndexOf('/') + 1)} there (only README.md and CHANGELOG.md stay next to the code).`,
      range: firstLine.end.character > 0 ? firstLine : { start: firstLine.start, end: firstLine.start },
    });
  },
});
