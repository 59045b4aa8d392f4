import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../server/src/engine/workspace';
import { builtinRules } from '../../../server/src/rules';
import { parseMarkdown } from '../../../server/src/languages/markdown';
import { adrRules } from '../../../server/src/rules/adr';
import { changelogRules } from '../../../server/src/rules/changelog';
import { docsRules } from '../../../server/src/rules/docs';
import { makeWorkspace, removeWorkspace } from '../../helpers/workspace';

const markdownRules = [...changelogRules, ...adrRules, ...docsRules];

/** Inputs that make a CommonMark parser recurse deeply or backtrack; sizes stay small so the suite stays fast. */
const HOSTILE: Record<string, string> = {
  'block quotes nested on one line': '>'.repeat(20000) + ' x\n',
  'block quotes nested line by line': Array.from({ length: 300 }, (_, i) => '> '.repeat(i) + 'x').join('\n'),
  'lists nested by indentation': Array.from({ length: 120 }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n'),
  'list markers on one line': '- '.repeat(5000) + 'x\n',
  'list markers on one line after a byte-order mark': '\uFEFF' + '- '.repeat(5000) + 'x\n',
  'a run of brackets': '# Changelog\n\n## [Unreleased]\n\n' + '['.repeat(50000) + '\n',
  'unclosed front matter': '---\nstatus: accepted\n' + 'x: y\n'.repeat(1000),
  'NUL and control characters': '# Changelog\u0000\n\n## [Unreleased]\u0007\n',
};

describe('Markdown rules on hostile input', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`${name}: parses with offsets intact, and no rule throws`, () => {
      const model = parseMarkdown(new SourceDocument('/w/x.md', text));
      assert.ok(model.root.position === undefined || model.root.position.end.offset === text.length);
      const root = makeWorkspace({ 'docs/adr/.keep': '' });
      try {
        const workspace = new Workspace({ root, registry: builtinRules, rules: markdownRules });
        workspace.index.scan();
        for (const file of ['CHANGELOG.md', 'docs/adr/0001-x.md', 'services/api/NOTES.md']) {
          const result = workspace.lint(new SourceDocument(path.join(root, file), text));
          assert.deepEqual(result.failures, [], file);
        }
      } finally {
        removeWorkspace(root);
      }
    });
  }
});

describe('Markdown nested absurdly deep', () => {
  it('a line of list markers is blanked before parsing, after a byte-order mark too (the parser took seconds on it)', () => {
    for (const text of ['- '.repeat(5000) + 'x\n', '\uFEFF' + '- '.repeat(5000) + 'x\n']) {
      const model = parseMarkdown(new SourceDocument('/w/x.md', text));
      assert.deepEqual(model.root.children, [], JSON.stringify(text.slice(0, 6)));
    }
  });
});
