import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { configFromText } from '../../server/src/engine/config';
import { buildConfigSchema } from '../../server/src/cli/docs/configSchema';
import { README_PATH, RULE_DOCS_DIRECTORY, generatedFiles, readmeWithRuleTable } from '../../server/src/cli/docs/generated';
import { POLICY_PATH, POLICY_SECTIONS, policySectionOf, renderRulePage } from '../../server/src/cli/docs/rulePage';
import { allRules, findRule } from '../../server/src/rules';

const repositoryRoot = path.resolve(__dirname, '..', '..');
const STALE = 'is stale: run `npm run docs` and commit the result';

describe('generated rule docs and config schema', () => {
  const files = generatedFiles(allRules);

  it('match the rules (docs/rules/*.md, schemas/plumbline.schema.json)', () => {
    for (const [relative, expected] of files) {
      const target = path.join(repositoryRoot, relative);
      const actual = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
      assert.ok(actual === expected, `${relative} ${actual === undefined ? 'is missing' : STALE}`);
    }
  });

  it("include the README's rule table", () => {
    const readme = fs.readFileSync(path.join(repositoryRoot, README_PATH), 'utf8');
    assert.ok(readmeWithRuleTable(readme, allRules) === readme, `the rule table in ${README_PATH} ${STALE}`);
  });

  it('leave no page of a rule that no longer exists', () => {
    const pages = fs.readdirSync(path.join(repositoryRoot, RULE_DOCS_DIRECTORY)).filter((name) => name.endsWith('.md'));
    const extra = pages.filter((name) => !files.has(`${RULE_DOCS_DIRECTORY}/${name}`));
    assert.deepEqual(extra, [], `pages without a rule ${STALE}`);
  });

  it('give every rule a rationale and distinct bad and good examples', () => {
    for (const { meta } of allRules) {
      assert.ok(meta.docs.rationale.trim().length > 0, `${meta.code}: docs.rationale`);
      assert.ok(meta.docs.bad.trim().length > 0 && meta.docs.good.trim().length > 0, `${meta.code}: docs.bad and docs.good`);
      assert.notEqual(meta.docs.bad, meta.docs.good, `${meta.code}: the bad and good examples are the same`);
    }
  });
});

describe('docs/policy.md, the policy the rules enforce', () => {
  const policy = fs.readFileSync(path.join(repositoryRoot, POLICY_PATH), 'utf8');
  /** Each `## Heading` section's text, by its GitHub anchor. */
  const sections = new Map(
    policy
      .split(/^## /m)
      .slice(1)
      .map((section) => {
        const heading = section.slice(0, section.indexOf('\n'));
        return [
          heading
            .toLowerCase()
            .replace(/[^a-z0-9 -]/g, '')
            .replace(/ /g, '-'),
          section,
        ] as const;
      }),
  );

  it('has a section for every clause a rule page links to, under the heading the link names', () => {
    for (const [anchor, heading] of Object.entries(POLICY_SECTIONS)) {
      assert.ok(sections.get(anchor)?.startsWith(`${heading}\n`), `${POLICY_PATH} lacks "## ${heading}" (#${anchor})`);
    }
  });

  it('names every rule in the clause its page links to', () => {
    for (const { meta } of allRules) {
      const anchor = policySectionOf(meta.code);
      assert.ok(sections.get(anchor)?.includes(`**${meta.code}**`), `${POLICY_PATH}#${anchor} does not name ${meta.code}`);
    }
  });

  it('is what rule pages link to; no page points at a POLICY.md outside the repository', () => {
    for (const rule of allRules) {
      const page = renderRulePage(rule);
      assert.ok(page.includes(`](../policy.md#${policySectionOf(rule.meta.code)})`), `${rule.meta.code} links to its clause`);
      assert.ok(!page.includes('POLICY.md'), `${rule.meta.code} mentions POLICY.md`);
    }
  });
});

describe('the config schema agrees with the engine', () => {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(buildConfigSchema(allRules));
  const engineAccepts = (text: string) => configFromText(text, { root: repositoryRoot, lookup: { findRule } }).problems.length === 0;

  const ruleWithOptions = allRules.find((rule) => Object.keys(rule.meta.options ?? {}).length > 0);
  const accepted = [
    '',
    'rules:\n  PL504: error\n  config/unused-suppression: "off"\n',
    'rules:\n  PL505:\n    severity: hint\nignore:\n  - vendor/**\nmaxFileSize: 2048\npaths:\n  adr: docs/decisions\n  portRegistry: ops/ports.md\ncompose:\n  files: ["deploy/*.yml"]\n',
  ];
  if (ruleWithOptions) {
    const [name, spec] = Object.entries(ruleWithOptions.meta.options!)[0]!;
    accepted.push(`rules:\n  ${ruleWithOptions.meta.name}:\n    ${name}: ${JSON.stringify(spec.default)}\n`);
  }
  const rejected = [
    'rulez:\n  PL504: error\n',
    'rules:\n  PL999: error\n',
    'rules:\n  PL505: loud\n',
    'rules:\n  PL505:\n    colour: red\n',
    'ignore: vendor/**\n',
    'maxFileSize: big\n',
    'paths:\n  tests: test\n',
    'compose:\n  globs: []\n',
  ];

  for (const text of accepted) {
    it(`accepts ${JSON.stringify(text)}`, () => {
      assert.ok(engineAccepts(text), 'the engine accepts it');
      assert.ok(validate(parse(text)), JSON.stringify(validate.errors));
    });
  }
  for (const text of rejected) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.ok(!engineAccepts(text), 'the engine reports it');
      assert.equal(validate(parse(text)), false, 'the schema rejects it');
    });
  }

  it('offers every rule by code and by name', () => {
    const schema = buildConfigSchema(allRules) as { properties: { rules: { properties: Record<string, unknown> } } };
    const keys = Object.keys(schema.properties.rules.properties);
    for (const { meta } of allRules) assert.ok(keys.includes(meta.code) && keys.includes(meta.name), meta.code);
  });
});
