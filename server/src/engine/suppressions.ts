import type { SourceDocument } from './sourceDocument';
import type { Diagnostic, FileKind, Range, TextEdit } from './types';

export type SuppressionScope = 'next-line' | 'line' | 'file';

export interface SuppressedCode {
  /** As written: a code (`PL101`) or a rule name (`docker/non-root-user`). */
  text: string;
  range: Range;
  /** The rule's code, or undefined when no rule has that code or name. */
  code: string | undefined;
}

export interface SuppressionDirective {
  scope: SuppressionScope;
  /** The line the directive silences (for `file`, -1). */
  targetLine: number;
  /** The whole comment, from its opening token to its end. */
  commentRange: Range;
  /** The comment occupies its whole line, so removing it removes the line. */
  ownLine: boolean;
  /** Empty for a blanket directive, which silences every rule. */
  codes: SuppressedCode[];
}

type CommentStyle = 'hash' | 'html';

export function commentStyleOf(kind: FileKind): CommentStyle | undefined {
  switch (kind) {
    case 'markdown':
      return 'html';
    case 'manifest':
    case 'protected':
      return undefined;
    default:
      return 'hash';
  }
}

const HASH_DIRECTIVE = /(^|\s)#\s*plumbline:\s*disable-(next-line|line|file)\b([^\n\r]*)/;
// A Markdown directive is an HTML comment that starts its line, as an HTML block does.
const HTML_DIRECTIVE = /^ {0,3}<!--\s*plumbline:\s*disable-(next-line|line|file)\b(.*?)-->/;
const MARKDOWN_FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Tells, line by line, whether a Markdown line is inside a fenced code block (where comments are text). */
function markdownFenceTracker(): (line: string) => boolean {
  let open: string | undefined;
  return (line) => {
    const fence = MARKDOWN_FENCE.exec(line)?.[1];
    if (open === undefined) {
      if (fence) open = fence;
      return fence !== undefined;
    }
    if (fence && fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
    return true;
  };
}
const CODE_TOKEN = /[A-Za-z0-9_/-]+/g;

/** Finds `plumbline: disable-…` directives in the document's comments. */
export function parseSuppressions(document: SourceDocument, kind: FileKind, resolveCode: (codeOrName: string) => string | undefined): SuppressionDirective[] {
  const style = commentStyleOf(kind);
  if (!style || !document.text.includes('plumbline:')) return [];
  const directives: SuppressionDirective[] = [];
  const inCodeBlock = style === 'html' ? markdownFenceTracker() : () => false;
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineText(line);
    if (inCodeBlock(text) || !text.includes('plumbline:')) continue;
    const match = (style === 'hash' ? HASH_DIRECTIVE : HTML_DIRECTIVE).exec(text);
    if (!match) continue;
    const commentStart = style === 'hash' ? match.index + match[1]!.length : match.index;
    const scopeWord = style === 'hash' ? match[2]! : match[1]!;
    const listText = style === 'hash' ? match[3]! : match[2]!;
    // The HTML match ends with the comment's closing `-->`, after the list.
    const listStart = match.index + match[0].length - (style === 'html' ? '-->'.length : 0) - listText.length;
    // Text after ` -- ` explains the suppression and names no rules.
    const explanation = listText.indexOf('--');
    const codesText = explanation >= 0 ? listText.slice(0, explanation) : listText;
    const codes: SuppressedCode[] = [];
    for (const token of codesText.matchAll(CODE_TOKEN)) {
      const start = listStart + token.index!;
      codes.push({
        text: token[0],
        range: { start: { line, character: start }, end: { line, character: start + token[0].length } },
        code: resolveCode(token[0]),
      });
    }
    const scope = scopeWord as SuppressionScope;
    const commentEnd = style === 'hash' ? text.length : match.index + match[0].length;
    directives.push({
      scope,
      targetLine: scope === 'file' ? -1 : scope === 'line' ? line : line + 1,
      commentRange: { start: { line, character: commentStart }, end: { line, character: commentEnd } },
      ownLine: text.slice(0, commentStart).trim() === '' && text.slice(commentEnd).trim() === '',
      codes,
    });
  }
  return directives;
}

function covers(directive: SuppressionDirective, diagnostic: Suppressible): SuppressedCode | 'blanket' | undefined {
  if (directive.targetLine !== diagnostic.range.start.line) return undefined;
  if (directive.codes.length === 0) return 'blanket';
  return directive.codes.find((entry) => entry.code === diagnostic.code);
}

