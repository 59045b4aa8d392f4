/**
 * Python parsing.
 *
 * Why @lezer/python rather than tree-sitter-python compiled to WASM: lezer is
 * plain JavaScript (no WASM blob to ship, load asynchronously or keep in step
 * with a runtime), it is error-tolerant by design (a broken region becomes an
 * error node `⚠` and the rest of the file still parses into ordinary nodes),
 * and its trees can be put together from parts, so a keystroke in a large
 * module re-parses only the statements it changed (see parseInGroups). Its trees are
 * compact typed arrays rather than a graph of objects, which keeps a CLI run
 * over thousands of files small. The price is a concrete syntax tree with
 * less detail than tree-sitter's (no field names), which the rule pack's
 * helpers in `rules/python/syntax.ts` make up for, and raw speed: parsing is
 * about two thirds of a lint. Over the standard library, lezer alone takes
 * about a quarter of pydocstyle's time for D100–D107, and tree-sitter's WASM
 * build about a sixth, so neither leaves room for the 20× the Python issue
 * asked for (`npm run bench -- python` measures all three in one run).
 */
import type * as LezerCommon from '@lezer/common';
import type { SyntaxNode, Tree, TreeBuffer } from '@lezer/common';
import type * as LezerPython from '@lezer/python';
import type { SourceDocument } from '../engine/sourceDocument';
import { lastIndexAtMost } from '../engine/sortedSearch';
import { setNewest } from '../engine/maps';
import { blankText } from './blankText';
import { changedSpan, type TextChange } from '../engine/textChange';
import { scanLogicalLines, type LogicalLineScan } from './pythonLines';

let pythonParser: typeof LezerPython.parser | undefined;

/** Loaded on first use: deserialising the grammar's tables costs a run with no Python file about 20 ms. */
function parser(): typeof LezerPython.parser {
  pythonParser ??= (require('@lezer/python') as typeof LezerPython).parser;
  return pythonParser;
}

/**
 * @lezer/lr forces the parse out of a production once more than this many
 * reductions of 2,000 characters or more start at the same place, to keep
 * left-recursive expressions from making trees too deep to walk. It also
 * counts the statements of a long class body (over ~300 annotated
 * attributes, each after a blank or comment line), and then closes the class
 * early: its later methods parse as top-level functions.
 */
const FORCED_REDUCTION_COUNT = 300;
/** A tree deeper than this came from a nested expression, not a statement list: the forced reduction was right. */
const MAX_REPARSED_DEPTH = 400;

/** The private counter of the guard above; undefined on a version of @lezer/lr without it. */
type GuardedParse = { advance(): Tree | null; bigReductionCount?: number };

/** Parses a stretch; when the guard above cut a statement list short, again without it, if the tree stays shallow. */
function parseStretch(text: string): Tree {
  const guarded = drivenParse(text, false);
  if (!guarded.guardFired) return guarded.tree;
  const unguarded = drivenParse(text, true).tree;
  return depthOf(unguarded) <= MAX_REPARSED_DEPTH ? unguarded : guarded.tree;
}

/** Runs lezer's parse step by step, noting whether its guard fired, or holding the guard's counter at zero. */
function drivenParse(text: string, holdGuard: boolean): { tree: Tree; guardFired: boolean } {
  let guardFired = false;
  const parse = parser().startParse(text) as unknown as GuardedParse;
  for (;;) {
    if (holdGuard) parse.bigReductionCount = 0;
    else if ((parse.bigReductionCount ?? 0) > FORCED_REDUCTION_COUNT) guardFired = true;
    const tree = parse.advance();
    if (tree) return { tree, guardFired };
  }
}

/** The depth of the deepest node, walked without recursion. */
function depthOf(tree: Tree): number {
  const cursor = tree.cursor();
  let depth = 0;
  let deepest = 0;
  for (;;) {
    if (cursor.firstChild()) {
      deepest = Math.max(deepest, ++depth);
      continue;
    }
    while (!cursor.nextSibling()) {
      if (!cursor.parent()) return deepest;
      depth--;
    }
  }
}

