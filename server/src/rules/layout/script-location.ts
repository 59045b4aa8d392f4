import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { moduleFacts } from '../python/support/moduleFacts';
import { mayHaveMainGuard } from '../python/support/statements';
import { isProductScript } from './support/productFiles';
import { isNamedAsExample } from '../support/exemptCode';

const SCRIPT_CATEGORIES = ['deployment', 'validation', 'monitoring', 'orchestration', 'testing', 'management'] as const;

/** Folders of CI jobs, developer tooling and examples: what runs there is no operational script. */
const TOOLING_FOLDERS = new Set(['ci', '.ci', '.github', '.circleci', '.gitlab', '.buildkite', 'dev', 'examples', 'example']);
/**
 * A developer's workflow, as "scripts to rule them all" and encode's
 * `scripts/` name it (`scripts/lint`, `script/bootstrap`, `test.sh`): run
 * on a checkout to build, check or test it, not against a system.
 */
const DEVELOPER_WORKFLOW_NAMES = new Set([
  'bootstrap',
  'setup',
  'install',
  'update',
  'build',
  'cibuild',
  'check',
  'lint',
  'format',
  'fmt',
  'typecheck',
  'test',
  'tests',
  'coverage',
  'docs',
  'clean',
  'console',
  'server',
]);

/**
 * Scripts that regenerate files of the repository (`generate-library.sh`,
 * `apply-templates.sh`, `versions.sh`, `rebuild-…`), translation catalogs
 * among them (`fetch-translations.sh`, `compile_messages.sh`: they pull and
 * compile the checkout's locale files).
 */
const GENERATOR_NAME =
  /^(?:generate|gen|regenerate|rebuild|codegen|apply-templates)(?:[-_].+)?$|^versions$|(?:^|[-_])(?:translations?|locales?|i18n|l10n)(?:[-_]|$)|^(?:compile|make)[-_]?messages$/;
/** A project's test runner (`runtests.py`, `run_tests.sh`), run by tox, a Makefile or CI on a checkout, in Python as often as in shell. */
const TEST_RUNNER_NAME = /^run[-_]?tests\.(?:py|sh|bash)$/;

/** Scripts whose place another tool sets: moving them breaks the tool that runs or ships them. */
const PLACED_BY_A_TOOL = [
  // A cookiecutter template's hooks, run from `hooks/` when it generates a project.
  /(?:^|\/)hooks\/(?:pre_prompt|pre_gen_project|post_gen_project)\.(?:py|sh)$/,
  // Debian packaging: maintainer scripts (`postinst`) and the files a package installs as they are.
  /(?:^|\/)debian\//,
  // An Ansible role's files and templates, copied to the hosts it manages.
  /(?:^|\/)roles\/[^/]+\/(?:files|templates)\//,
  // Git hooks in the folder `core.hooksPath` names, husky's, and a coding agent's hooks.
  /(?:^|\/)(?:\.githooks|githooks|\.git-hooks|\.husky|\.claude\/hooks)\//,
];

/** A script of CI, of a developer's workflow or of an example, or one placed by a tool, not one that operates a system. */
function isDeveloperTooling(relativePath: string): boolean {
  if (PLACED_BY_A_TOOL.some((pattern) => pattern.test(relativePath))) return true;
  const segments = relativePath.split('/');
  const name = segments[segments.length - 1]!;
  // Shell scripts only: a Python module named `server.py` or `format.py` is more often a library with a demo `__main__`.
  const stem = name.replace(/\.(?:sh|bash)$/, '');
  const workflowName = !name.endsWith('.py') && (DEVELOPER_WORKFLOW_NAMES.has(stem) || GENERATOR_NAME.test(stem));
  return segments.slice(0, -1).some((folder) => TOOLING_FOLDERS.has(folder)) || workflowName || TEST_RUNNER_NAME.test(name) || isNamedAsExample(relativePath);
}

