/** What a rule declares about itself: the engine, the configuration and the generated docs read it. */
import type { FileKind, FixApplicability, Severity } from './types';

/** A rule option: its type, default and the sentence its docs page shows. */
export type OptionSpec =
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'number'; default: number; description: string; minimum?: number }
  | { type: 'string'; default: string; description: string; enum?: readonly string[]; folderName?: boolean }
  /** `folderName`: each value names one folder, since the rule builds paths from it (no `/`, `\`, `.` or `..`). */
  | { type: 'string[]'; default: readonly string[]; description: string; folderName?: boolean };

export type OptionSpecs = Record<string, OptionSpec>;

type OptionValue<S extends OptionSpec> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'number' }
    ? number
    : S extends { type: 'string' }
      ? string
      : readonly string[];

export type OptionValues<S extends OptionSpecs> = { readonly [K in keyof S]: OptionValue<S[K]> };

export interface RuleDocs {
  /** Why the policy asks for this, in a paragraph. */
  rationale: string;
  /** A snippet that the rule reports. */
  bad: string;
  /** The same snippet, compliant. */
  good: string;
  /** What the quick fix does, when the rule has one. */
  fix?: string;
  /** How this rule relates to the peer tools' rules, and where it differs. */
  peers?: string;
  /** Language of the example snippets' code fences. */
  language: string;
  /** Name of the example file, when the rule depends on it (e.g. `compose.yaml`). */
  exampleFile?: string;
  /**
   * The files around each example that its comments describe (path → text): not
   * shown on the page, but written beside the example when a test lints it.
   */
  exampleSurroundings?: { bad?: Readonly<Record<string, string>>; good?: Readonly<Record<string, string>> };
}

/**
 * Whether the rule's problems carry fixes, and how far those fixes can be
 * trusted. A rule with fixes must declare their applicability (a fix may
 * still state its own); one without may not declare any.
 */
export type RuleFixMeta =
  | { fixable: 'no'; fixApplicability?: never; otherFixApplicabilities?: never; fixChangesOtherFiles?: never }
  | {
      /** `yes`: every problem carries a fix; `some`: only some do. */
      fixable: 'yes' | 'some';
      /** The applicability the engine gives the rule's fixes, unless a fix states its own. */
      fixApplicability: FixApplicability;
      /** The other applicabilities that some of its fixes state, for the docs. */
      otherFixApplicabilities?: readonly FixApplicability[];
      /**
       * Its fixes create, move or edit another file (`workspaceChanges`): the
       * editor applies them one at a time, `--fix` and fix-all never do, and
       * the docs say so.
       */
      fixChangesOtherFiles?: true;
    };

export type RuleMeta<S extends OptionSpecs = OptionSpecs> = RuleFixMeta & {
  /** Stable code, e.g. `PL101`; codes never change meaning once shipped. */
  code: string;
  /** Stable name, e.g. `docker/non-root-user`. */
  name: string;
  /** One line: what the rule reports. */
  summary: string;
  severity: Severity;
  /** Rules that are off unless the configuration turns them on. */
  enabledByDefault?: boolean;
  /**
   * Runs only when a front end handed the index a change set (`--changed-since`);
   * without one its suppressions are not reported as unused (PL505).
   */
  needsChangeSet?: boolean;
  /**
   * Runs after every other rule, once suppression comments have silenced their
   * findings; its context then carries `suppressions` (PL505 reads them).
   */
  runsAfterSuppressions?: boolean;
  /**
   * `top-level statement`: each finding depends only on the top-level
   * statement it lies in and on what the file kind's unit partition keys as
   * the module's facts (rules/python/incremental.ts), so after an edit the
   * engine re-checks only the statements that changed (engine/incremental.ts).
   * The rule must find what it reports through `context.parsed` as given (a
   * view limited to those statements), not by reading the whole text.
   */
  localTo?: 'top-level statement';
  /**
   * Codes of a peer linter's rules that report the same problem (Ruff's
   * `T201` for a print, hadolint's `DL3008` for an unpinned apt package):
   * that linter's own suppression comment naming one of them (`# noqa:
   * T201`, `# hadolint ignore=DL3008`) silences this rule too, so a team
   * that already reviewed an exception is not asked to review it again.
   * Only for rules that report what the peer rule does, no more.
   */
  peerCodes?: readonly string[];
  /** The policy clause the rule enforces, in one sentence; docs/policy.md states the whole clause. */
  policy: string;
  kinds: readonly FileKind[];
  options?: S;
  docs: RuleDocs;
};

/** The rule's generated page under `docs/rules/`; front ends turn it into a link. */
export function docsFileName(meta: Pick<RuleMeta, 'code' | 'name'>): string {
  return `${meta.code}-${meta.name.split('/')[1]}.md`;
}