export interface PythonModel {
  readonly document: SourceDocument;
  readonly text: string;
  readonly tree: Tree;
  /** Offsets of syntax-error nodes, merged and sorted; empty for a file that parses cleanly. */
  readonly errors: ReadonlyArray<{ from: number; to: number }>;
  /** Whether [from, to) overlaps a syntax error, so rules can stay silent about broken code. */
  hasErrorIn(from: number, to: number): boolean;
  /** Where the first thing Python's tokenizer rejects starts (see pythonLines.ts); an error from there to the end is in `errors`. */
  readonly rejectedAt?: number;
  /**
   * Nodes found from the text: each whole-word match of `word` (a string, or
   * a global RegExp) is resolved to the innermost node there and handed to
   * `confirm`, which returns the node the rule is after, or nothing. Rules
   * look for rare things (a print, a TODO, an `except`, a secret's name), so
   * this opens a handful of nodes where walking the tree would open them all.
   * Each node comes once, in source order.
   */
  nodesAtText(word: string | RegExp, confirm: (node: SyntaxNode) => SyntaxNode | null | undefined): SyntaxNode[];
  /**
   * Set on a view that re-checks part of a module (see `scopedPythonModel`):
   * the spans, whole lines each, that `nodesAtText` and the definitions of
   * the module's facts are limited to. Undefined for the whole module.
   */
  readonly scope?: readonly TextSpan[];
}

export interface TextSpan {
  from: number;
  to: number;
}

interface CachedParse {
  text: string;
  tree: Tree;
  /** Where its groups of top-level statements start, for the next version's scan to resume from. */
  scan: LogicalLineScan;
  /** Where each stretch parsed on its own starts (see stretchStarts), and its tree, for the next version to reuse. */
  stretchStarts: number[];
  stretchTrees: Tree[];
}

/** A group this long or longer (a definition, a block) is parsed on its own; shorter ones join the stretch before them. */
const OWN_STRETCH_CHARS = 256;
/** About one in this many short groups starts a stretch anyway (see stretchStarts), so stretches stay short. */
const SHORT_GROUPS_PER_STRETCH = 16;

/**
 * Where the stretches that are parsed on their own start: some of the
 * groups' starts. A lezer parse has a fixed cost, so a module of thousands
 * of one-line statements parsed group by group took 1.6 times its whole
 * parse; short groups therefore join the stretch before them. Whether a
 * group starts a stretch depends only on its own text (its length, and a
 * hash of its first characters), never on a running count, so an edit moves
 * no stretch boundary beyond the groups it touched and the stretches after
 * it keep their trees.
 */
function stretchStarts(text: string, groupStarts: readonly number[]): number[] {
  return groupStarts.filter((from, index) => {
    if (index === 0) return true;
    const to = groupStarts[index + 1] ?? text.length;
    if (to - from >= OWN_STRETCH_CHARS) return true;
    let hash = 0;
    for (let at = from; at < Math.min(to, from + 32); at++) hash = (hash * 31 + text.charCodeAt(at)) | 0;
    return (hash >>> 0) % SHORT_GROUPS_PER_STRETCH === 0;
  });
}

/**
 * The last parse of each open editor buffer, for the next keystroke: enough entries for the documents an editor has open.
 * This is the one cache that is not a SourceDocument's or the index's (test/unit/caches.test.ts allows it by name):
 * it outlives the document it came from on purpose, since each edit brings a new document whose parse reuses the
 * previous version's groups, so it is keyed by path across versions and bounded by CACHE_LIMIT.
 */
const CACHE_LIMIT = 16;
const lastParseByPath = new Map<string, CachedParse>();

/**
 * Hundreds of operators in a row, each followed by a blank (`- - - …`):
 * CPython gives up on an expression nested that deep, and lezer's error
 * recovery around such a run in a broken line took seconds (4 s for one of
 * 18,000 in a 37 KB file the fuzzer made). No code has them.
 */
