/**
 * What must hold for every text of every kind, checked through the engine's
 * front door as the CLI and the server use it: no exception and no rule
 * failure; ranges inside the document that split no surrogate pair; fix edits
 * inside the document and apart; a fix removes its diagnostic; no fix
 * breaks a text that parsed; fix-all converges.
 */
import * as path from 'node:path';
import { applyEdits, autoFixOf, nonOverlappingAutoFixEdits } from '../../server/src/engine/edits';
import type { SeveritySetting } from '../../server/src/engine/types';
import { SourceDocument } from '../../server/src/engine/sourceDocument';
import type { Diagnostic, Position, Range, TextEdit } from '../../server/src/engine/types';
import { Workspace } from '../../server/src/engine/workspace';
import { allRules, builtinRules } from '../../server/src/rules';
import type { FuzzKind } from './kinds';

export type ProblemClass =
  | 'exception'
  | 'rule-failure'
  | 'invalid-range'
  | 'surrogate-split'
  | 'invalid-fix-edit'
  | 'fix-leaves-diagnostic'
  | 'fix-breaks-parse'
  | 'fix-all-diverges'
  | 'slow';

export interface Problem {
  class: ProblemClass;
  /** The rule code involved, when there is one. */
  code?: string;
  detail: string;
}

export interface CheckOutcome {
  problems: Problem[];
  /** Milliseconds the first lint took. */
  lintMs: number;
  /** Milliseconds for the whole check: lint, every fix, fix-all twice. */
  totalMs: number;
}

/** Fixes tried one by one per input; fix-all still applies all of them. */
const MAX_FIXES_TRIED = 12;

/** Every rule on, at its default severity, including the ones the policy leaves off by default. */
const EVERY_RULE_ON: Record<string, SeveritySetting> = Object.fromEntries(allRules.map((rule) => [rule.meta.code, rule.meta.severity]));

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Why a range is not a range of this document in UTF-16 code units (LSP's), or undefined when it is. */
export function rangeDefect(document: SourceDocument, range: Range): { class: 'invalid-range' | 'surrogate-split'; detail: string } | undefined {
  for (const position of [range.start, range.end]) {
    const { line, character } = position;
    if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) {
      return { class: 'invalid-range', detail: `position ${JSON.stringify(position)} is not a pair of whole numbers >= 0` };
    }
    if (line >= document.lineCount) return { class: 'invalid-range', detail: `line ${line} is past the last line ${document.lineCount - 1}` };
    const length = document.lineText(line).length;
    if (character > length) return { class: 'invalid-range', detail: `character ${character} is past the end of line ${line} (length ${length})` };
  }
  if (comparePositions(range.start, range.end) > 0) return { class: 'invalid-range', detail: `${JSON.stringify(range)} ends before it starts` };
  for (const position of [range.start, range.end]) {
    const offset = document.offsetAt(position);
    if (isHighSurrogate(document.text.charCodeAt(offset - 1)) && isLowSurrogate(document.text.charCodeAt(offset))) {
      return { class: 'surrogate-split', detail: `${JSON.stringify(position)} falls inside a surrogate pair` };
    }
  }
  return undefined;
}

