import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { ChangeSet } from '../../../../server/src/engine/changes';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { changelogEntryRequired } from '../../../../server/src/rules/changelog/entry-required';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const BASE_CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Export invoices as CSV\n';
const WITH_ENTRY = `${BASE_CHANGELOG}- Retry failed webhooks\n`;

/** PL406 on the billing service's CHANGELOG.md, the service's app.py changed since `main`. */
describe('PL406 changelog/entry-required', () => {
  let root = '';
  afterEach(() => removeWorkspace(root));

  function lint(changelogNow: string, changed: readonly string[] | undefined, base = BASE_CHANGELOG): Array<{ line: number; message: string }> {
    root = makeWorkspace({
      'services/billing/Dockerfile': 'FROM python:3.12.7-slim\n',
      'services/billing/app.py': '"""Billing."""\n',
      'services/billing/CHANGELOG.md': changelogNow,
    });
    const workspace = new Workspace({ root, registry: builtinRules, rules: [changelogEntryRequired] });
    workspace.index.scan();
    const changelog = path.join(root, 'services/billing/CHANGELOG.md');
    if (changed) {
      const changes: ChangeSet = {
        ref: 'main',
        files: new Set(changed.map((file) => path.join(root, file))),
        textAtBase: (filePath) => (filePath === changelog ? base : undefined),
      };
      workspace.index.changes = changes;
    }
    return workspace
      .lint(new SourceDocument(changelog, changelogNow))
      .diagnostics.map((diagnostic) => ({ line: diagnostic.range.start.line + 1, message: diagnostic.message }));
  }

  it('reports a changed component whose CHANGELOG.md gained no entry', () => {
    assert.deepEqual(lint(BASE_CHANGELOG, ['services/billing/app.py']), [
      { line: 1, message: 'services/billing changed since main (app.py) but its CHANGELOG.md gained no entry; add one under [Unreleased].' },
    ]);
  });

  it('is silent once the CHANGELOG.md gained an entry', () => {
    assert.deepEqual(lint(WITH_ENTRY, ['services/billing/app.py', 'services/billing/CHANGELOG.md']), []);
  });

  describe('a changelog that records releases as lerna writes them, without [Unreleased]', () => {
    const released = '# Change Log\n\n## [1.0.0](https://example.com/compare/v0.9.0...v1.0.0) (2026-09-01)\n\n### Bug Fixes\n\n* parse empty invoices\n';
    const bumped = `# Change Log\n\n## [1.0.1](https://example.com/compare/v1.0.0...v1.0.1) (2026-09-22)\n\n**Note:** Version bump only for package billing\n${released.slice('# Change Log\n'.length)}`;

    it('a new release with only a note is an entry', () => {
      assert.deepEqual(lint(bumped, ['services/billing/app.py', 'services/billing/CHANGELOG.md'], released), []);
    });

    it('without one, the advice does not name a section the file does not have', () => {
      assert.deepEqual(lint(released, ['services/billing/app.py'], released), [
        { line: 1, message: 'services/billing changed since main (app.py) but its CHANGELOG.md gained no entry; add one.' },
      ]);
    });
  });

  it('is silent when no file of the component changed', () => {
    assert.deepEqual(lint(BASE_CHANGELOG, []), []);
  });

  it('is silent without a change set', () => {
    assert.deepEqual(lint(BASE_CHANGELOG, undefined), []);
  });
});
