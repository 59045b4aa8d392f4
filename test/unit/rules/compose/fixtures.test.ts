/**
 * Real-world-style Compose files (databases, queues, monitoring stacks …)
 * linted with every rule; each fixture's findings are asserted exactly, as
 * the CLI would print them, from `<name>.expected` next to it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'compose');
const names = fs
  .readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

describe('Compose fixtures', () => {
  let root: string;
  let workspace: Workspace;
  before(() => {
    // Only the Compose rules and the registry: other packs' rules (CHANGELOG, layout) are not under test here.
    root = makeWorkspace({ 'PortRegistry.md': fs.readFileSync(path.join(FIXTURES, 'PortRegistry.md'), 'utf8'), '.plumbline.yaml': 'rules:\n  PL402: off\n' });
    workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
  });
  after(() => removeWorkspace(root));

  it('has twenty or more fixtures', () => assert.ok(names.length >= 20, `${names.length} fixtures`));

  for (const name of names) {
    it(name, () => {
      const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
      const result = workspace.lint(new SourceDocument(path.join(root, 'compose.yaml'), text));
      assert.deepEqual(result.failures, []);
      const actual = result.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`).join('\n');
      const expected = fs.readFileSync(path.join(FIXTURES, name.replace(/\.yaml$/, '.expected')), 'utf8').trimEnd();
      assert.equal(actual, expected);
    });
  }
});
