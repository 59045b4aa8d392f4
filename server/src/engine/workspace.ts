import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAs } from '../languages';
import { CONFIG_FILE_NAMES, DEFAULT_MAX_FILE_SIZE, configFromText, defaultConfig, findConfigFile, type ResolvedConfig, type SeverityOverrides } from './config';
import { applyEdits, nonOverlappingAutoFixEdits, withApplicability, type BulkFixOptions } from './edits';
import { isBinary, relativePosix } from './fileSystem';
import { IncrementalLints, type IncrementalRun } from './incremental';
import { compareOrdinal } from './ordinal';
import type { RuleRegistry } from './registry';
import type { AnyRule, OptionValues, OptionSpecs, RuleContext } from './rule';

type AnyRuleOptions = OptionValues<OptionSpecs>;
import { SourceDocument } from './sourceDocument';
import { addSuppressionEdit, applySuppressions, parseSuppressions, type SuppressionDirective, type SuppressionFacts } from './suppressions';
import { lowerSeverity, type CancellationSignal, type Diagnostic, type FileKind, type Report, type TextEdit } from './types';
import { WorkspaceIndex, type IndexReads } from './workspaceIndex';

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
  /** The rules the configuration and suppression comments can name. */
  registry: RuleRegistry;
  /** The rules that run, when only some of the registry's should (tests, benchmarks); all of them by default. */
  rules?: readonly AnyRule[];
}

/**
 * The engine's front door, shared by the CLI and the language server:
 * configuration lookup, the workspace index, linting and fixing.
 */
export class Workspace {
  readonly root: string;
  readonly index: WorkspaceIndex;
  readonly registry: RuleRegistry;
  private readonly rules: readonly AnyRule[];
  private readonly configFile: string | undefined;
  private overrides: SeverityOverrides;
  private readonly configs = new Map<string, ResolvedConfig>();
  private readonly configFileOfDirectory = new Map<string, string | undefined>();
  /** Previous lints of editor buffers, so an edit re-checks what it changed (Python). */
  private readonly incremental = new IncrementalLints();

  constructor(options: WorkspaceOptions) {
    this.root = path.resolve(options.root);
    this.registry = options.registry;
    this.rules = options.rules ?? options.registry.rules;
    this.configFile = options.configFile && path.resolve(options.configFile);
    this.overrides = options.overrides ?? {};
    this.index = new WorkspaceIndex(this.root, (filePath) => this.configFor(filePath));
    this.index.onDidChange((changes) => {
      const touchesConfig = changes.some(
        (change) => (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(change.path)) || change.path === this.configFile,
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
    const context = { document, kind, config, index: this.index, rules: this.registry, relativePath, signal };
    // Every rule reads the parse: when it cannot be made (a parser that fails to load), that is one failure, not one per rule.
    const first = this.rules.find((rule) => rule.meta.kinds.includes(kind) && runs(rule));
    if (!first) return result;
    try {
      parseAs(kind, document);
    } catch (error) {
      result.failures.push({ code: first.meta.code, message: `No rule could read this ${kind} file: ${(error as Error)?.stack ?? String(error)}` });
      return result;
    }
    const incremental = this.incrementalRun(document, kind, config, relativePath);
    const afterSuppressions: AnyRule[] = [];
    for (const rule of this.rules) {
      if (!rule.meta.kinds.includes(kind) || !runs(rule)) continue;
      if (rule.meta.runsAfterSuppressions) {
        afterSuppressions.push(rule);
        continue;
      }
      // A rule whose findings are local to a unit re-checks only the units an edit touched.
      const local = incremental && rule.meta.localTo ? incremental : undefined;
      const reported: Diagnostic[] = local ? [] : found;
      if (!this.runRule(rule, context, reported, result, local?.scopedParse)) return { ...result, cancelled: true };
      if (local) found.push(...local.merge(rule.meta.code, reported));
    }
    // A rule that threw left its findings incomplete: the next edit starts afresh.
    if (incremental && result.failures.length === 0) incremental.commit();
    else this.incremental.forget(document.path);

    const directives = this.suppressionsOf(document, kind);
    const outcome = applySuppressions(found, directives, (code) => {
      const rule = this.registry.findRule(code);
      return rule !== undefined && runs(rule);
    });
    const suppressions: SuppressionFacts = { directives, unused: outcome.unused };
    const late: Diagnostic[] = [];
    for (const rule of afterSuppressions) {
      if (!this.runRule(rule, { ...context, suppressions }, late, result)) return { ...result, cancelled: true };
    }
    result.diagnostics = [...outcome.kept, ...late];
    result.diagnostics.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareOrdinal(a.code, b.code),
    );
    return result;
  }

  /** Runs one rule into `found`, recording a throw in `result`; false when the lint was cancelled first. */
  private runRule(
    rule: AnyRule,
    context: Omit<RuleContext, 'parsed' | 'options' | 'report'>,
    found: Diagnostic[],
    result: LintResult,
    /** What the rule reads instead of the whole parse: a view of the units to re-check. */
    scopedParse?: unknown,
  ): boolean {
    if (context.signal.isCancellationRequested) return false;
    const severity = context.config.severityOf(rule);
    if (severity === 'off') return true;
    try {
      rule.check({
        ...context,
        parsed: (scopedParse ?? parseAs(context.kind, context.document)) as RuleContext['parsed'],
        options: context.config.optionsOf(rule) as AnyRuleOptions,
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
    return true;
  }

  /** An editor buffer of a kind whose rules can re-check part of it: the plan for this lint. */
  private incrementalRun(document: SourceDocument, kind: FileKind, config: ResolvedConfig, relativePath: string): IncrementalRun<unknown> | undefined {
    const partition = this.registry.unitPartitionOf?.(kind);
    if (!partition || document.version === undefined) return undefined;
    return this.incremental.begin(document, config, relativePath, parseAs(kind, document), partition);
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
    return parseSuppressions(document, kind, (codeOrName) => this.registry.findRule(codeOrName)?.meta.code);
  }

  private nearestConfigFile(directory: string): string | undefined {
    if (this.configFileOfDirectory.has(directory)) return this.configFileOfDirectory.get(directory);
    const found = findConfigFile(directory, this.root, (candidate: string) => this.index.has(candidate) || fs.existsSync(candidate));
    this.configFileOfDirectory.set(directory, found);
    return found;
  }

  private loadConfig(configPath: string | undefined): ResolvedConfig {
    if (!configPath) return defaultConfig(this.root, this.registry, this.overrides);
    // The configuration decides maxFileSize, so its own file is read with the default limit.
    const document = this.index.document(configPath, DEFAULT_MAX_FILE_SIZE);
    const root = this.configFile ? this.root : path.dirname(configPath);
    if (!document) return defaultConfig(root, this.registry, this.overrides);
    return configFromText(document.text, { root, file: configPath, lookup: this.registry, overrides: this.overrides });
  }

  private forgetConfigs(): void {
    this.configs.clear();
    this.configFileOfDirectory.clear();
  }
}