/** What a suppression comment can silence: a finding's code and where it starts. */
export type Suppressible = Pick<Diagnostic, 'code' | 'range'>;

/** A directive entry that silenced nothing; `entry` is undefined for a blanket directive. */
export interface UnusedSuppression {
  directive: SuppressionDirective;
  entry: SuppressedCode | undefined;
}

export interface SuppressionOutcome<T extends Suppressible = Diagnostic> {
  kept: T[];
  /** Directive entries that silenced nothing; a blanket directive appears with its comment range. */
  unused: UnusedSuppression[];
}

/**
 * What the engine hands a rule that runs after suppressions (PL505): every
 * suppression comment of the document, and those that silenced nothing among
 * the findings of the rules that ran.
 */
export interface SuppressionFacts {
  readonly directives: readonly SuppressionDirective[];
  readonly unused: readonly UnusedSuppression[];
}

/** Drops silenced diagnostics and tells which directive entries silenced nothing. */
export function applySuppressions<T extends Suppressible>(
  diagnostics: readonly T[],
  directives: readonly SuppressionDirective[],
  isRuleEnabled: (code: string) => boolean,
): SuppressionOutcome<T> {
  const used = new Set<SuppressedCode | SuppressionDirective>();
  // Line directives by target line, and file directives by the codes they name, so that thousands
  // of directives and diagnostics cost linear time rather than their product.
  const byLine = new Map<number, SuppressionDirective[]>();
  const fileBlankets: SuppressionDirective[] = [];
  const fileEntriesByCode = new Map<string, SuppressedCode[]>();
  for (const directive of directives) {
    if (directive.scope !== 'file') {
      const list = byLine.get(directive.targetLine);
      if (list) list.push(directive);
      else byLine.set(directive.targetLine, [directive]);
    } else if (directive.codes.length === 0) {
      fileBlankets.push(directive);
    } else {
      const named = new Set<string>();
      for (const entry of directive.codes) {
        // As covers() does: the first entry of a code in a directive is the one that silences.
        if (!entry.code || named.has(entry.code)) continue;
        named.add(entry.code);
        const list = fileEntriesByCode.get(entry.code);
        if (list) list.push(entry);
        else fileEntriesByCode.set(entry.code, [entry]);
      }
    }
  }
  const codesSilencedFileWide = new Set<string>();
  const kept = diagnostics.filter((diagnostic) => {
    let silenced = fileBlankets.length > 0;
    if (fileEntriesByCode.has(diagnostic.code)) {
      codesSilencedFileWide.add(diagnostic.code);
      silenced = true;
    }
    for (const directive of byLine.get(diagnostic.range.start.line) ?? []) {
      const match = covers(directive, diagnostic);
      if (!match) continue;
      used.add(match === 'blanket' ? directive : match);
      silenced = true;
    }
    return !silenced;
  });
  if (diagnostics.length > 0) for (const directive of fileBlankets) used.add(directive);
  for (const code of codesSilencedFileWide) for (const entry of fileEntriesByCode.get(code)!) used.add(entry);
  const unused: UnusedSuppression[] = [];
  for (const directive of directives) {
    if (directive.codes.length === 0) {
      if (!used.has(directive)) unused.push({ directive, entry: undefined });
      continue;
    }
    for (const entry of directive.codes) {
      // A rule turned off in this configuration may be on in another; its suppression is not dead.
      if (!used.has(entry) && !(entry.code && !isRuleEnabled(entry.code))) unused.push({ directive, entry });
    }
  }
  return { kept, unused };
}

/**
 * The rule codes a peer linter's suppression comments name (`T201`,
 * `BARE-EXCEPT`; upper case, as pylint matches its names in any case): by
 * 0-based line, and for the whole file.
 */
export interface PeerSuppressions {
  byLine: Map<number, Set<string>>;
  file: Set<string>;
}

/** Ruff's and flake8's `# noqa: T201, E722`, anywhere in a line's comment; a bare `# noqa` names nothing. */
const NOQA = /#\s*noqa:\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)/i;
/** Ruff's file-wide `# ruff: noqa: T201` (flake8's spelling too), on its own line. */
const FILE_NOQA = /^\s*#\s*(?:ruff|flake8)\s*:\s*noqa:\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)/i;
/** pylint's `# pylint: disable=bare-except, W0511` and `# pylint: disable-next=…`. */
const PYLINT = /#\s*pylint:\s*(disable|disable-next)\s*=\s*([\w-]+(?:\s*,\s*[\w-]+)*)/i;
/** hadolint's `# hadolint ignore=DL3008,DL3015` above an instruction, and `# hadolint global ignore=…` for the file. */
const HADOLINT_IGNORE = /^\s*#\s*hadolint\s+(global\s+)?ignore=([A-Z0-9,\s]+)/i;