const OPERATOR_RUN = /(?:[-+~*][ \t]+){256,}/g;

/** The text with each OPERATOR_RUN blanked (lengths kept, so offsets hold), and where they were. */
function withoutOperatorRuns(text: string): { text: string; runs: TextSpan[] } {
  const runs: TextSpan[] = [];
  OPERATOR_RUN.lastIndex = 0;
  for (let match = OPERATOR_RUN.exec(text); match; match = OPERATOR_RUN.exec(text)) runs.push({ from: match.index, to: match.index + match[0].length });
  if (runs.length === 0) return { text, runs };
  let blanked = '';
  let at = 0;
  for (const run of runs) {
    blanked += text.slice(at, run.from) + ' '.repeat(run.to - run.from);
    at = run.to;
  }
  return { text: blanked + text.slice(at), runs };
}

/**
 * The tree of the text as parsed (see withoutOperatorRuns), one stretch of
 * top-level statement groups at a time (see pythonLines.ts and
 * stretchStarts), their trees side by side under one top node. An editor
 * buffer's next version scans and parses again only the stretches around the
 * change and reuses the others' trees.
 *
 * Not lezer's own incremental parse (TreeFragment): after an edit that broke
 * the indentation, and its undo, it reused subtrees in the wrong indentation
 * context. In random edits of standard-library modules about one re-parse in
 * five differed from a fresh parse of the same text (error nodes in valid
 * code, methods moved into the function before them), and the findings with
 * it. A stretch is always parsed afresh, and a text always parses the same.
 */
function parseInGroups(document: SourceDocument, text: string): { tree: Tree; scan: LogicalLineScan } {
  const { path } = document;
  const previous = lastParseByPath.get(path);
  if (previous?.text === text) return previous;
  const change = previous && changedSpan(previous.text, text);
  const scan = scanLogicalLines(text, previous && change && { scan: previous.scan, change });
  const starts = stretchStarts(text, scan.groupStarts);
  const stretchTrees = starts.map((from, index) => {
    const to = starts[index + 1] ?? text.length;
    const reused = previous && change && reusedStretchTree(previous, change, from, to);
    return reused ?? parseStretch(parsableStretch(text, scan, from, to));
  });
  let tree: Tree;
  if (stretchTrees.length === 1) {
    tree = stretchTrees[0]!;
  } else {
    const children: Array<Tree | TreeBuffer> = [];
    const positions: number[] = [];
    stretchTrees.forEach((stretch, index) => {
      stretch.children.forEach((child, childIndex) => {
        children.push(child);
        positions.push(starts[index]! + stretch.positions[childIndex]!);
      });
    });
    // Balanced as lezer balances a parse, so that finding the node at a position does not scan every statement.
    const { Tree: TreeClass } = require('@lezer/common') as typeof LezerCommon;
    tree = new TreeClass(parser().topNode, children, positions, text.length).balance();
  }
  // Only an editor buffer (a document with a version) is edited again. A file
  // read from disk, in a CLI run or a check of closed files, is parsed once:
  // remembering it would evict the open buffers and keep its tree alive long
  // enough to reach the old generation, where a CLI run's garbage piles up.
  if (document.version !== undefined) {
    setNewest(lastParseByPath, path, { text, tree, scan, stretchStarts: starts, stretchTrees }, CACHE_LIMIT);
  }
  return { tree, scan };
}

/**
 * The text of the stretch [from, to) as lezer is given it: in each group,
 * from the first thing Python's tokenizer rejects (see pythonLines.ts) to
 * the group's end, blanked with its line breaks kept. The module is one
 * error from there on anyway, and lezer follows brackets by recursion, so
 * thousands of them nested overflowed the stack.
 */
