/**
 * One definition of test code (`paths.tests`) and of generated code
 * (`paths.generated`) for every Python rule that judges production quality:
 * both are skipped by default, a rule's `checkTests` brings test files back,
 * and a configured list replaces the defaults.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const TEST_CODE_RULES = ['PL301', 'PL302', 'PL303', 'PL305', 'PL306', 'PL307', 'PL308', 'PL309'];

/** A module that breaks each of those rules once or more. */
const EVERY_PROBLEM = [
  'import sys',
  '',
  'SIGNING_TOKEN = "tk-7d1e94c0a2f3"',
  '',
  '',
  'def login(user):',
  '    try:',
  '        print("login as", user, sys.argv[1])',
  '    except Exception:',
  '        pass',
  '    # TODO: assert on the session cookie',
  '',
  '',
  'if __name__ == "__main__":',
  '    while True:',
  '        login("ada")',
  '',
].join('\n');

function codesFor(relativePath: string, config?: string, text = EVERY_PROBLEM): string[] {
  const root = makeWorkspace(config === undefined ? {} : { '.plumbline.yaml': config });
  try {
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const result = workspace.lint(new SourceDocument(path.join(root, relativePath), text));
    return [...new Set(result.diagnostics.map((d) => d.code))].filter((code) => TEST_CODE_RULES.includes(code)).sort();
  } finally {
    removeWorkspace(root);
  }
}

describe('test code (paths.tests) and generated code (paths.generated)', () => {
  it('production code gets every finding', () => {
    assert.deepEqual(codesFor('app/session.py'), TEST_CODE_RULES);
  });

  for (const file of [
    'backend/tests/api/test_login.py',
    'backend/tests/utils/user.py',
    'conftest.py',
    'app/session_test.py',
    // A Django app's test module, and a unittest package's.
    'blog/tests.py',
    'lib/test.py',
    'test/helpers.py',
    '_integration-test/custom_roots.py',
    'integration_tests/run_all.py',
    'payments/testing/builders.py',
    'payments/testutils/clock.py',
    'payments/testutils.py',
    // Flask's and Pyramid's test helpers: a test client, dummy requests, mixins of test_* methods.
    'storage/core/testing.py',
    'benches/bench_flows.py',
    'benchmarks/test_parse_speed.py',
    // A documentation site's Sphinx configuration.
    'docs/conf.py',
    'doc/conf.py',
    // A folder named for tests: a local replica of the CI test stack.
    'test-infrastructure/seed.py',
    // The code a Semgrep rule is tested on (`semgrep --test`), bad on purpose.
    '.semgrep/django/raw-sql-in-view.py',
    '.github/scripts/release_notes.py',
    // Doubles of the services a test talks to: a mock site, a mock queue.
    'shop/mocks/mock_site.py',
    'payments/fixtures/accounts.py',
    'payments/gateway_fakes.py',
    'payments/fakes.py',
    // Examples shown to users, under the folder names projects give them.
    'examples/worker/run.py',
    'docs/example/worker.py',
    '.examples/cron/job.py',
    // A plugin system's sample plugins, named as examples.
    'pluginsdk/example_theme/plugin.py',
    'auth-examples/oidc/callback.py',
  ]) {
    it(`skips ${file} by default`, () => assert.deepEqual(codesFor(file), []));
  }

  it('a module of factory_boy factories is test data, wherever it is kept; a mention of factories is not', () => {
    const factories = 'import factory\nfrom factory.django import DjangoModelFactory\n\n\n';
    assert.deepEqual(codesFor('inventory/circuits/factory.py', undefined, factories + EVERY_PROBLEM), []);
    assert.deepEqual(codesFor('inventory/circuits/factory.py', undefined, 'from app import factory\n\n\n' + EVERY_PROBLEM), TEST_CODE_RULES);
  });

  it('names that merely contain "test" are production code', () => {
    assert.deepEqual(codesFor('app/tests_pre_start.py'), TEST_CODE_RULES);
    assert.deepEqual(codesFor('latest/contest.py'), TEST_CODE_RULES);
    assert.deepEqual(codesFor('catalog/testimonials.py'), TEST_CODE_RULES);
  });

  it("a docs app's code is production code: only a Sphinx conf.py under docs/ is not", () => {
    assert.deepEqual(codesFor('docs/views.py'), TEST_CODE_RULES);
  });

  for (const file of [
    'backend/app/alembic/versions/4b1e0c_add_orders.py',
    'shop/migrations/0002_order_total.py',
    'api/orders_pb2.py',
    'api/orders_pb2_grpc.py',
    'api/orders_pb2.pyi',
  ]) {
    it(`skips generated code: ${file}`, () => assert.deepEqual(codesFor(file), []));
  }

  it('an Alembic migration is known by its header, wherever a project keeps them', () => {
    const header = '"""Add the tenant table."""\nfrom alembic import op\n\nrevision = "ce5c4ac967d8"\ndown_revision: str | None = "a1b2c3"\n\n\n';
    assert.deepEqual(codesFor('src/app/database/revisions/tenant/versions/2021-11-18_ce5c4ac967d8.py', undefined, header + EVERY_PROBLEM), []);
    // A revision that changes nothing imports nothing; the template's Revision ID line still says what it is.
    const empty =
      '"""Check the activity data.\n\nRevision ID: 01afcadbd8c0\nRevises: 0ffc0b277141\n"""\n\nrevision = "01afcadbd8c0"\ndown_revision = "0ffc0b277141"\n\n\n';
    assert.deepEqual(codesFor('shop/migration/versions/089_check.py', undefined, empty + EVERY_PROBLEM), []);
    // Without the header, a file in a versions/ folder is production code.
    assert.deepEqual(codesFor('src/app/api/versions/v2.py'), TEST_CODE_RULES);
  });

  it('checkTests does not bring generated code back; paths.generated replaces its defaults', () => {
    assert.deepEqual(codesFor('shop/migrations/0002_order_total.py', 'rules:\n  PL307:\n    checkTests: true\n'), []);
    assert.deepEqual(codesFor('shop/migrations/0002_order_total.py', 'paths:\n  generated: ["gen/**"]\n'), TEST_CODE_RULES);
    assert.deepEqual(codesFor('gen/client.py', 'paths:\n  generated: ["gen/**"]\n'), []);
  });

  it('folder globs match what is inside a folder, not a file of that name', () => {
    const config = defaultConfig('/workspace', { findRule: () => undefined });
    assert.equal(config.isTestFile('bin/new-test'), false);
    assert.equal(config.isTestFile('tests'), false);
    assert.equal(config.isTestFile('ci/_unit-test/geoip-test.sh'), true);
  });

  it('checkTests brings test code back for that rule only', () => {
    assert.deepEqual(codesFor('tests/test_login.py', 'rules:\n  PL307:\n    checkTests: true\n'), ['PL307']);
  });

  it('a configured list replaces the defaults', () => {
    const config = 'paths:\n  tests: ["qa/**"]\n';
    assert.deepEqual(codesFor('qa/login_checks.py', config), []);
    assert.deepEqual(codesFor('tests/test_login.py', config), TEST_CODE_RULES);
  });
});
