import { DockerfileParser, Instruction, type Argument, type Dockerfile, type From } from 'dockerfile-ast';
import { lastIndexAtMost } from '../engine/sortedSearch';
import type { SourceDocument } from '../engine/sourceDocument';
import type { Range } from '../engine/types';

/**
 * dockerfile-ast re-tokenises an instruction's arguments on every
 * getRawArguments() call, and its own parse and getters call it six or so
 * times per instruction (the JSON form and heredocs while parsing, then flags,
 * argument ranges, the image of a FROM): without remembering the tokens a lint
 * takes about 1.5× as long. Those calls are the library's own, made through
 * `this`, so no wrapper over its public API can answer them; the method is
 * private in the typings and public at run time. We keep the narrowest patch
 * that works (docs/architecture.md, "The dockerfile-ast patch"):
 *
 * - while our parse runs (synchronously), the prototype's method remembers
 *   the tokens of the instructions being built, and is restored right after;
 * - each instruction of our parse then carries the remembering method as its
 *   own property, so later calls on it are served from memory too.
 *
 * Every other instruction, including those of other users of the library in
 * this process (dockerfile-utils), keeps the library's behaviour. An
 * instruction never changes after parsing; callers may shift the array they
 * get, so they get a copy. The version is pinned in package.json, and
 * test/unit/languages/dockerfile.test.ts fails when the patched method's
 * source changes upstream.
 */
const REMEMBERED_ARGUMENTS = Symbol('plumbline.rawArguments');
/** An instruction as the patch sees it: its private tokeniser, and the tokens remembered. */
type RememberingInstruction = { [REMEMBERED_ARGUMENTS]?: Argument[] | null; getRawArguments(): Argument[] };
const instructionPrototype = Instruction.prototype as unknown as { getRawArguments(this: RememberingInstruction): Argument[] };
/** The library's tokeniser, as the prototype holds it between our parses. */
const tokeniseRawArguments = instructionPrototype.getRawArguments;

function rememberedRawArguments(this: RememberingInstruction): Argument[] {
  const remembered = (this[REMEMBERED_ARGUMENTS] ??= tokeniseRawArguments.call(this));
  return remembered.slice();
}

function parseRemembered(text: string): Dockerfile {
  instructionPrototype.getRawArguments = rememberedRawArguments;
  let ast: Dockerfile;
  try {
    ast = DockerfileParser.parse(text);
  } finally {
    instructionPrototype.getRawArguments = tokeniseRawArguments;
  }
  // FROM, USER, ENV … are first tokenised by the model and the rules, after the parse.
  for (const instruction of ast.getInstructions() as unknown as RememberingInstruction[]) {
    // Both properties in one order on every instruction, so the library's code sees one object shape.
    instruction[REMEMBERED_ARGUMENTS] ??= null;
    instruction.getRawArguments = rememberedRawArguments;
  }
  return ast;
}

/**
 * An instruction's arguments as the builder reads them: line continuations and
 * the comment lines between them removed. It keeps where each of its pieces
 * came from, so positions found in the logical text map back to exact
 * document ranges.
 */
export class LogicalText {
  constructor(
    readonly text: string,
    /** Index in `text` where each piece starts, ascending. */
    private readonly pieceStarts: readonly number[],
    /** Document offset of each piece's first character. */
    private readonly pieceOffsets: readonly number[],
    /** Document offset that `text.length` maps to. */
    private readonly endOffset: number,
  ) {}

  /** The document offset of `text[index]`; `text.length` maps to the end of the arguments. */
  offsetAt(index: number): number {
    if (index >= this.text.length || this.pieceStarts.length === 0) return this.endOffset;
    const piece = Math.max(0, lastIndexAtMost(this.pieceStarts, index));
    return this.pieceOffsets[piece]! + (index - this.pieceStarts[piece]!);
  }
}

/** Collects document slices (and stand-in characters) into a LogicalText. */
class LogicalTextBuilder {
  private readonly parts: string[] = [];
  private readonly pieceStarts: number[] = [];
  private readonly pieceOffsets: number[] = [];
  private length = 0;

  constructor(private readonly source: string) {}

  /** Appends `source[from, to)`, or `text` standing for the document at `from`. */
  add(from: number, to: number, text = this.source.slice(from, to)): void {
    if (text.length === 0) return;
    this.parts.push(text);
    this.pieceStarts.push(this.length);
    this.pieceOffsets.push(from);
    this.length += text.length;
  }

  build(endOffset: number): LogicalText {
    return new LogicalText(this.parts.join(''), this.pieceStarts, this.pieceOffsets, endOffset);
  }
}