function parsableStretch(text: string, scan: LogicalLineScan, from: number, to: number): string {
  const stretch = from === 0 && to === text.length ? text : text.slice(from, to);
  if (scan.rejectedAt === undefined || scan.rejectedAt >= to) return stretch;
  const { groupStarts, groupRejections } = scan;
  let parsable = '';
  let at = from;
  for (let group = lastIndexAtMost(groupStarts, from); group < groupStarts.length && groupStarts[group]! < to; group++) {
    const rejected = groupRejections[group]!;
    if (rejected < 0) continue;
    const groupEnd = Math.min(to, groupStarts[group + 1] ?? text.length);
    parsable += text.slice(at, rejected) + blankText(text.slice(rejected, groupEnd));
    at = groupEnd;
  }
  return parsable + text.slice(at, to);
}

/** The previous version's tree of the stretch [from, to) when the change left its text and its bounds as they were. */
function reusedStretchTree(previous: CachedParse, change: TextChange, from: number, to: number): Tree | undefined {
  const shift = change.toB - change.fromB - (change.toA - change.fromA);
  // Wholly before the change, a stretch is where it was; wholly after it, moved by the change's length.
  const was = to <= change.fromB ? from : from >= change.toB ? from - shift : undefined;
  if (was === undefined) return undefined;
  const starts = previous.stretchStarts;
  const index = lastIndexAtMost(starts, was);
  const end = starts[index + 1] ?? previous.text.length;
  return starts[index] === was && end === was + (to - from) ? previous.stretchTrees[index] : undefined;
}

/** Error nodes' spans, flat (`from, to, from, to, …`), merged and sorted. */
function mergedErrors(nodes: readonly number[]): Array<{ from: number; to: number }> {
  const errors: Array<{ from: number; to: number }> = [];
  for (let i = 0; i < nodes.length; i += 2) {
    // An error node is often empty; widen it to one character so overlap tests see it.
    const span = { from: nodes[i]!, to: Math.max(nodes[i + 1]!, nodes[i]! + 1) };
    const last = errors[errors.length - 1];
    // Nested or touching errors merge, keeping the list sorted by both ends for the binary search.
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else errors.push(span);
  }
  return errors;
}

/**
 * Syntax-error spans of a file parsed once (read from disk), merged and
 * sorted: the tree's node arrays are read in place, about three times as
 * fast as a walk with lezer's cursor, and nothing is remembered.
 */
function syntaxErrors(tree: Tree): Array<{ from: number; to: number }> {
  const nodes: number[] = [];
  pushErrorNodes(tree, 0, nodes);
  return mergedErrors(nodes);
}

/** Pushes the error nodes under a subtree that starts at `at`, in the order a walk meets them. */
function pushErrorNodes(subtree: Tree | TreeBuffer, at: number, nodes: number[]): void {
  if (!isTree(subtree)) return pushBufferErrorNodes(subtree, at, nodes);
  if (subtree.type.isError) nodes.push(at, at + subtree.length);
  subtree.children.forEach((child, index) => pushErrorNodes(child, at + subtree.positions[index]!, nodes));
}

/** Pushes the error nodes of a buffer that starts at `at`. A buffer lists its nodes parents first, as a walk meets them: type, start, end, end of children. */
function pushBufferErrorNodes(subtree: TreeBuffer, at: number, nodes: number[]): void {
  const { buffer, set } = subtree;
  for (let i = 0; i < buffer.length; i += 4) if (set.types[buffer[i]!]!.isError) nodes.push(at + buffer[i + 1]!, at + buffer[i + 2]!);
}

/**
 * Whether a child is a Tree rather than a TreeBuffer. Not `instanceof`: a
 * bundle can hold two copies of @lezer/common (the parser's CommonJS build
 * and this module's ES one), whose classes differ.
 */
function isTree(child: Tree | TreeBuffer): child is Tree {
  return 'children' in child;
}

const NO_ERROR_NODES: readonly number[] = [];
/** The error nodes of each subtree of an editor buffer's parse, relative to its start, in the order a walk meets them. */
const errorNodesOfSubtree = new WeakMap<Tree | TreeBuffer, readonly number[]>();

