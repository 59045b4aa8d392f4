/**
 * Pure conversions between the engine's vocabulary and LSP's. The engine's
 * positions are already 0-based UTF-16, so ranges pass through unchanged;
 * what changes is paths → URIs, severities, fixes → WorkspaceEdits.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type CreateFile,
  type Diagnostic as LspDiagnostic,
  type OptionalVersionedTextDocumentIdentifier,
  type RenameFile,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Diagnostic, Fix, FixApplicability, Severity, TextEdit, WorkspaceChange } from '../engine/types';

export const DIAGNOSTIC_SOURCE = 'plumbline';

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).toString();
}

/** The file-system path of a `file:` URI; undefined for other schemes (untitled buffers, remote files). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return LSP_SEVERITY[severity];
}

/** A fix as a code action needs it. */
export interface FixData {
  title: string;
  isPreferred: boolean;
  edit: WorkspaceEdit;
}

/**
 * What a diagnostic carries in `data`: only that it has fixes. The fixes
 * themselves are built when the editor asks for code actions, so neither
 * the server's reports of a large workspace nor the messages that carry
 * them hold every fix's edits.
 */
export interface DiagnosticData {
  fixable: true;
}

export interface ConversionContext {
  /** The URI of a rule's documentation page, when the page is bundled. */
  docsUri(code: string): string | undefined;
}

export function toLspDiagnostic(diagnostic: Diagnostic, context: ConversionContext): LspDiagnostic {
  const result: LspDiagnostic = {
    range: diagnostic.range,
    severity: toLspSeverity(diagnostic.severity),
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
  };
  const href = context.docsUri(diagnostic.code);
  if (href) result.codeDescription = { href };
  if (diagnostic.unnecessary) result.tags = [DiagnosticTag.Unnecessary];
  if (diagnostic.related?.length) {
    result.relatedInformation = diagnostic.related.map((related) => ({
      location: { uri: pathToUri(related.path), range: related.range },
      message: related.message,
    }));
  }
  if (diagnostic.fixes?.length) {
    const data: DiagnosticData = { fixable: true };
    result.data = data;
  }
  return result;
}

function textDocumentEdit(uri: string, version: number | null, edits: readonly TextEdit[]): TextDocumentEdit {
  const textDocument: OptionalVersionedTextDocumentIdentifier = { uri, version };
  return { textDocument, edits: edits.map((edit) => ({ range: edit.range, newText: edit.newText })) };
}

/**
 * Edits to the linted document plus changes elsewhere, as one WorkspaceEdit.
 * Creating or moving a file never overwrites an existing one: the engine's
 * contract, enforced by the client through these flags.
 */
export function toWorkspaceEdit(uri: string, version: number | null, edits: readonly TextEdit[], changes: readonly WorkspaceChange[] = []): WorkspaceEdit {
  const documentChanges: Array<TextDocumentEdit | CreateFile | RenameFile> = [];
  if (edits.length) documentChanges.push(textDocumentEdit(uri, version, edits));
  documentChanges.push(...workspaceChangesToDocumentChanges(changes));
  return { documentChanges };
}

export function workspaceChangesToDocumentChanges(changes: readonly WorkspaceChange[]): Array<TextDocumentEdit | CreateFile | RenameFile> {
  const result: Array<TextDocumentEdit | CreateFile | RenameFile> = [];
  for (const change of changes) {
    switch (change.kind) {
      case 'edit':
        result.push(textDocumentEdit(pathToUri(change.path), null, change.edits));
        break;
      case 'create': {
        const uri = pathToUri(change.path);
        result.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } });
        if (change.content) {
          result.push(textDocumentEdit(uri, null, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.content }]));
        }
        break;
      }
      case 'rename':
        result.push({ kind: 'rename', oldUri: pathToUri(change.from), newUri: pathToUri(change.to), options: { overwrite: false } });
        break;
    }
  }
  return result;
}

/** What the quick-fix menu adds to a fix's title, so an unsafe fix or a stub to complete is never taken for a safe one. */
const TITLE_NOTE: Record<FixApplicability, string> = { safe: '', unsafe: ' (unsafe)', suggestion: ' (suggestion)' };

/** Whether a diagnostic is one of ours that has fixes to build. */
export function isFixable(diagnostic: LspDiagnostic): boolean {
  return (diagnostic.data as Partial<DiagnosticData> | undefined)?.fixable === true;
}

/**
 * The engine's fixes of a diagnostic of the document at `uri` (version
 * `version`), as WorkspaceEdits. Only a safe fix may be the preferred one,
 * which editors apply without showing the menu.
 */
export function toFixData(fixes: readonly Fix[], uri: string, version: number | null): FixData[] {
  return fixes.map((fix) => ({
    title: fix.title + (fix.applicability ? (TITLE_NOTE[fix.applicability] ?? '') : ''),
    isPreferred: fix.isPreferred === true && fix.applicability === 'safe',
    edit: toWorkspaceEdit(uri, version, fix.edits, fix.workspaceChanges),
  }));
}

/**
 * Whether an edit would create a file that already exists. `ignoreIfExists`
 * would skip the creation but still apply the content edit to the existing
 * file, so such edits are refused instead.
 */
export function createsExistingFile(edit: WorkspaceEdit, exists: (filePath: string) => boolean): boolean {
  return (edit.documentChanges ?? []).some((change) => {
    if (!('kind' in change) || change.kind !== 'create') return false;
    const filePath = uriToPath(change.uri);
    return filePath !== undefined && exists(filePath);
  });
}
