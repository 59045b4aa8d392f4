import type { ParsedByKind } from '../languages';
import type { ResolvedConfig, RuleLookup } from './config';
import type { OptionSpec, OptionSpecs, OptionValues, RuleMeta } from './ruleMeta';
import type { SourceDocument } from './sourceDocument';
import type { SuppressionFacts } from './suppressions';
import type { CancellationSignal, Diagnostic, FileKind, Report } from './types';
import type { WorkspaceIndex } from './workspaceIndex';

export { docsFileName } from './ruleMeta';
export type { OptionSpec, OptionSpecs, OptionValues, RuleDocs, RuleFixMeta, RuleMeta } from './ruleMeta';

export interface RuleContext<K extends FileKind = FileKind, S extends OptionSpecs = OptionSpecs> {
  readonly document: SourceDocument;
  readonly kind: K;
  readonly parsed: ParsedByKind[K];
  readonly options: OptionValues<S>;
  readonly config: ResolvedConfig;
  readonly index: WorkspaceIndex;
  /** Every rule, by code or name: for rules that validate references to other rules. */
  readonly rules: RuleLookup;
  /** The document's path relative to the configuration root, `/`-separated. */
  readonly relativePath: string;
  readonly signal: CancellationSignal;
  /** The document's suppression comments and which silenced nothing; only for rules that run after suppressions. */
  readonly suppressions?: SuppressionFacts;
  report(report: Report): void;
}

export interface Rule<K extends FileKind = FileKind, S extends OptionSpecs = OptionSpecs> {
  meta: RuleMeta<S> & { kinds: readonly K[] };
  check(context: RuleContext<K, S>): void;
  /**
   * The peer codes of one finding, when they are narrower than the rule's
   * `meta.peerCodes`: PL301's missing class docstring is pylint's
   * `missing-class-docstring`, not `missing-function-docstring`, so a
   * module-wide disable of the one leaves the other reported.
   */
  peerCodesOf?(diagnostic: Diagnostic): readonly string[];
}

/** Erased form used by the registry; `defineRule` keeps each module fully typed. */
export type AnyRule = Rule<FileKind, OptionSpecs>;

export function defineRule<K extends FileKind, S extends OptionSpecs = Record<never, OptionSpec>>(rule: Rule<K, S>): AnyRule {
  return rule as unknown as AnyRule;
}