export interface DockerStage {
  /** 0-based position among the FROM instructions. */
  index: number;
  /** The `AS name`, lowercased as the builder treats it. */
  name: string | undefined;
  from: From;
  /** From the FROM keyword to the end of the image reference: where "missing X in this stage" is reported. */
  headRange: Range;
  /** The image reference as written, e.g. `nginx:${TAG}`. */
  imageText: string | undefined;
  imageRange: Range | undefined;
  /**
   * The image reference with the global ARG defaults substituted, or undefined
   * when it depends on an ARG that has no default (unknown at lint time).
   */
  resolvedImage: string | undefined;
  /** The earlier stage this one builds on (`FROM builder`), when it does. */
  parent: DockerStage | undefined;
  isScratch: boolean;
  /** The stage's instructions after its FROM, in order. */
  instructions: Instruction[];
}

export interface DockerfileModel {
  ast: Dockerfile;
  document: SourceDocument;
  escapeChar: string;
  /** ARGs declared before the first FROM, with their defaults (undefined: no default). */
  globalArgs: ReadonlyMap<string, string | undefined>;
  stages: DockerStage[];
  /** The stage that `docker build` without `--target` produces. */
  finalStage: DockerStage | undefined;
  /** The arguments of an instruction as one logical line (cached). */
  logicalArguments(instruction: Instruction): LogicalText;
}

