import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { changelogTemplate } from '../../server/src/workflows/changelog';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { runInProcess } from './cliRunner';

const STAMP = /\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z, Jane Doe\)/;

describe('plumbline changelog', () => {
  it('init creates CHANGELOG.md from the template and never overwrites it', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': '', 'services/billing/pyproject.toml': '' });
    try {
      const run = await runInProcess(['changelog', 'init', 'services/billing'], root);
      assert.deepEqual(run, { status: 0, stdout: 'Created services/billing/CHANGELOG.md\n', stderr: '' });
      const target = path.join(root, 'services/billing/CHANGELOG.md');
      assert.equal(fs.readFileSync(target, 'utf8'), changelogTemplate());
      fs.writeFileSync(target, '# Mine\n');
      const again = await runInProcess(['changelog', 'init', 'services/billing'], root);
      assert.deepEqual(again, { status: 1, stdout: '', stderr: 'services/billing/CHANGELOG.md already exists; it was left as it is.\n' });
      assert.equal(fs.readFileSync(target, 'utf8'), '# Mine\n');
    } finally {
      removeWorkspace(root);
    }
  });

  it('add puts the entry under Unreleased of the nearest changelog', async () => {
    const root = makeWorkspace({
      '.plumbline.yaml': '',
      'CHANGELOG.md': changelogTemplate(),
      'services/api/CHANGELOG.md': changelogTemplate(),
      'services/api/src/app.py': '',
    });
    try {
      const run = await runInProcess(
        ['changelog', 'add', '--section', 'fixed', '--author', 'Jane Doe', 'Crash', 'on start'],
        path.join(root, 'services/api/src'),
      );
      assert.equal(run.stderr, '');
      assert.equal(run.stdout, 'Added to Fixed in ../CHANGELOG.md:12\n');
      assert.equal(run.status, 0);
      const text = fs.readFileSync(path.join(root, 'services/api/CHANGELOG.md'), 'utf8');
      assert.ok(text.startsWith(changelogTemplate() + '\n### Fixed\n\n- Crash on start ('), text);
      assert.match(text, STAMP);
      assert.equal(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), changelogTemplate());
    } finally {
      removeWorkspace(root);
    }
  });

  it('bad arguments exit 2 and change nothing', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': '', 'CHANGELOG.md': changelogTemplate() });
    try {
      const cases: Array<[string[], RegExp]> = [
        [['changelog'], /missing action; use "init" or "add"/],
        [['changelog', 'publish'], /unknown action "publish"/],
        [['changelog', 'add', 'text'], /--section is required \(Added, Changed, Deprecated, Removed, Fixed, Security\)/],
        [['changelog', 'add', '--section', 'Improvements', 'text'], /unknown section "Improvements"/],
        [['changelog', 'add', '--section', 'Fixed'], /give the entry text/],
        [['changelog', 'add', '--sektion', 'Fixed', 'x'], /plumbline changelog add: Unknown option '--sektion'/],
        [['changelog', 'init', 'a', 'b'], /at most one directory/],
        [['changelog', 'init', 'CHANGELOG.md'], /CHANGELOG\.md is not a directory/],
      ];
      for (const [args, message] of cases) {
        const run = await runInProcess(args, root);
        assert.equal(run.status, 2, args.join(' '));
        assert.match(run.stderr, message);
      }
      assert.equal(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), changelogTemplate());
    } finally {
      removeWorkspace(root);
    }
  });

  it('add without a changelog says how to create one', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': '' });
    try {
      const run = await runInProcess(['changelog', 'add', '--section', 'Added', 'x'], root);
      assert.deepEqual(run, { status: 1, stdout: '', stderr: 'No CHANGELOG.md here or above; create one with "plumbline changelog init".\n' });
    } finally {
      removeWorkspace(root);
    }
  });
});
