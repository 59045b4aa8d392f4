import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { SourceDocument } from '../engine/sourceDocument';
import type { Diagnostic, Range } from '../engine/types';
import type { Workspace } from '../engine/workspace';
import { DIAGNOSTIC_SOURCE, createsExistingFile, isFixable, toFixData, toWorkspaceEdit } from './convert';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from './protocol';

export interface CodeActionRequest {
  uri: string;
  /** The buffer as the editor has it now. */
  document: SourceDocument;
  diagnostics: readonly LspDiagnostic[];
  /** `context.only` of the request: the kinds the editor asks for. */
  only: readonly string[] | undefined;
  workspace: Workspace;
  /** What the engine reports for the buffer now, fixes included; asked only when a diagnostic has fixes. */
  findings(): readonly Diagnostic[];
  fileExists(filePath: string): boolean;
  hasDocs(code: string): boolean;
}

/** Whether an action of `kind` answers a request for `only` (kinds are dot-separated hierarchies). */
export function kindRequested(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return kind.startsWith(CodeActionKind.QuickFix);
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/**
 * Code actions for Plumbline's diagnostics: the fixes of each one (built
 * now, from the buffer as it is), "Disable … for this line/file", "Show documentation",
 * and the whole-document `source.fixAll.plumbline`, which applies the safe
 * fixes (and the unsafe ones only when `.plumbline.yaml` says `fix: { unsafe: true }`).
 */
export function codeActions(request: CodeActionRequest): CodeAction[] {
  const actions: CodeAction[] = [];
  if (kindRequested(CodeActionKind.QuickFix, request.only)) {
    const seen = new Set<string>();
    let findings: readonly Diagnostic[] | undefined;
    const findingsOnce = () => (findings ??= request.findings());
    for (const diagnostic of request.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      actions.push(...fixActions(request, diagnostic, findingsOnce));
      actions.push(...suppressionActions(request, diagnostic, seen));
    }
  }
  if (kindRequested(FIX_ALL_KIND, request.only)) {
    const fixAll = fixAllAction(request);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The fixes of the finding the diagnostic shows, as the buffer now has it. A
 * diagnostic of an older version of the buffer that no longer matches a
 * finding gets none: its fixes would land in the wrong place.
 */
function fixActions(request: CodeActionRequest, diagnostic: LspDiagnostic, findings: () => readonly Diagnostic[]): CodeAction[] {
  if (!isFixable(diagnostic)) return [];
  const finding = findings().find(
    (candidate) => candidate.code === diagnostic.code && candidate.message === diagnostic.message && sameRange(candidate.range, diagnostic.range),
  );
  if (!finding?.fixes?.length) return [];
  return toFixData(finding.fixes, request.uri, request.document.version ?? null)
    .filter((fix) => !createsExistingFile(fix.edit, request.fileExists))
    .map((fix) => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.isPreferred,
      edit: fix.edit,
    }));
}

function suppressionActions(request: CodeActionRequest, diagnostic: LspDiagnostic, seen: Set<string>): CodeAction[] {
  const code = diagnostic.code as string;
  const line = diagnostic.range.start.line;
  const actions: CodeAction[] = [];
  const scopes = [
    { scope: 'line' as const, key: `line:${code}:${line}`, title: `Disable ${code} for this line` },
    { scope: 'file' as const, key: `file:${code}`, title: `Disable ${code} for this file` },
  ];
  for (const { scope, key, title } of scopes) {
    if (seen.has(key)) continue;
    seen.add(key);
    const edit = request.workspace.suppressionEdit(request.document, code, scope, line);
    if (!edit) continue;
    actions.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: toWorkspaceEdit(request.uri, request.document.version ?? null, [edit]),
    });
  }
  if (!seen.has(`docs:${code}`) && request.hasDocs(code)) {
    seen.add(`docs:${code}`);
    const title = `Show documentation for ${code}`;
    actions.push({ title, kind: CodeActionKind.QuickFix, command: { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [code] } });
  }
  return actions;
}

function fixAllAction(request: CodeActionRequest): CodeAction | undefined {
  const { document } = request;
  const result = request.workspace.fixAll(document);
  if (result.fixesApplied === 0 || result.text === document.text) return undefined;
  const end = document.positionAt(document.text.length);
  const edit: WorkspaceEdit = toWorkspaceEdit(request.uri, document.version ?? null, [
    { range: { start: { line: 0, character: 0 }, end }, newText: result.text },
  ]);
  return { title: 'Fix all auto-fixable Plumbline problems', kind: FIX_ALL_KIND, edit };
}