/** Looks a variable up: a string value, null when declared without a value, undefined when unknown. */
export type VariableLookup = (name: string) => string | null | undefined;

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` as the builder
 * does. Returns undefined when a variable has no known value and no default
 * applies, because the result is then decided only at build time.
 */
export function substituteVariables(text: string, lookup: VariableLookup, escapeChar = '\\'): string | undefined {
  if (!text.includes('$')) return text;
  let unknown = false;
  let result = '';
  let cursor = 0;
  for (const match of text.matchAll(VARIABLE)) {
    const at = match.index!;
    if (at > 0 && text[at - 1] === escapeChar) {
      result += text.slice(cursor, at - 1) + match[0];
      cursor = at + match[0].length;
      continue;
    }
    const name = match[1] ?? match[4]!;
    const operator = match[2];
    const word = match[3] ?? '';
    const value = lookup(name);
    let expansion: string | undefined;
    if (operator === ':-') expansion = value ? value : word;
    else if (operator === ':+') expansion = value ? word : value === undefined || value === null ? undefined : '';
    else expansion = value ?? undefined;
    if (expansion === undefined) unknown = true;
    result += text.slice(cursor, at) + (expansion ?? '');
    cursor = at + match[0].length;
  }
  return unknown ? undefined : result + text.slice(cursor);
}

function readGlobalArgs(ast: Dockerfile): Map<string, string | undefined> {
  const args = new Map<string, string | undefined>();
  for (const arg of ast.getInitialARGs()) {
    for (const property of arg.getProperties()) {
      const raw = property.getValue();
      // A default may refer to earlier global ARGs.
      const value = raw === null ? undefined : substituteVariables(raw, (name) => args.get(name) ?? (args.has(name) ? null : undefined));
      args.set(property.getName(), value);
    }
  }
  return args;
}

function isContinuation(text: string, index: number, escapeChar: string): number {
  // An escape character followed by optional blanks and a line break joins the next line.
  if (text[index] !== escapeChar) return -1;
  let cursor = index + 1;
  while (cursor < text.length && (text[cursor] === ' ' || text[cursor] === '\t')) cursor++;
  if (text[cursor] === '\r' && text[cursor + 1] === '\n') return cursor + 2;
  if (text[cursor] === '\n' || text[cursor] === '\r') return cursor + 1;
  return -1;
}

/** Skips whole comment lines (and blank lines) that sit between continued lines. */
function skipCommentLines(text: string, cursor: number): number {
  for (;;) {
    let lineStart = cursor;
    while (lineStart < text.length && (text[lineStart] === ' ' || text[lineStart] === '\t')) lineStart++;
    const isComment = text[lineStart] === '#';
    const isBlank = text[lineStart] === '\n' || text[lineStart] === '\r';
    if (!isComment && !isBlank) return cursor;
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n') lineEnd++;
    if (lineEnd >= text.length) return text.length;
    cursor = lineEnd + 1;
  }
}

const HEREDOC_START = /^<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/;

function buildLogicalText(document: SourceDocument, instruction: Instruction, escapeChar: string): LogicalText {
  const source = document.text;
  const builder = new LogicalTextBuilder(source);
  // From the end of the keyword to the end of the instruction: dockerfile-ast's
  // getArgumentsRange() re-reads the whole instruction, which is slow on long heredocs.
  const end = document.offsetAt(instruction.getRange().end);
  let start = document.offsetAt(instruction.getInstructionRange().end);
  while (start < end && (source[start] === ' ' || source[start] === '\t')) start++;
  const heredoc = HEREDOC_START.exec(source.slice(start, Math.min(end, start + 64)));
  if (heredoc) return heredocScript(builder, source, start, end, heredoc[2]!);
  let runStart = start;
  let index = start;
  while (index < end) {
    const next = isContinuation(source, index, escapeChar);
    if (next >= 0) {
      builder.add(runStart, index);
      index = skipCommentLines(source, next);
      runStart = index;
      continue;
    }
    // Any other heredoc body is input to a command, not part of the command line.
    if (source[index] === '\n' || source[index] === '\r') break;
    index++;
  }
  builder.add(runStart, Math.min(index, end));
  return builder.build(Math.min(index, end));
}

/** `RUN <<EOF` runs the heredoc body as a shell script: its lines are the commands. */
function heredocScript(builder: LogicalTextBuilder, source: string, start: number, end: number, delimiter: string): LogicalText {
  const firstBreak = source.indexOf('\n', start);
  if (firstBreak < 0 || firstBreak >= end) return builder.build(end);
  let lineStart = firstBreak + 1;
  while (lineStart < end) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const contentEnd = source[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const line = source.slice(lineStart, contentEnd);
    if (line.trim() === delimiter) break;
    builder.add(lineStart, contentEnd, line);
    builder.add(contentEnd, contentEnd + 1, '\n');
    lineStart = lineEnd + 1;
  }
  return builder.build(Math.min(lineStart, end));
}

function stageHeadRange(from: From): Range {
  const keyword = from.getInstructionRange();
  const image = from.getImageRange();
  return { start: keyword.start, end: image ? image.end : keyword.end };
}

function buildStages(ast: Dockerfile, globalArgs: ReadonlyMap<string, string | undefined>, escapeChar: string): DockerStage[] {
  const stages: DockerStage[] = [];
  let current: DockerStage | undefined;
  const lookup: VariableLookup = (name) => (globalArgs.has(name) ? (globalArgs.get(name) ?? null) : undefined);
  for (const instruction of ast.getInstructions()) {
    if (instruction.getKeyword() !== 'FROM') {
      current?.instructions.push(instruction);
      continue;
    }
    const from = instruction as From;
    const imageText = from.getImage() ?? undefined;
    const resolvedImage = imageText === undefined ? undefined : substituteVariables(imageText, lookup, escapeChar);
    const reference = resolvedImage?.toLowerCase();
    const parent = reference === undefined ? undefined : stages.find((stage) => stage.name === reference);
    current = {
      index: stages.length,
      name: from.getBuildStage()?.toLowerCase() ?? undefined,
      from,
      headRange: stageHeadRange(from),
      imageText,
      imageRange: from.getImageRange() ?? undefined,
      resolvedImage,
      parent,
      isScratch: parent === undefined && reference === 'scratch',
      instructions: [],
    };
    stages.push(current);
  }
  return stages;
}

export function parseDockerfile(document: SourceDocument): DockerfileModel {
  const ast = parseRemembered(document.text);
  const escapeChar = ast.getEscapeCharacter();
  const globalArgs = readGlobalArgs(ast);
  const stages = buildStages(ast, globalArgs, escapeChar);
  const logical = new Map<Instruction, LogicalText>();
  return {
    ast,
    document,
    escapeChar,
    globalArgs,
    stages,
    finalStage: stages[stages.length - 1],
    logicalArguments(instruction) {
      let text = logical.get(instruction);
      if (!text) {
        text = buildLogicalText(document, instruction, escapeChar);
        logical.set(instruction, text);
      }
      return text;
    },
  };
}

/** The stage and the stages it builds on, nearest first. */
export function stageLineage(stage: DockerStage): DockerStage[] {
  const lineage: DockerStage[] = [];
  for (let current: DockerStage | undefined = stage; current && !lineage.includes(current); current = current.parent) {
    lineage.push(current);
  }
  return lineage;
}

/** The instructions with one of these keywords in every stage, each with its stage. */
export function* instructionsOf(model: DockerfileModel, keywords: readonly string[]): Generator<{ stage: DockerStage; instruction: Instruction }> {
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (keywords.includes(instruction.getKeyword())) yield { stage, instruction };
    }
  }
}

/** A variable lookup at an instruction, from the ARGs and ENVs in effect there. */
export function variablesAt(model: DockerfileModel, instruction: Instruction): VariableLookup {
  const line = instruction.getRange().start.line;
  return (name) => model.ast.resolveVariable(name, line);
}