function describe(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${diagnostic.code} at ${start.line}:${start.character}-${end.line}:${end.character} "${diagnostic.message.slice(0, 80)}"`;
}

function overlappingEdits(document: SourceDocument, edits: readonly TextEdit[]): boolean {
  const spans = edits
    .map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  return spans.some((span, i) => i > 0 && span.start < spans[i - 1]!.end);
}

/** Where an offset of the old text ends up once `edits` are applied. */
function mapOffset(document: SourceDocument, edits: readonly TextEdit[], offset: number): number {
  let shift = 0;
  for (const edit of edits) {
    const start = document.offsetAt(edit.range.start);
    const end = document.offsetAt(edit.range.end);
    if (end <= offset && !(start === end && start === offset)) shift += edit.newText.length - (end - start);
    else if (start < offset) return start + shift;
  }
  return offset + shift;
}

export class PropertyChecker {
  constructor(
    private readonly root: string,
    private readonly slowMs: number,
  ) {}

  private workspace(document: SourceDocument): Workspace {
    const workspace = new Workspace({ root: this.root, registry: builtinRules, overrides: EVERY_RULE_ON });
    workspace.index.setOpenDocument(document);
    return workspace;
  }

  check(kind: FuzzKind, text: string): CheckOutcome {
    const problems: Problem[] = [];
    const started = performance.now();
    const document = new SourceDocument(path.posix.join(this.root, kind.relativePath), text);
    const workspace = this.workspace(document);
    let lintMs = 0;
    try {
      const result = workspace.lint(document);
      lintMs = performance.now() - started;
      for (const failure of result.failures) {
        problems.push({ class: 'rule-failure', code: failure.code, detail: failure.message.split('\n').slice(0, 3).join(' | ') });
      }
      for (const diagnostic of result.diagnostics) this.checkDiagnostic(document, diagnostic, problems);
      this.checkFixes(kind, document, result.diagnostics, problems);
      this.checkFixAll(kind, workspace, document, problems);
    } catch (error) {
      problems.push({ class: 'exception', detail: ((error as Error)?.stack ?? String(error)).split('\n').slice(0, 4).join(' | ') });
    }
    if (lintMs > this.slowMs) problems.push({ class: 'slow', detail: `lint took ${Math.round(lintMs)} ms (limit ${this.slowMs} ms)` });
    return { problems, lintMs, totalMs: performance.now() - started };
  }

  private checkDiagnostic(document: SourceDocument, diagnostic: Diagnostic, problems: Problem[]): void {
    const defect = rangeDefect(document, diagnostic.range);
    if (defect) problems.push({ class: defect.class, code: diagnostic.code, detail: `${describe(diagnostic)}: ${defect.detail}` });
    for (const related of diagnostic.related ?? []) {
      if (related.path !== document.path) continue;
      const relatedDefect = rangeDefect(document, related.range);
      if (relatedDefect)
        problems.push({ class: relatedDefect.class, code: diagnostic.code, detail: `related location of ${describe(diagnostic)}: ${relatedDefect.detail}` });
    }
    for (const fix of diagnostic.fixes ?? []) {
      for (const edit of fix.edits) {
        const editDefect = rangeDefect(document, edit.range);
        if (editDefect)
          problems.push({ class: 'invalid-fix-edit', code: diagnostic.code, detail: `fix "${fix.title}" of ${describe(diagnostic)}: ${editDefect.detail}` });
      }
      if (overlappingEdits(document, fix.edits)) {
        problems.push({ class: 'invalid-fix-edit', code: diagnostic.code, detail: `fix "${fix.title}" of ${describe(diagnostic)} has overlapping edits` });
      }
    }
  }

  /** Applies fixes one at a time: each must remove its diagnostic, and none may break a text that parsed. */
  private checkFixes(kind: FuzzKind, document: SourceDocument, diagnostics: readonly Diagnostic[], problems: Problem[]): void {
    const parsedBefore = kind.parses?.(document.text) ?? false;
    let tried = 0;
    for (const diagnostic of diagnostics) {
      for (const fix of diagnostic.fixes ?? []) {
        if (fix.edits.length === 0 || fix.workspaceChanges?.length) continue;
        if (tried++ >= MAX_FIXES_TRIED) return;
        if (problems.some((p) => p.class === 'invalid-fix-edit' && p.code === diagnostic.code)) continue;
        const fixedText = applyEdits(document.text, fix.edits);
        if (parsedBefore && !kind.parses!(fixedText)) {
          problems.push({
            class: 'fix-breaks-parse',
            code: diagnostic.code,
            detail: `fix "${fix.title}" of ${describe(diagnostic)} gives ${JSON.stringify(fixedText.slice(0, 300))}`,
          });
        }
        const fixed = new SourceDocument(document.path, fixedText);
        // As in the editor: the index holds the fixed buffer, so rules that read their own file's facts see the fix.
        const after = this.workspace(fixed).lint(fixed).diagnostics;
        const startOffset = document.offsetAt(diagnostic.range.start);
        const mapped = mapOffset(document, fix.edits, startOffset);
        const sameCodeAt = (list: readonly Diagnostic[], doc: SourceDocument, offset: number) =>
          list.filter((d) => d.code === diagnostic.code && doc.offsetAt(d.range.start) === offset).length;
        // A twin (the second of two identical unknown codes) may move into the place of the one removed; then one fewer is left.
        const twins = (list: readonly Diagnostic[]) => list.filter((d) => d.code === diagnostic.code && d.message === diagnostic.message).length;
        if (sameCodeAt(after, fixed, mapped) >= sameCodeAt(diagnostics, document, startOffset) && twins(after) >= twins(diagnostics)) {
          problems.push({
            class: 'fix-leaves-diagnostic',
            code: diagnostic.code,
            detail: `fix "${fix.title}" of ${describe(diagnostic)} leaves it in ${JSON.stringify(fixedText.slice(0, 300))}`,
          });
        }
      }
    }
  }

  /** Fix-all twice: the second pass finds nothing left to apply, and the result still parses when the input did. */
  private checkFixAll(kind: FuzzKind, workspace: Workspace, document: SourceDocument, problems: Problem[]): void {
    const first = workspace.fixAll(document);
    const pending = nonOverlappingAutoFixEdits(first.remaining.diagnostics);
    if (pending.length > 0 && applyEdits(first.text, pending) !== first.text) {
      const codes = [...new Set(first.remaining.diagnostics.filter((d) => autoFixOf(d)).map((d) => d.code))];
      problems.push({
        class: 'fix-all-diverges',
        code: codes[0],
        detail: `after ${first.fixesApplied} fixes, ${codes.join(', ')} still offer fixes: ${JSON.stringify(first.text.slice(0, 300))}`,
      });
    }
    if (kind.parses?.(document.text) && !kind.parses(first.text)) {
      problems.push({ class: 'fix-breaks-parse', code: 'fix-all', detail: `fix-all gives ${JSON.stringify(first.text.slice(0, 300))}` });
    }
  }
}
