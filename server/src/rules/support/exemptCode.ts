/**
 * Test code and generated code are not production code that people write: the
 * Python rules that judge production quality skip the files `paths.tests`
 * matches (unless a team turns a rule's `checkTests` option on) and the files
 * `paths.generated` matches.
 */
import * as path from 'node:path';
import type { RuleContext } from '../../engine/rule';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { composeFilesLoading, isTestSettingsName } from '../compose/support/envFiles';
import { isDevContainerComposeFile } from '../compose/support/devContainers';
import { composeBuildsFacts } from '../docker/support/composeBuilds';

export const CHECK_TESTS_OPTION = {
  checkTests: {
    type: 'boolean',
    default: false,
    description:
      "Also report test code (the files `paths.tests` matches; by default `test_*.py`, `*_test.py`, `conftest.py`, `tests.py`, `test.py`, `testing.py`, `testutils.py`, `fakes.py`, `*_fakes.py`, a module of factory_boy factories (one that imports `factory`), and whatever is under a `tests/`, `test/`, `*_tests/`, `*-tests/`, `*_test/`, `*-test/`, `test-*/`, `tests_*/`, `testing/`, `testutils/`, `fixtures/`, `mocks/`, `benches/` or `benchmarks/` folder, a Sphinx `docs/conf.py` or `doc/conf.py`, Semgrep's rules and the code they are tested on (`.semgrep/`), CI's own files (`.github/`), a development container (`.devcontainer/`) and examples (`examples/`, `example/`, `.examples/`, `example_*/`, `*-examples/` …)), which is exempt by default.",
  },
} as const;

/**
 * An Alembic migration wherever a project keeps them (`database/revisions/…/versions/`):
 * its header sets `revision` and `down_revision`, and it imports alembic's `op`
 * or keeps the `Revision ID:` line of Alembic's template (a revision that
 * changes nothing, kept to order the others, imports nothing).
 */
function isAlembicMigration(context: RuleContext): boolean {
  // Asked by every Python rule of a lint: read the header once per document.
  return context.document.deriveFor(context.document, isAlembicMigration, () => {
    const head = context.document.text.slice(0, 4000);
    return (
      /^(?:from alembic import op\b|Revision ID:)/m.test(head) && /^revision\s*(?::[^=\n]*)?=/m.test(head) && /^down_revision\s*(?::[^=\n]*)?=/m.test(head)
    );
  });
}

/**
 * A module of factory_boy factories (`import factory`, `from factory.django
 * import DjangoModelFactory`), wherever it is kept: fake data for tests and
 * demo databases (nautobot keeps its `factory.py` beside each app's models),
 * as the `fakes.py` the test paths name is.
 */
function isTestDataFactory(context: RuleContext): boolean {
  return context.document.deriveFor(context.document, isTestDataFactory, () =>
    /^(?:import factory\b|from factory(?:\.[\w.]+)? import\b)/m.test(context.document.text.slice(0, 4000)),
  );
}

/** Code the rule leaves alone: generated code, or test code (a test file, a factory_boy module) while the rule's `checkTests` is off. */
export function isExemptCode(context: RuleContext): boolean {
  const { config, relativePath } = context;
  return (
    config.isGeneratedFile(relativePath) ||
    (context.options.checkTests !== true && (config.isTestFile(relativePath) || (context.kind === 'python' && isTestDataFactory(context)))) ||
    (context.kind === 'python' && isAlembicMigration(context))
  );
}

/** A file named as an example (`post-consume-example.sh`, `settings.example.py`): shown to users, who adapt it, so not judged as what runs. */
export function isNamedAsExample(relativePath: string): boolean {
  return /example/i.test(path.basename(relativePath));
}

/** The sentence the Dockerfile rules that judge a runtime image (PL101, PL103, PL104, PL106, PL108) add to their rationale. */
export const TEST_IMAGE_NOTE =
  ' A test image is not a production image: a Dockerfile in test code (what `paths.tests` in `.plumbline.yaml` matches, such as a `tests/` folder holding the image a CI job runs the tests in, or a development container) is not checked unless the `checkTests` option is on.';

