import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAs } from '../languages';
import { allRules, findRule } from '../rules';
import {
  CONFIG_FILE_NAMES,
  DEFAULT_MAX_FILE_SIZE,
  configFromText,
  defaultConfig,
  findConfigFile,
  type ResolvedConfig,
  type SeverityOverrides,
} from './config';
import { applyEdits, nonOverlappingAutoFixEdits, withApplicability, type BulkFixOptions } from './edits';
import { isBinary, relativePosix } from './fileSystem';
import { compareOrdinal } from './ordinal';
import type { AnyRule, OptionValues, OptionSpecs } from './rule';


type AnyRuleOptions = OptionValues<OptionSpecs>;
import { SourceDocument } from './sourceDocument';
import {
  addSuppressionEdit,
  applySuppressions,
  parseSuppressions,
  removeSuppressionEdit,
  type SuppressedCode,
  type SuppressionDirective,
} from './suppressions';
import { lowerSeverity, type CancellationSignal, type Diagnostic, type FileKind, type Report, type TextEdit } from './types';
import { WorkspaceIndex, type IndexReads } from './workspaceIndex';

export const UNUSED_SUPPRESSION_CODE = 'PL505';
const MAX_FIX_PASSES = 10;
const NEVER_CANCELLED: CancellationSignal = { isCancellationRequested: false };

export interface RuleFailure {
  code: string;
  message: string;
}

export interface LintResult {
  kind: FileKind | undefined;
  diagnostics: Diagnostic[];
  /** Why the file was not checked (binary, too large, ignored), for front ends to show. */
  skipped?: string;
  /** Rules that threw; the other rules' diagnostics are still returned. */
  failures: RuleFailure[];
  cancelled?: boolean;
}

export interface FixAllResult {
  text: string;
  fixesApplied: number;
  /** Diagnostics of the fixed text. */
  remaining: LintResult;
}

export interface WorkspaceOptions {
  root: string;
  /** Use this configuration file for every file instead of the nearest `.plumbline.yaml`. */
  configFile?: string;
  overrides?: SeverityOverrides;
  rules?: readonly AnyRule[];
}

/** A directive that names only PL505 exists to keep other suppressions. */
function onlyKeepsSuppressions(directive: SuppressionDirective): boolean {
  return directive.codes.length > 0 && directive.codes.every((entry) => entry.code === UNUSED_SUPPRESSION_CODE);
}

/**
 * The engine's front door, shared by the CLI and the language server:
 * configuration lookup, the workspace index, linting and fixing.
 */
export class Workspace {
  readonly root: string;
  readonly index: WorkspaceIndex;
  private readonly rules: readonly AnyRule[];
  private readonly configFile: string | undefined;
  private overrides: SeverityOverrides;
  private readonly configs = new Map<string, ResolvedConfig>();
  private readonly configFileOfDirectory = new Map<string, string | undefined>();

  constructor(options: WorkspaceOptions) {
    this.root = path.resolve(options.root);
    this.rules = options.rules ?? allRules;
    this.configFile = options.configFile && path.resolve(options.configFile);
    this.overrides = options.overrides ?? {};
    this.index = new WorkspaceIndex(this.root, (filePath) => this.configFor(filePath));
    this.index.onDidChange((changes) => {
      const touchesConfig = changes.some((change) =>
        (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(change.path)) || change.path === this.configFile,
      );
      if (touchesConfig) this.forgetConfigs();
    });
  }

  setOverrides(overrides: SeverityOverrides): void {
    this.overrides = overrides;
    this.forgetConfigs();
  }

  /** The configuration that governs a file: the explicit one, or the nearest `.plumbline.yaml`. */
  configFor(filePath: string): ResolvedConfig {
    const configPath = this.configFile ?? this.nearestConfigFile(path.dirname(filePath));
    const key = configPath ?? '';
    let config = this.configs.get(key);
    if (!config) {
      config = this.loadConfig(configPath);
      this.configs.set(key, config);
    }
    return config;
  }

  kindOf(document: SourceDocument): FileKind | undefined {
    const config = this.configFor(document.path);
    return this.classify(document, relativePosix(config.root, document.path), config);
  }