/**
 * The Ruff and pylint (Python) and hadolint (Dockerfile) suppression
 * comments of a document, by the codes they name. A hadolint comment covers
 * every line of the instruction after it, as hadolint applies it to the whole
 * instruction; a pylint comment the lines pylint gives it (see pylintScope).
 */
export function parsePeerSuppressions(document: SourceDocument, kind: FileKind): PeerSuppressions {
  const found: PeerSuppressions = { byLine: new Map(), file: new Set() };
  const marker = kind === 'python' ? /noqa|pylint/i : kind === 'dockerfile' ? /hadolint/i : undefined;
  if (!marker?.test(document.text)) return found;
  const silence = (lines: Iterable<number> | 'file', list: string) => {
    const codes = list
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((peerCode) => peerCode.toUpperCase());
    for (const line of lines === 'file' ? [-1] : lines) {
      const target = line === -1 ? found.file : (found.byLine.get(line) ?? new Set<string>());
      for (const code of codes) target.add(code);
      if (line !== -1) found.byLine.set(line, target);
    }
  };
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineText(line);
    if (!marker.test(text)) continue;
    if (kind === 'python') {
      const file = FILE_NOQA.exec(text);
      const trailing = file ? undefined : NOQA.exec(text);
      if (file) silence('file', file[1]!);
      else if (trailing) silence([line], trailing[1]!);
      const pylint = PYLINT.exec(text);
      if (pylint) silence(pylintScope(document, line, pylint.index, pylint[1]!.toLowerCase() === 'disable-next'), pylint[2]!);
      continue;
    }
    const ignore = HADOLINT_IGNORE.exec(text);
    if (ignore) silence(ignore[1] ? 'file' : instructionLinesAfter(document, line), ignore[2]!);
  }
  return found;
}

/**
 * The lines a pylint comment at `column` of `line` disables, as pylint reads
 * it: `disable-next` the next line; a comment after code its own line; one on
 * a line of its own the rest of its block, and the header of the `def` or
 * `class` when it is the first line of its body (a missing docstring is
 * reported on the header), or, at the top level, the whole module (pylint:
 * from there on; a module-wide message such as a missing module docstring is
 * reported above it).
 */