/**
 * The error nodes under a subtree. An editor buffer's parse reuses most
 * subtrees of the previous parse as they are (the same objects, see
 * parseInGroups), so after an edit only the subtrees parsed anew are walked.
 */
function errorNodesOf(subtree: Tree | TreeBuffer): readonly number[] {
  let found = errorNodesOfSubtree.get(subtree);
  if (found) return found;
  const nodes: number[] = [];
  if (isTree(subtree)) {
    if (subtree.type.isError) nodes.push(0, subtree.length);
    subtree.children.forEach((child, index) => {
      const at = subtree.positions[index]!;
      for (const offset of errorNodesOf(child)) nodes.push(at + offset);
    });
  } else {
    pushBufferErrorNodes(subtree, 0, nodes);
  }
  found = nodes.length > 0 ? nodes : NO_ERROR_NODES;
  errorNodesOfSubtree.set(subtree, found);
  return found;
}

/** Characters that continue a Python identifier: ASCII word characters and anything non-ASCII. */
function isIdentifierChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}

/**
 * Start offsets of the whole-word matches of a string; a RegExp's own
 * matches as they are; only those in [from, to), searched in that stretch
 * alone. A pattern must not match across a line break for a search of whole
 * lines to find what a search of the whole text finds there.
 */
function* matchOffsets(text: string, word: string | RegExp, from = 0, to = text.length): Generator<number> {
  const stretch = from === 0 && to === text.length ? text : text.slice(from, to);
  if (typeof word !== 'string') {
    // A RegExp without the g flag would match at the same place forever.
    if (!word.global) throw new Error(`nodesAtText needs a global RegExp, not ${word}`);
    word.lastIndex = 0;
    for (let match = word.exec(stretch); match; match = word.exec(stretch)) {
      yield from + match.index;
      if (match[0].length === 0) word.lastIndex++;
    }
    return;
  }
  for (let at = stretch.indexOf(word); at !== -1; at = stretch.indexOf(word, at + word.length)) {
    const offset = from + at;
    if (!isIdentifierChar(text.charCodeAt(offset - 1)) && !isIdentifierChar(text.charCodeAt(offset + word.length))) yield offset;
  }
}

/** The resolved nodes of `nodesAtText`, each once, in source order. */
function nodesAtOffsets(tree: Tree, offsets: Iterable<number>, confirm: (node: SyntaxNode) => SyntaxNode | null | undefined): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const seen = new Set<number>();
  for (const offset of offsets) {
    const node = confirm(tree.resolveInner(offset, 1));
    if (!node || seen.has(node.from)) continue;
    seen.add(node.from);
    found.push(node);
  }
  return found.sort((a, b) => a.from - b.from);
}

/** `errors` with `extra` spans added, merged and sorted as `errors` are. */
function withErrors(errors: Array<{ from: number; to: number }>, extra: readonly TextSpan[]): Array<{ from: number; to: number }> {
  if (extra.length === 0) return errors;
  return mergedErrors([...errors, ...extra].sort((a, b) => a.from - b.from).flatMap(({ from, to }) => [from, to]));
}

/**
 * The parse and its syntax errors. On some pathological inputs (thousands of
 * nested operators among quotes on one line, found by the fuzzer) lezer
 * builds a tree whose nodes lack a type, and walking it throws inside
 * @lezer/common, which failed every PL3xx rule at once. The error walk visits
 * every node, so it finds such a tree; the file is then treated as one syntax
 * error, about which the rules stay silent, over a tree of blanks. So is a
 * parse that overflows the stack in a way the scan does not foresee.
 */
