import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import type { SourceDocument } from '../engine/sourceDocument';
import type { Range } from '../engine/types';

/**
 * An instruction's arguments as the builder reads them: line continuations and
 * the comment lines between them removed. `offsets[i]` is the document offset
 * of `text[i]` (and `offsets[text.length]` the end), so positions found in the
 * logical text map back to exact document ranges.
 */
export interface LogicalText {
  text: string;
  offsets: number[];
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
  const argumentsRange = instruction.getArgumentsRange();
  if (!argumentsRange) return { text: '', offsets: [document.offsetAt(instruction.getRange().end)] };
  const start = document.offsetAt(argumentsRange.start);
  const end = document.offsetAt(argumentsRange.end);
  const source = document.text;
  const heredoc = HEREDOC_START.exec(source.slice(start, end));
  if (heredoc) return heredocScript(source, start, end, heredoc[2]!);
  let text = '';
  const offsets: number[] = [];
  let index = start;
  while (index < end) {
    const next = isContinuation(source, index, escapeChar);
    if (next >= 0) {
      index = skipCommentLines(source, next);
      continue;
    }
    // Any other heredoc body is input to a command, not part of the command line.
    if (source[index] === '\n' || source[index] === '\r') break;
    text += source[index];
    offsets.push(index);
    index++;
  }
  offsets.push(Math.min(index, end));
  return { text, offsets };
}

/** `RUN <<EOF` runs the heredoc body as a shell script: its lines are the commands. */
function heredocScript(source: string, start: number, end: number, delimiter: string): LogicalText {
  const firstBreak = source.indexOf('\n', start);
  let text = '';
  const offsets: number[] = [];
  if (firstBreak < 0 || firstBreak >= end) return { text, offsets: [end] };
  let lineStart = firstBreak + 1;
  while (lineStart < end) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = source.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (line.trim() === delimiter) break;
    for (let i = 0; i < line.length; i++) {
      text += line[i];
      offsets.push(lineStart + i);
    }
    text += '\n';
    offsets.push(lineEnd);
    lineStart = lineEnd + 1;
  }
  offsets.push(lineStart);
  return { text, offsets };
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
  const ast = DockerfileParser.parse(document.text);
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