/** The sentence each of these rules' docs pages adds to its rationale. */
export const EXEMPT_CODE_NOTE =
  " Test code is not production code: files that `paths.tests` in `.plumbline.yaml` matches, and modules of factory_boy factories (test data), are not checked unless the `checkTests` option is on. Neither is generated code (`paths.generated`: by default Django and Alembic migrations and protobuf modules; an Alembic migration is also known by its header, `revision` and `down_revision` beside `from alembic import op` or the template's `Revision ID:` line, wherever it is kept).";

/**
 * Compose configuration that is test scaffolding: a Compose file that
 * `paths.tests` matches (a file under a test folder such as
 * `_integration-test/`), whose name says test (`compose.test.yaml`,
 * `docker-compose.testing.yml`, `compose.ci.yaml`: a one-shot test runner),
 * that lies in a CI folder (`.ci/`, `ci/`), or that is a development stack
 * (see isDevelopmentStack); an env file so named or placed, or that only
 * such Compose files load.
 */
export function isComposeTestScaffolding(context: Pick<RuleContext, 'config' | 'relativePath' | 'index' | 'kind' | 'document'>): boolean {
  const { index } = context;
  if (isScaffoldingByPath(context.config.isTestFile(context.relativePath), context.relativePath)) return true;
  if (context.kind === 'compose') return isDevelopmentStack(index, context.document.path);
  if (context.kind !== 'env') return false;
  const loaders = composeFilesLoading(index, context.document.path);
  return (
    loaders.length > 0 &&
    loaders.every(({ file }) => isScaffoldingByPath(index.isTestFile(file.path), file.relativePath) || isDevelopmentStack(index, file.path))
  );
}

/** Test scaffolding by where it is and what it is called (see isComposeTestScaffolding). */
function isScaffoldingByPath(isTestFile: boolean, relativePath: string): boolean {
  const folders = relativePath.split('/').slice(0, -1);
  return isTestFile || isTestSettingsName(path.basename(relativePath)) || folders.some((folder) => folder === 'ci' || folder === '.ci');
}

/**
 * A Compose file of a development environment: one a `devcontainer.json`
 * names in a folder of its own (nautobot's `development/docker-compose.yml`;
 * see isDevContainerComposeFile), or one with a service
 * built from `.devcontainer/` (saleor's second way into its development
 * container). It runs on a developer's machine, never in production.
 */
function isDevelopmentStack(index: WorkspaceIndex, composeFile: string): boolean {
  if (isDevContainerComposeFile(index, composeFile)) return true;
  return (index.factsOf(composeBuildsFacts, composeFile) ?? []).some((build) =>
    path.relative(index.root, build.dockerfile).split(path.sep).includes('.devcontainer'),
  );
}

/** The sentence the Compose rules that skip test scaffolding add to their rationale. */
export const COMPOSE_TEST_SCAFFOLDING_NOTE =
  " Compose files that are test scaffolding are not judged: those that `paths.tests` in `.plumbline.yaml` matches (by default anything under a `tests/`, `test/`, `*_test/`, `*-test/`, `test-*/` or `fixtures/` folder, such as `_integration-test/` or `test-infrastructure/`, a development container (`.devcontainer/`) and examples (`examples/`, `example/`, `.examples/`, `example_*/` …)), those whose name says test or CI (`compose.test.yaml`, `docker-compose.testing.yml`, `docker-compose.override.unit_tests.yml`, `compose.ci.yaml`, `compose.cicd.yaml`, `compose.e2e.yaml`), those in a CI folder (`.ci/`, `ci/`, `.github/`), and the stacks of a development environment: those a `devcontainer.json` names in `dockerComposeFile` (outside the workspace root, where a reused `docker-compose.yml` may be what production runs), and those that build a service from a development container's Dockerfile (a second way into `.devcontainer/`); their services run for the length of a test or on a developer's machine, not in production. So are the env files only such Compose files load.";
