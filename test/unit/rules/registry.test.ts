/**
 * A rule is one file named after it: `rules/<pack>/<name>.ts` holds the rule
 * `<pack>/<name>`, is registered, and has `test/unit/rules/<pack>/<name>.test.ts`.
 * Pack folders hold only rules and an index.ts; helpers live in support/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { AnyRule } from '../../../server/src/engine/rule';
import { allRules } from '../../../server/src/rules';

const repositoryRoot = path.resolve(__dirname, '..', '..', '..');
const RULES_FOLDER = 'server/src/rules';
/** Folders of `rules/` that are not packs: helpers shared across packs. */
const NOT_PACKS = new Set(['support']);

function isRule(value: unknown): value is AnyRule {
  const meta = (value as Partial<AnyRule> | undefined)?.meta;
  return typeof meta?.code === 'string' && typeof meta.name === 'string' && typeof (value as AnyRule).check === 'function';
}

interface RuleModule {
  /** `<pack>/<file name without .ts>`, as the file's place says. */
  place: string;
  file: string;
  rules: AnyRule[];
}

/** Every module directly inside a pack folder, but its index.ts, with the rules it exports. */
function packModules(): RuleModule[] {
  const root = path.join(repositoryRoot, RULES_FOLDER);
  const packs = fs.readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !NOT_PACKS.has(entry.name));
  return packs.flatMap((pack) =>
    fs
      .readdirSync(path.join(root, pack.name), { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && entry.name !== 'index.ts')
      .map((entry) => {
        const file = path.posix.join(RULES_FOLDER, pack.name, entry.name);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads every rule module by path, synchronously inside describe()
        const exports = require(path.join(repositoryRoot, file)) as Record<string, unknown>;
        return { place: `${pack.name}/${entry.name.slice(0, -'.ts'.length)}`, file, rules: Object.values(exports).filter(isRule) };
      }),
  );
}

describe('rule modules', () => {
  const modules = packModules();

  it("each export exactly one rule, named after the module's place", () => {
    const misplaced = modules
      .filter(({ place, rules }) => rules.length !== 1 || rules[0]!.meta.name !== place)
      .map(({ file, rules }) =>
        rules.length === 0
          ? `${file} exports no rule: move it to support/ (or languages/ when it models a file format)`
          : `${file} exports ${rules.map((rule) => rule.meta.name).join(', ')}: a rule named <pack>/<name> lives in ${RULES_FOLDER}/<pack>/<name>.ts`,
      );
    assert.deepEqual(misplaced, []);
  });

  it('are registered, and every registered rule comes from one', () => {
    const fromModules = new Set(modules.flatMap(({ rules }) => rules));
    assert.deepEqual(
      modules.filter(({ rules }) => rules.some((rule) => !allRules.includes(rule))).map(({ file }) => `${file} is not in its pack's index.ts`),
      [],
    );
    assert.deepEqual(
      allRules.filter((rule) => !fromModules.has(rule)).map(({ meta }) => `${meta.code} ${meta.name} is not defined in ${RULES_FOLDER}/${meta.name}.ts`),
      [],
    );
  });

  it('each have a test file that mirrors them', () => {
    const untested = modules
      .filter(({ rules }) => rules.length > 0)
      .map(({ place }) => `test/unit/rules/${place}.test.ts`)
      .filter((testFile) => !fs.existsSync(path.join(repositoryRoot, testFile)));
    assert.deepEqual(untested, []);
  });
});