  /** An explicit configuration file is one whatever its name, so its PL504 problems are reported. */
  private classify(document: SourceDocument, relativePath: string, config: ResolvedConfig): FileKind | undefined {
    if (document.path === this.configFile) return 'plumbline-config';
    return config.classifier.classify(relativePath, document.lineText(0));
  }

  /** The rules this workspace runs, as a key: a result cache never mixes results of different rule sets. */
  ruleSetKey(): string {
    return this.rules.map((rule) => rule.meta.code).join(',');
  }

  /** Lints and returns what the lint read from the index beside the result, for a result cache to store. */
  lintRecordingReads(document: SourceDocument, signal?: CancellationSignal): { result: LintResult; reads: IndexReads } {
    const { value, reads } = this.index.recordReads(() => this.lint(document, signal));
    return { result: value, reads };
  }

  lint(document: SourceDocument, signal: CancellationSignal = NEVER_CANCELLED): LintResult {
    const config = this.configFor(document.path);
    const relativePath = relativePosix(config.root, document.path);
    const kind = this.classify(document, relativePath, config);
    const result: LintResult = { kind, diagnostics: [], failures: [] };
    if (!kind) return result;
    if (config.isIgnored(relativePath)) return { ...result, skipped: 'ignored by the configuration' };
    if (document.text.length > config.maxFileSize) {
      return { ...result, skipped: `${document.text.length} characters, over the ${config.maxFileSize}-byte limit (maxFileSize)` };
    }
    if (isBinary(document.text)) return { ...result, skipped: 'binary content' };

    const found: Diagnostic[] = [];
    // A rule that needs a change set is as good as off without one, for its suppressions too.
    const runs = (rule: AnyRule) => config.severityOf(rule) !== 'off' && (!rule.meta.needsChangeSet || this.index.changes !== undefined);
    for (const rule of this.rules) {
      if (!rule.meta.kinds.includes(kind)) continue;
      const severity = config.severityOf(rule);
      if (severity === 'off' || !runs(rule)) continue;
      if (signal.isCancellationRequested) return { ...result, cancelled: true };
      try {
        rule.check({
          document,
          kind,
          parsed: parseAs(kind, document),
          options: config.optionsOf(rule) as AnyRuleOptions,
          config,
          index: this.index,
          rules: { findRule },
          relativePath,
          signal,
          // Object.assign, not spread: reports of many shapes send object spread down V8's slow path.
          report: (report: Report) => {
            const diagnostic = Object.assign({}, report, { code: rule.meta.code, rule: rule.meta.name, severity: lowerSeverity(severity, report.severity) });
            if (report.fixes?.length) diagnostic.fixes = withApplicability(report.fixes, rule.meta.fixApplicability);
            found.push(diagnostic);
          },
        });
      } catch (error) {
        result.failures.push({ code: rule.meta.code, message: (error as Error)?.stack ?? String(error) });
      }
    }

    const directives = this.suppressionsOf(document, kind);
    const outcome = applySuppressions(found, directives, (code) => {
      const rule = findRule(code);
      return rule !== undefined && runs(rule);
    });
    result.diagnostics = [...outcome.kept, ...this.unusedSuppressionDiagnostics(document, config, directives, outcome.unused)];
    result.diagnostics.sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character ||
        compareOrdinal(a.code, b.code),
    );
    return result;
  }

  /**
   * Applies every auto-fix, re-linting between passes, until none is left (at
   * most 10 passes): the safe ones, and the unsafe ones too when `options`
   * or the file's configuration (`fix: { unsafe: true }`) ask for them.
   */
  fixAll(document: SourceDocument, options: BulkFixOptions = {}): FixAllResult {
    const bulk: BulkFixOptions = { unsafe: options.unsafe ?? this.configFor(document.path).fix.unsafe };
    let current = document;
    let fixesApplied = 0;
    let remaining = this.lint(current);
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const edits = nonOverlappingAutoFixEdits(remaining.diagnostics, bulk);
      if (edits.length === 0) break;
      const next = applyEdits(current.text, edits);
      if (next === current.text) break;
      fixesApplied += remaining.diagnostics.filter((d) => edits.some((e) => d.fixes?.some((f) => f.edits.includes(e)))).length;
      current = new SourceDocument(current.path, next, current.version);
      remaining = this.lint(current);
    }
    return { text: current.text, fixesApplied, remaining };
  }

  /** The edit behind "Disable CODE for this line/file". */
  suppressionEdit(document: SourceDocument, code: string, scope: 'line' | 'file', line: number): TextEdit | undefined {
    const kind = this.kindOf(document);
    if (!kind) return undefined;
    return addSuppressionEdit(document, kind, code, scope, line, this.suppressionsOf(document, kind));
  }

  private suppressionsOf(document: SourceDocument, kind: FileKind): SuppressionDirective[] {
    return parseSuppressions(document, kind, (codeOrName) => findRule(codeOrName)?.meta.code);
  }

  private unusedSuppressionDiagnostics(
    document: SourceDocument,
    config: ResolvedConfig,
    directives: readonly SuppressionDirective[],
    unused: ReturnType<typeof applySuppressions>['unused'],
  ): Diagnostic[] {
    const rule = findRule(UNUSED_SUPPRESSION_CODE);
    const severity = rule ? config.severityOf(rule) : 'off';
    if (!rule || severity === 'off') return [];
    const diagnostics: Diagnostic[] = [];
    const aboutKeepers: Array<{ diagnostic: Diagnostic; unusedEntry: SuppressedCode | SuppressionDirective }> = [];
    for (const { directive, entry } of unused) {
      const message = !entry
        ? 'This suppression silences nothing; remove it.'
        : entry.code
          ? `Unused suppression: ${entry.text} reports nothing here; remove it.`
          : `Unknown rule "${entry.text}" in suppression; use a code such as PL101 or a rule name.`;
      const diagnostic: Diagnostic = {
        code: rule.meta.code,
        rule: rule.meta.name,
        severity,
        message,
        range: entry?.range ?? directive.commentRange,
        unnecessary: true,
        fixes: [
          {
            title: entry ? `Remove unused suppression of ${entry.text}` : 'Remove unused suppression',
            applicability: rule.meta.fixApplicability,
            edits: [removeSuppressionEdit(document, directive, entry)],
            isPreferred: true,
          },
        ],
      };
      if (onlyKeepsSuppressions(directive)) aboutKeepers.push({ diagnostic, unusedEntry: entry ?? directive });
      else diagnostics.push(diagnostic);
    }
    // A directive may name PL505 itself to keep a deliberate suppression; it is
    // unused only if it keeps none. It cannot keep another such keeper: a chain
    // of them would unravel one fix-all pass per link.
    const outcome = applySuppressions(diagnostics, directives, () => true);
    const keepsNothing = new Set(outcome.unused.map(({ directive, entry }) => entry ?? directive));
    return [...outcome.kept, ...aboutKeepers.filter(({ unusedEntry }) => keepsNothing.has(unusedEntry)).map(({ diagnostic }) => diagnostic)];
  }

  private nearestConfigFile(directory: string): string | undefined {
    if (this.configFileOfDirectory.has(directory)) return this.configFileOfDirectory.get(directory);
    const found = findConfigFile(directory, this.root, (candidate: string) => this.index.has(candidate) || fs.existsSync(candidate));
    this.configFileOfDirectory.set(directory, found);
    return found;
  }

  private loadConfig(configPath: string | undefined): ResolvedConfig {
    if (!configPath) return defaultConfig(this.root, { findRule }, this.overrides);
    // The configuration decides maxFileSize, so its own file is read with the default limit.
    const document = this.index.document(configPath, DEFAULT_MAX_FILE_SIZE);
    const root = this.configFile ? this.root : path.dirname(configPath);
    if (!document) return defaultConfig(root, { findRule }, this.overrides);
    return configFromText(document.text, { root, file: configPath, lookup: { findRule }, overrides: this.overrides });
  }

  private forgetConfigs(): void {
    this.configs.clear();
    this.configFileOfDirectory.clear();
  }
}