export const scriptLocation = defineRule({
  meta: {
    code: 'PL501',
    name: 'layout/script-location',
    summary: 'A script outside `scripts/<area>/<category>/`.',
    severity: 'warning',
    policy: 'Operational scripts live in a fixed layout, `scripts/<area>/<category>/`, so people find them and reviewers know what they are for.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    fixChangesOtherFiles: true,
    kinds: ['python', 'shell'],
    options: {
      area: {
        type: 'string',
        default: 'backend',
        folderName: true,
        description: 'The `<area>` folder under the scripts root (`paths.scripts`, default `scripts/`).',
      },
      categories: {
        type: 'string[]',
        default: SCRIPT_CATEGORIES,
        folderName: true,
        description: 'The allowed `<category>` folders under `scripts/<area>/`.',
      },
    },
    docs: {
      language: 'text',
      rationale:
        'Scripts scattered over `tools/`, service folders and the repository root are hard to find, easy to duplicate and rarely reviewed as what they are: code that touches production. One layout by purpose (deployment, validation, monitoring, orchestration, testing, management) tells a reader what a script is for before opening it.',
      bad: `tools/rotate_keys.py
services/api/backfill.sh
`,
      good: `scripts/backend/management/rotate_keys.py
scripts/backend/orchestration/backfill.sh
`,
      fix: 'One quick fix per category, "Move to scripts/backend/<category>/", moves the file there (a file rename, which the editor and the CLI refuse to do over an existing file; a category whose target already exists is not offered). Imports of a moved Python module are not rewritten, nor are the CI jobs, cron entries and docs that call the script by its path, so the fix is unsafe and never applied in bulk (the CLI applies no file moves at all).',
      peers:
        "No peer tool checks where scripts live. A script is a Python file with an `if __name__ == \"__main__\":` block or a shebang, or a shell script (`*.sh`, `*.bash`, or a `sh`/`bash` shebang). Only operational scripts are judged; product code is exempt wherever it is: package code (Python in a folder with `__init__.py` and without a `__main__` block), application entry points (`manage.py`, `wsgi.py`, `asgi.py`, a component's `app.py` or `main.py`, a package's `__main__.py`, a `setup.py`, the root `install.sh` and `deploy.sh`, also named for the product as in `install-shop.sh` — PL503 wants the single deploy entry point there), anything under a `src/` folder or in the `bin/` folder of the workspace root or of a component (a tool's own commands), and every file another file of the workspace makes part of the product: a Dockerfile COPYs or ADDs it into an image (sources resolved against the build contexts Compose gives that Dockerfile, else the Dockerfile's folder and the folders above it, as `docker build -f box/Dockerfile .` does), a Compose service runs it (`command:`, `entrypoint:` or a health check's `test:`, directly or through a bind mount), a package manifest declares it (package.json `bin`, pyproject `[project.scripts]` or `[tool.poetry.scripts]`), or another shell script `source`s it (a library). Also exempt: test code (what `paths.tests` matches: by default `test_*.py`, `*_test.py`, `conftest.py`, `tests.py`, `test.py`, anything under `tests/` or `test/`, and test helpers), paths the configuration ignores, CI jobs' scripts (under `ci/`, `.ci/`, `.github/`, `.circleci/`, `.gitlab/` or `.buildkite/`, whose hooks Buildkite finds there), a developer's workflow (`lint`, `test`, `check`, `format`, `coverage`, `docs`, `clean`, `build`, `bootstrap`, `setup`, `install`, `update`, `console`, `server`, shell scripts with or without `.sh`, as \"scripts to rule them all\" name them), a project's test runner (`runtests.py`, `run_tests.sh`), scripts that regenerate the repository's files (`generate-…`, `rebuild-…`, `apply-templates`, `versions`, and translation catalogs' `fetch-translations`, `compile-messages` …), scripts whose place another tool sets (a cookiecutter template's `hooks/pre_gen_project.py`, `hooks/post_gen_project.py` and `hooks/pre_prompt.py`; anything under a `debian/` packaging folder, such as maintainer scripts; an Ansible role's `files/` and `templates/`, copied to the hosts it manages; git hooks under `.githooks/`, `githooks/`, `.git-hooks/` or `.husky/`, and `.claude/hooks/`), developer tooling under a `dev/` folder, and examples (a name with `example`, or under `examples/`).",
    },
  },
  check(context) {
    const { relativePath, document } = context;
    const scriptsRoot = context.config.paths.scripts;
    const area = context.options.area;
    const categories = context.options.categories;
    const name = path.posix.basename(relativePath);
    const layoutPrefix = `${scriptsRoot}/${area}/`;
    if (relativePath.startsWith(layoutPrefix)) {
      const [category, ...rest] = relativePath.slice(layoutPrefix.length).split('/');
      if (rest.length > 0 && categories.includes(category!)) return;
    }
    if (
      relativePath === 'deploy.sh' ||
      context.config.isTestFile(relativePath) ||
      name === '__main__.py' ||
      name === 'setup.py' ||
      isDeveloperTooling(relativePath)
    )
      return;
    if (context.kind === 'python') {
      const model = mayHaveMainGuard(document.text) ? context.parsed : undefined;
      const hasMainBlock = model !== undefined && moduleFacts(model).mainBlocks.length > 0;
      if (!hasMainBlock && !document.lineText(0).startsWith('#!')) return;
      const inPackage = context.index.has(path.join(path.dirname(document.path), '__init__.py'));
      if (inPackage && !hasMainBlock) return;
    }

    if (isProductScript(context.index, relativePath, document.path)) return;

    const fixes: Fix[] = [];
    for (const category of categories) {
      const folder = `${scriptsRoot}/${area}/${category}`;
      const target = path.join(context.config.root, ...folder.split('/'), name);
      if (context.index.has(target) || context.index.existsOnDisk(target)) continue;
      fixes.push({ title: `Move to ${folder}/`, edits: [], workspaceChanges: [{ kind: 'rename', from: document.path, to: target }] });
    }
    context.report({
      message: `Script "${relativePath}" is outside ${scriptsRoot}/${area}/<category>/; move it into one of ${categories.map((c) => `${c}/`).join(', ')} there.`,
      range: document.lineRange(0),
      fixes,
    });
  },
});