function soundParse(document: SourceDocument): { tree: Tree; errors: Array<{ from: number; to: number }>; rejectedAt?: number } {
  const parsed = withoutOperatorRuns(document.text);
  try {
    const { tree, scan } = parseInGroups(document, parsed.text);
    const { rejectedAt } = scan;
    // An editor buffer is parsed again at the next keystroke, which reuses most of this tree's groups and their errors.
    const errors = document.version === undefined ? syntaxErrors(tree) : mergedErrors(errorNodesOf(tree));
    // Past what Python rejects, lezer's tree no longer says what Python would have compiled (see pythonLines.ts).
    const toTheEnd = rejectedAt === undefined ? [] : [{ from: rejectedAt, to: document.text.length }];
    return { tree, errors: withErrors(errors, [...parsed.runs, ...toTheEnd]), rejectedAt };
  } catch {
    lastParseByPath.delete(document.path);
    const blank = blankText(document.text);
    return { tree: parser().parse(blank), errors: [{ from: 0, to: Math.max(1, document.text.length) }] };
  }
}

export function parsePython(document: SourceDocument): PythonModel {
  const { tree, errors, rejectedAt } = soundParse(document);
  const errorSpans = () => errors;
  const text = document.text;
  return {
    document,
    text,
    tree,
    rejectedAt,
    get errors() {
      return errorSpans();
    },
    hasErrorIn(from, to) {
      const spans = errorSpans();
      // Binary search for the first error ending after `from`.
      let low = 0;
      let high = spans.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (spans[mid]!.to <= from) low = mid + 1;
        else high = mid;
      }
      return low < spans.length && spans[low]!.from < to;
    },
    nodesAtText(word, confirm) {
      return nodesAtOffsets(tree, matchOffsets(text, word), confirm);
    },
  };
}

/** A stretch of a tree, with how far the same stretch of another tree lies from it (`offset`: other position − this one). */
export interface TreeStretch extends TextSpan {
  offset: number;
}

/**
 * Where a parse of an edited buffer left the previous parse as it was: the
 * subtrees of statement stretches whose text did not change are the very
 * objects of the previous tree (see parseInGroups); every other stretch was
 * parsed anew. `reused` lists the stretches made of the previous tree's
 * subtrees, `fresh` those of new nodes (the top node and the anonymous
 * nodes that group children are left out: they hold no syntax of their own).
 */
export function comparedParses(before: Tree, after: Tree): { reused: TreeStretch[]; fresh: TextSpan[] } {
  const previous = new Map<Tree | TreeBuffer, number>();
  const collect = (tree: Tree, at: number) => {
    tree.children.forEach((child, index) => {
      const position = at + tree.positions[index]!;
      previous.set(child, position);
      if (isTree(child)) collect(child, position);
    });
  };
  collect(before, 0);
  const reused: TreeStretch[] = [];
  const fresh: TextSpan[] = [];
  const compare = (tree: Tree, at: number) => {
    tree.children.forEach((child, index) => {
      const from = at + tree.positions[index]!;
      const to = from + child.length;
      const was = previous.get(child);
      if (was !== undefined) reused.push({ from, to, offset: was - from });
      else if (!isTree(child)) fresh.push({ from, to });
      else {
        if (!child.type.isAnonymous) fresh.push({ from, to });
        compare(child, from);
      }
    });
  };
  compare(after, 0);
  return { reused, fresh };
}

/**
 * A view of a module for re-checking some of its top-level statements after
 * an edit: `nodesAtText` finds only what starts in `scope`, and the module's
 * facts list only the definitions there (everything else about the module
 * stays whole). Rules that declare their findings local to a top-level
 * statement run on it; the engine keeps what they report in the scope.
 */
export function scopedPythonModel(model: PythonModel, scope: readonly TextSpan[]): PythonModel {
  const { text, tree } = model;
  return {
    document: model.document,
    text,
    tree,
    errors: model.errors,
    rejectedAt: model.rejectedAt,
    hasErrorIn: (from, to) => model.hasErrorIn(from, to),
    nodesAtText: (word, confirm) =>
      nodesAtOffsets(
        tree,
        scope.flatMap((span) => [...matchOffsets(text, word, span.from, span.to)]),
        confirm,
      ),
    scope,
  };
}
