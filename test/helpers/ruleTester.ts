/**
 * A table-driven tester for one rule, in the spirit of ESLint's RuleTester:
 * each case lints a real file in a temporary workspace through the engine's
 * front door, asserts the exact diagnostics (1-based, as the CLI prints them),
 * applies the rule's fixes and proves that re-linting the fixed text is clean.
 * Workspaces live in memory (tmpfs) where the system has it, except the first
 * invalid case's of each rule, which stays on disk as the end-to-end case.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, autoFixOf } from '../../server/src/engine/edits';
import type { AnyRule } from '../../server/src/engine/rule';
import { SourceDocument } from '../../server/src/engine/sourceDocument';
import type { Diagnostic, Fix, FixApplicability } from '../../server/src/engine/types';
import { Workspace } from '../../server/src/engine/workspace';
import { builtinRules } from '../../server/src/rules';
import { makeWorkspace, removeWorkspace } from './workspace';

export interface ExpectedDiagnostic {
  message?: string | RegExp;
  /** 1-based line and column of the range start. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Diagnostic['severity'];
}

interface CaseBase {
  name?: string;
  /** The text of the linted file. */
  code: string;
  /** Path of the linted file inside the workspace; defaults per file kind. */
  filename?: string;
  /** The rule's options, written into `.plumbline.yaml`. */
  options?: Record<string, unknown>;
  /** Other files of the workspace (relative path → content), for cross-file rules. */
  files?: Record<string, string>;
  /** Writes the workspace to the disk's temporary folder rather than memory. */
  onDisk?: boolean;
}

export type ValidCase = CaseBase | string;

export interface SuggestionExpectation {
  title: string;
  /** The fix's applicability, when the case pins it (the rule's default otherwise). */
  applicability?: FixApplicability;
  /** The linted file's text after applying the suggestion's edits (when it has any). */
  output?: string;
}

export interface InvalidCase extends CaseBase {
  errors: ExpectedDiagnostic[];
  /**
   * The text after `--fix --unsafe-fixes` applied this rule's auto-fixes
   * (repeatedly, as the CLI does). Required when an auto-fix applies; `null`
   * (or omitting it) asserts none does.
   */
  output?: string | null;
  /** Every fix offered for each diagnostic, in order, when the case cares. */
  suggestions?: SuggestionExpectation[][];
}

const DEFAULT_FILENAMES: Record<string, string> = {
  dockerfile: 'Dockerfile',
  compose: 'compose.yaml',
  python: 'app/service.py',
  requirements: 'requirements.txt',
  markdown: 'docs/guide.md',
  shell: 'scripts/backend/deployment/run.sh',
  manifest: 'package.json',
  env: '.env',
  'plumbline-config': '.plumbline.yaml',
  protected: '.mcp.json',
};

function yamlValue(value: unknown): string {
  return JSON.stringify(value);
}

function configText(rule: AnyRule, options: Record<string, unknown> | undefined): string | undefined {
  if (!options) return undefined;
  const lines = [`rules:`, `  ${rule.meta.code}:`];
  for (const [key, value] of Object.entries(options)) lines.push(`    ${key}: ${yamlValue(value)}`);
  return lines.join('\n') + '\n';
}

export interface Linted {
  workspace: Workspace;
  document: SourceDocument;
  diagnostics: Diagnostic[];
  cleanup(): void;
}

/** Lints one case's file in its own workspace, with the rule turned on and configured as the case says. */
export function lintCase(rule: AnyRule, testCase: CaseBase): Linted {
  const filename = testCase.filename ?? DEFAULT_FILENAMES[rule.meta.kinds[0]!]!;
  const files: Record<string, string> = { ...testCase.files, [filename]: testCase.code };
  const config = configText(rule, testCase.options);
  if (config !== undefined) files['.plumbline.yaml'] = config;
  // A rule that is off by default is turned on for its own tests.
  if (rule.meta.enabledByDefault === false) {
    files['.plumbline.yaml'] = (config ?? `rules:\n  ${rule.meta.code}:\n`) + `    severity: ${rule.meta.severity}\n`;
  }
  const root = makeWorkspace(files, { inMemory: !testCase.onDisk });
  const workspace = new Workspace({ root, registry: builtinRules });
  workspace.index.scan();
  const document = new SourceDocument(path.join(root, filename), testCase.code);
  const result = workspace.lint(document);
  assert.deepEqual(result.failures, [], `rule threw: ${result.failures.map((f) => f.message).join('\n')}`);
  return { workspace, document, diagnostics: result.diagnostics, cleanup: () => removeWorkspace(root) };
}

export function ofRule(rule: AnyRule, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code === rule.meta.code);
}

export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code} ${d.message}`)
    .join('\n');
}

function assertDiagnostic(actual: Diagnostic, expected: ExpectedDiagnostic, index: number): void {
  const where = `diagnostic #${index + 1} (${actual.message})`;
  assert.equal(actual.range.start.line + 1, expected.line, `${where}: line`);
  assert.equal(actual.range.start.character + 1, expected.column, `${where}: column`);
  if (expected.endLine !== undefined) assert.equal(actual.range.end.line + 1, expected.endLine, `${where}: end line`);
  if (expected.endColumn !== undefined) assert.equal(actual.range.end.character + 1, expected.endColumn, `${where}: end column`);
  if (typeof expected.message === 'string') assert.equal(actual.message, expected.message, `${where}: message`);
  else if (expected.message) assert.match(actual.message, expected.message, `${where}: message`);
  if (expected.severity) assert.equal(actual.severity, expected.severity, `${where}: severity`);
}