function pylintScope(document: SourceDocument, line: number, column: number, next: boolean): number[] | 'file' {
  if (next) return [line + 1];
  const text = document.lineText(line);
  if (text.slice(0, column).trim() !== '') return [line];
  const indent = column;
  if (indent === 0) return 'file';
  const indentOf = (at: number) => /^[ \t]*/.exec(document.lineText(at))![0].length;
  const isBlank = (at: number) => document.lineText(at).trim() === '';
  let previous = line - 1;
  while (previous >= 0 && isBlank(previous)) previous--;
  let opener = previous;
  while (opener >= 0 && (isBlank(opener) || indentOf(opener) >= indent)) opener--;
  // The first line of a body: the header above it ends with its colon.
  const opensBody = previous >= 0 && /:\s*(?:#.*)?$/.test(document.lineText(previous));
  const start = opensBody && opener >= 0 && /^\s*(?:async\s+def|def|class)\b/.test(document.lineText(opener)) ? opener : line;
  let end = line + 1;
  while (end < document.lineCount && (isBlank(end) || indentOf(end) >= indent)) end++;
  return Array.from({ length: end - start }, (_, offset) => start + offset);
}

/** The lines of the Dockerfile instruction after a comment line: its first line and its continuations (comments among them too). */
function instructionLinesAfter(document: SourceDocument, commentLine: number): number[] {
  const lines: number[] = [];
  let line = commentLine + 1;
  while (line < document.lineCount && /^\s*(?:#|$)/.test(document.lineText(line))) line++;
  for (; line < document.lineCount; line++) {
    lines.push(line);
    const text = document.lineText(line);
    if (!/\\\s*$/.test(text) && !/^\s*(?:#|$)/.test(text)) break;
  }
  return lines;
}

/**
 * The diagnostics no peer suppression comment silences: none whose line (or
 * file) has a comment naming one of the finding's peer codes (`peerCodesOf`,
 * upper case).
 */
export function applyPeerSuppressions<T extends Suppressible>(
  diagnostics: readonly T[],
  peers: PeerSuppressions,
  peerCodesOf: (diagnostic: T) => readonly string[],
): readonly T[] {
  if (peers.file.size === 0 && peers.byLine.size === 0) return diagnostics;
  return diagnostics.filter((diagnostic) => {
    const named = peers.byLine.get(diagnostic.range.start.line);
    return !peerCodesOf(diagnostic).some((peerCode) => peers.file.has(peerCode) || named?.has(peerCode));
  });
}

/** The edit that removes one entry from a directive, or the whole directive when it is the last. */
export function removeSuppressionEdit(document: SourceDocument, directive: SuppressionDirective, entry: SuppressedCode | undefined): TextEdit {
  if (entry && directive.codes.length > 1) {
    const index = directive.codes.indexOf(entry);
    const neighbour = directive.codes[index === 0 ? 1 : index - 1]!;
    const range = index === 0 ? { start: entry.range.start, end: neighbour.range.start } : { start: neighbour.range.end, end: entry.range.end };
    return { range, newText: '' };
  }
  const line = directive.commentRange.start.line;
  if (directive.ownLine) {
    const nextLineStart = document.positionAt(document.offsetAt({ line: line + 1, character: 0 }));
    const wholeLine =
      nextLineStart.line > line
        ? { start: { line, character: 0 }, end: nextLineStart }
        : {
            start: line > 0 ? { line: line - 1, character: document.lineText(line - 1).length } : { line, character: 0 },
            end: { line, character: document.lineText(line).length },
          };
    return { range: wholeLine, newText: '' };
  }
  // A trailing comment: remove it with the spaces before it.
  const text = document.lineText(line);
  let start = directive.commentRange.start.character;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  return { range: { start: { line, character: start }, end: directive.commentRange.end }, newText: '' };
}

function directiveText(style: CommentStyle, scope: SuppressionScope, code: string): string {
  return style === 'hash' ? `# plumbline: disable-${scope} ${code}` : `<!-- plumbline: disable-${scope} ${code} -->`;
}

/** First line where a file-level directive may go: after shebangs, parser directives and front matter. */
function fileDirectiveLine(document: SourceDocument, kind: FileKind): number {
  let line = 0;
  const first = document.lineText(0);
  if (first.startsWith('#!')) line = 1;
  if (kind === 'dockerfile') {
    while (line < document.lineCount && /^#\s*[a-z]+\s*=/i.test(document.lineText(line))) line++;
  }
  if (kind === 'python' && /^[ \t\f]*#.*?coding[:=]/.test(document.lineText(line))) line++;
  if (kind === 'markdown' && first.trim() === '---') {
    for (let end = 1; end < document.lineCount; end++) {
      if (document.lineText(end).trim() === '---') return end + 1;
    }
  }
  return line;
}

/**
 * The edit behind "Disable CODE for this line" / "for this file": it extends an
 * existing directive when there is one, and otherwise inserts a comment line.
 */
export function addSuppressionEdit(
  document: SourceDocument,
  kind: FileKind,
  code: string,
  scope: 'line' | 'file',
  line: number,
  directives: readonly SuppressionDirective[],
): TextEdit | undefined {
  const style = commentStyleOf(kind);
  if (!style) return undefined;
  const existing = directives.find((d) =>
    scope === 'file' ? d.scope === 'file' && d.codes.length > 0 : d.scope === 'next-line' && d.targetLine === line && d.ownLine,
  );
  if (existing) {
    const last = existing.codes[existing.codes.length - 1];
    if (last) return { range: { start: last.range.end, end: last.range.end }, newText: `, ${code}` };
  }
  const eol = document.eol;
  if (scope === 'file') {
    const at = fileDirectiveLine(document, kind);
    const text = directiveText(style, 'file', code);
    if (at >= document.lineCount) {
      const end = document.positionAt(document.text.length);
      return { range: { start: end, end }, newText: (document.text.length > 0 && !document.text.endsWith('\n') ? eol : '') + text + eol };
    }
    return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: text + eol };
  }
  const indentation = /^[ \t]*/.exec(document.lineText(line))![0];
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: indentation + directiveText(style, 'next-line', code) + eol,
  };
}
