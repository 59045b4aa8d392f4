/**
 * Every rule's documented examples are linted, as ESLint's check-rule-examples
 * does: the bad example must be reported by that rule, the good one not at all
 * by it. A page that shows compliant code the rule still reports misleads.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { AnyRule } from '../../../server/src/engine/rule';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { allRules } from '../../../server/src/rules';
import { describeDiagnostics, lintCase, ofRule } from '../../helpers/ruleTester';

/** Rules whose examples are a list of the workspace's files (an indented tree under `dir/`), not one file. */
const LISTING_EXAMPLES = new Set(['PL402', 'PL405', 'PL501', 'PL502', 'PL503', 'PL507']);
/** Rules whose examples are terminal sessions, which need a git history; the rules' own tests build one. */
const SESSION_EXAMPLES = new Set(['PL406', 'PL508']);

/** The files a listing names: one path a line, `# comments` and `<- PL…` markers aside, indented lines below their `dir/`. */
function filesOfListing(listing: string): string[] {
  const files: string[] = [];
  let directory = '';
  for (const line of listing.split('\n')) {
    const entry = line.replace(/\s+(#|<-).*$/, '').trim();
    if (!entry) continue;
    if (entry.endsWith('/')) directory = entry;
    else files.push(line.startsWith(' ') ? directory + entry : entry);
  }
  return files;
}

/** The rule's diagnostics on one of its examples, linted as the file the page names, among the files its comments describe. */
function lintExample(rule: AnyRule, which: 'bad' | 'good'): string {
  const { code, docs } = rule.meta;
  const [first, ...others] = LISTING_EXAMPLES.has(code) ? filesOfListing(docs[which]) : [docs.exampleFile];
  const linted = lintCase(rule, {
    code: LISTING_EXAMPLES.has(code) ? '' : docs[which],
    ...(first && { filename: first }),
    files: { ...docs.exampleSurroundings?.[which], ...Object.fromEntries(others.map((file) => [file, ''])) },
  });
  try {
    const diagnostics = [
      linted.diagnostics,
      ...others.map((file) => linted.workspace.lint(new SourceDocument(path.join(linted.workspace.root, file!), '')).diagnostics),
    ];
    return describeDiagnostics(ofRule(rule, diagnostics.flat()));
  } finally {
    linted.cleanup();
  }
}

describe('documented rule examples', () => {
  for (const rule of allRules) {
    const { code, docs } = rule.meta;
    const skip = SESSION_EXAMPLES.has(code) && 'the example is a terminal session with git';

    it(`${code}: the bad example is reported by ${code}`, { skip }, () => {
      assert.notEqual(lintExample(rule, 'bad'), '', `no ${code} on:\n${docs.bad}`);
    });

    it(`${code}: the good example is not reported by ${code}`, { skip }, () => {
      assert.equal(lintExample(rule, 'good'), '', `on:\n${docs.good}`);
    });
  }
});