/** Applies this rule's auto-fixes pass after pass, as `--fix --unsafe-fixes` does, and returns the text. */
function fixWithRule(rule: AnyRule, linted: Linted): string {
  let document = linted.document;
  let diagnostics = ofRule(rule, linted.diagnostics);
  for (let pass = 0; pass < 10; pass++) {
    const fixes = diagnostics.map((d) => autoFixOf(d, { unsafe: true })).filter((fix): fix is Fix => fix !== undefined);
    if (fixes.length === 0) break;
    // One fix per pass keeps the tester independent of overlap handling.
    const text = applyEdits(document.text, fixes[0]!.edits);
    document = new SourceDocument(document.path, text);
    diagnostics = ofRule(rule, linted.workspace.lint(document).diagnostics);
  }
  return document.text;
}

/** Every fix reaches the front ends with an applicability: a rule with fixes must declare one (RuleFixMeta). */
function assertApplicabilityDeclared(rule: AnyRule, diagnostics: readonly Diagnostic[]): void {
  for (const fix of diagnostics.flatMap((d) => d.fixes ?? [])) {
    assert.ok(fix.applicability, `${rule.meta.code} reports the fix "${fix.title}" without an applicability; declare meta.fixApplicability`);
    // The rule's page tells users whether --fix applies its fixes: it must know which ones never are.
    if (fix.workspaceChanges?.length) {
      assert.ok(rule.meta.fixChangesOtherFiles, `${rule.meta.code}'s fix "${fix.title}" changes another file; declare meta.fixChangesOtherFiles`);
    }
  }
}

function codeCounts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  return counts;
}

/** Re-lints fixed text: the rule is silent and no other rule reports more than before. */
function assertCleanAfterFix(rule: AnyRule, linted: Linted, fixedText: string): void {
  const after = linted.workspace.lint(new SourceDocument(linted.document.path, fixedText)).diagnostics;
  assert.deepEqual(describeDiagnostics(ofRule(rule, after)), '', 're-linting the fixed text still reports the rule');
  const before = codeCounts(linted.diagnostics);
  for (const [code, count] of codeCounts(after)) {
    assert.ok(count <= (before.get(code) ?? 0), `the fix introduced ${code}:\n${describeDiagnostics(after)}`);
  }
}

export function testRule(rule: AnyRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    describe('valid', () => {
      cases.valid.forEach((raw, i) => {
        const testCase = typeof raw === 'string' ? { code: raw } : raw;
        it(testCase.name ?? `valid #${i + 1}`, () => {
          const linted = lintCase(rule, testCase);
          try {
            assert.equal(describeDiagnostics(ofRule(rule, linted.diagnostics)), '', 'expected no diagnostics');
          } finally {
            linted.cleanup();
          }
        });
      });
    });
    describe('invalid', () => {
      cases.invalid.forEach((testCase, i) => {
        it(testCase.name ?? `invalid #${i + 1}`, () => {
          const linted = lintCase(rule, { ...testCase, onDisk: testCase.onDisk ?? i === 0 });
          try {
            const actual = ofRule(rule, linted.diagnostics);
            assert.equal(actual.length, testCase.errors.length, `diagnostic count; got:\n${describeDiagnostics(actual)}`);
            actual.forEach((d, j) => assertDiagnostic(d, testCase.errors[j]!, j));
            assertApplicabilityDeclared(rule, actual);
            if (testCase.suggestions) {
              const offered = actual.map((d) => d.fixes ?? []);
              assert.deepEqual(
                offered.map((fixes) => fixes.map((f) => f.title)),
                testCase.suggestions.map((list) => list.map((s) => s.title)),
                'fix titles',
              );
              testCase.suggestions.forEach((list, d) =>
                list.forEach((expected, f) => {
                  if (expected.applicability !== undefined) {
                    assert.equal(offered[d]![f]!.applicability, expected.applicability, `applicability of "${expected.title}"`);
                  }
                  if (expected.output === undefined) return;
                  assert.equal(applyEdits(linted.document.text, offered[d]![f]!.edits), expected.output, `fix "${expected.title}"`);
                }),
              );
            }
            const fixed = fixWithRule(rule, linted);
            // As ESLint's RuleTester: a case the rule fixes must show the fixed text.
            if (testCase.output === undefined) {
              assert.equal(fixed, testCase.code, 'the rule auto-fixes this case: state its `output`');
              return;
            }
            if (testCase.output === null) {
              assert.equal(fixed, testCase.code, 'expected no auto-fix');
              return;
            }
            assert.equal(fixed, testCase.output, 'text after fix');
            assertCleanAfterFix(rule, linted, fixed);
          } finally {
            linted.cleanup();
          }
        });
      });
    });
  });
}

/** Reads a fixture file under test/fixtures. */
export function fixture(relative: string): string {
  return fs.readFileSync(path.join(__dirname, '..', 'fixtures', relative), 'utf8');
}
