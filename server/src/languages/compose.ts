import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Alias,
  type Document,
  type Node as YamlNode,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { withLineFeeds, yamlNestingProblem } from './yamlDepth';
import type { SourceDocument } from '../engine/sourceDocument';
import type { Range } from '../engine/types';

/**
 * How many values the document may hold once its aliases are expanded, as
 * schema validation walks it. Aliases are cheap in the parsed tree (each one
 * points at its anchor), so a file may use hundreds of them; an "alias bomb"
 * (billion laughs) nests them until the expansion has billions of values.
 * Real Compose files expand to a few thousand.
 */
export const MAX_EXPANDED_VALUES = 200_000;

export interface ComposeProblem {
  message: string;
  range: Range;
}

/** One entry of a mapping, after aliases and `<<` merge keys are resolved. */
export interface ComposeEntry {
  key: Scalar;
  value: YamlNode | null;
  /** True when the entry comes from a `<<: *anchor` merge rather than the map itself. */
  merged: boolean;
}

export interface ComposeService {
  name: string;
  /** The service's name in `services:`, where service-wide diagnostics point. */
  key: Scalar;
  /** The service's own mapping node; undefined when the service is not a mapping. */
  map: YAMLMap | undefined;
  /** The service's keys with merge keys applied (own keys win). */
  entries: ReadonlyMap<string, ComposeEntry>;
}

export interface ComposeModel {
  document: SourceDocument;
  /** The parsed YAML document; undefined for an empty file. */
  yaml: Document.Parsed | undefined;
  /** YAML syntax errors and other problems that make the file unreadable, for PL209. */
  syntaxProblems: ComposeProblem[];
  /** The top-level mapping, when the file is one. */
  root: YAMLMap | undefined;
  services: ComposeService[];
  /**
   * The plain value of the document for schema validation. Undefined when
   * the file has syntax errors, is empty, or expands too many aliases.
   */
  value: unknown;
  /** Spaces per indentation level, detected from the file (2 when unknown). */
  indentUnit: number;
}

function isMergeKey(node: unknown): boolean {
  if (!isScalar(node)) return false;
  const value = node.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

const aliasTargets = new WeakMap<Document, Map<Alias, YamlNode | undefined>>();

/**
 * The node each alias of the document names: the last node before it with
 * that anchor, as `Alias.resolve` finds it. That method walks the whole
 * document on every call, so a file of 3,000 aliases took minutes; this
 * walks it once per parse.
 */
function aliasTargetsOf(yaml: Document): Map<Alias, YamlNode | undefined> {
  let targets = aliasTargets.get(yaml);
  if (!targets) {
    const found = new Map<Alias, YamlNode | undefined>();
    const anchored = new Map<string, YamlNode>();
    visit(yaml, {
      Node: (_key, node) => {
        if (isAlias(node)) found.set(node, anchored.get(node.source));
        else if (isNode(node) && node.anchor) anchored.set(node.anchor, node);
      },
    });
    targets = found;
    aliasTargets.set(yaml, targets);
  }
  return targets;
}

/** Follows aliases to the node they name. */
export function resolveNode(node: unknown, yaml: Document | undefined): YamlNode | null {
  let current = node;
  // An alias of an alias is legal YAML; the hop limit guards against cycles.
  for (let hops = 0; hops < 32 && isAlias(current) && yaml; hops++) current = aliasTargetsOf(yaml).get(current);
  return (current ?? null) as YamlNode | null;
}

/** The mapping behind a node (through aliases), or undefined when it is not one. */
export function asMap(node: unknown, yaml: Document | undefined): YAMLMap | undefined {
  const resolved = resolveNode(node, yaml);
  return isMap(resolved) ? resolved : undefined;
}

/** A scalar's value as a string (numbers and booleans included), or undefined for other nodes. */
export function scalarText(node: unknown, yaml: Document | undefined): string | undefined {
  const resolved = resolveNode(node, yaml);
  if (!isScalar(resolved) || resolved.value === null || typeof resolved.value === 'symbol') return undefined;
  return String(resolved.value);
}

/** What a map belongs to: the parsed YAML (for aliases) and the document that keeps what is derived from it. */
export type ComposeSource = Pick<ComposeModel, 'document' | 'yaml'>;

/**
 * The entries of a mapping with `<<` merge keys applied as Compose applies
 * them: the map's own keys win, then earlier merge sources over later ones.
 */
export function mapEntries(map: YAMLMap, source: ComposeSource): ReadonlyMap<string, ComposeEntry> {
  // Nodes never change after parsing, so each map is resolved once per parse.
  return source.document.deriveFor(map, resolveEntries, () => resolveEntries(map, source.yaml, 0));
}

function resolveEntries(map: YAMLMap, yaml: Document | undefined, depth: number): Map<string, ComposeEntry> {
  const entries = new Map<string, ComposeEntry>();
  const mergeSources: YAMLMap[] = [];
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      const source = resolveNode(pair.value, yaml);
      const sources = isSeq(source) ? source.items.map((item) => resolveNode(item, yaml)) : [source];
      for (const candidate of sources) if (isMap(candidate)) mergeSources.push(candidate);
      continue;
    }
    const key = resolveNode(pair.key, yaml);
    if (!isScalar(key) || key.value === null || typeof key.value === 'symbol') continue;
    entries.set(String(key.value), { key, value: resolveNode(pair.value, yaml), merged: false });
  }
  // Merge sources may merge further; the depth cap keeps a self-merging anchor finite.
  if (depth < 8) {
    for (const source of mergeSources) {
      for (const [name, entry] of resolveEntries(source, yaml, depth + 1)) {
        if (!entries.has(name)) entries.set(name, { ...entry, merged: true });
      }
    }
  }
  return entries;
}

/** The node at a path of keys below a map, through aliases and merge keys. */
export function nodeAtPath(map: YAMLMap | undefined, path: readonly string[], source: ComposeSource): YamlNode | null | undefined {
  let current: YamlNode | null | undefined = map ?? undefined;
  for (const segment of path) {
    const asMapNode = asMap(current, source.yaml);
    if (!asMapNode) return undefined;
    current = mapEntries(asMapNode, source).get(segment)?.value;
    if (current === undefined) return undefined;
  }
  return current;
}

export function nodeRange(document: SourceDocument, node: YamlNode | null | undefined): Range {
  const [start, end] = node?.range ?? [0, 0];
  return document.rangeOf(start, end);
}

/** Makes the YAML library's error messages read as sentences. */
function readableYamlError(message: string): string {
  const firstLine = message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  const sentence = firstLine.endsWith('.') ? firstLine : `${firstLine}.`;
  return `YAML syntax error: ${sentence}`;
}

/** The column of an offset, not counting a byte-order mark at the start of the file. */
function column(document: SourceDocument, offset: number): number {
  const position = document.positionAt(offset);
  return position.line === 0 && document.text.startsWith('\ufeff') ? position.character - 1 : position.character;
}

function detectIndentUnit(root: YAMLMap | undefined, document: SourceDocument): number {
  if (!root) return 2;
  for (const pair of root.items) {
    const child = pair.value;
    if (!isMap(child) || child.flow || child.items.length === 0 || !isScalar(pair.key)) continue;
    const firstKey = child.items[0]!.key;
    if (!isScalar(firstKey) || !firstKey.range || !pair.key.range) continue;
    const unit = column(document, firstKey.range[0]) - column(document, pair.key.range[0]);
    if (unit > 0) return unit;
  }
  return 2;
}

function readServices(root: YAMLMap | undefined, source: ComposeSource): ComposeService[] {
  const { yaml } = source;
  const servicesMap = root ? asMap(mapEntries(root, source).get('services')?.value, yaml) : undefined;
  if (!servicesMap) return [];
  const services: ComposeService[] = [];
  for (const pair of servicesMap.items) {
    if (isMergeKey(pair.key) || !isScalar(pair.key) || pair.key.value === null) continue;
    const map = asMap(pair.value, yaml);
    services.push({
      name: String(pair.key.value),
      key: pair.key,
      map,
      entries: map ? mapEntries(map, source) : new Map(),
    });
  }
  return services;
}

/**
 * The number of values a plain value holds when shared sub-values (aliases)
 * are counted each time they occur, up to `limit`: each distinct object is
 * counted once and its size reused, so a bomb costs as little as its text.
 */
function expandedSize(value: unknown, limit: number): number {
  const sizes = new Map<object, number>();
  const sizeOf = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, Infinity); // A value that contains itself never ends.
    let size = 1;
    for (const child of node instanceof Map ? node.values() : Object.values(node)) {
      size += sizeOf(child);
      if (size > limit) break;
    }
    sizes.set(node, size);
    return size;
  };
  return sizeOf(value);
}

/**
 * The document without the entries Compose's `!reset` tag removes
 * (`nginx: !reset null` in an override file drops what an earlier file set):
 * they are not part of the merged model, so the schema does not judge them.
 */
function withoutResets(yaml: Document.Parsed): Document {
  const copy = yaml.clone();
  const drop = (node: unknown): void => {
    if (isMap(node)) {
      node.items = node.items.filter((pair) => !(isNode(pair.value) && pair.value.tag === '!reset'));
      node.items.forEach((pair) => drop(pair.value));
    } else if (isSeq(node)) node.items.forEach(drop);
  };
  drop(copy.contents);
  return copy;
}

function plainValue(yaml: Document.Parsed, document: SourceDocument, problems: ComposeProblem[]): unknown {
  let why: string | undefined;
  let value: unknown;
  try {
    const merged = document.text.includes('!reset') ? withoutResets(yaml) : yaml;
    // Aliases become shared references here, so building the value is linear; its expanded size is budgeted below.
    value = merged.toJS({ maxAliasCount: -1 });
    if (expandedSize(value, MAX_EXPANDED_VALUES) > MAX_EXPANDED_VALUES) {
      why = `expanding its aliases yields more than ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values (an "alias bomb")`;
    }
  } catch (error) {
    why = (error as Error).message;
  }
  if (why === undefined) return value;
  let firstAlias: YamlNode | undefined;
  const findAlias = (node: unknown): void => {
    if (firstAlias) return;
    if (isAlias(node)) firstAlias = node as unknown as YamlNode;
    else if (isMap(node)) node.items.forEach((pair) => findAlias(pair.value));
    else if (isSeq(node)) node.items.forEach(findAlias);
  };
  findAlias(yaml.contents);
  problems.push({
    message: `This file cannot be read as Compose: ${why}. Reduce the nesting of anchors and aliases.`,
    range: nodeRange(document, firstAlias ?? (yaml.contents as YamlNode | null)),
  });
  return undefined;
}

/** The model of a file that is not read: one problem saying why, at a line. */
function unreadModel(document: SourceDocument, why: string, offset: number): ComposeModel {
  const range = document.lineRange(document.positionAt(offset).line);
  return {
    document,
    yaml: undefined,
    syntaxProblems: [{ message: `This file is not read as Compose: ${why}.`, range }],
    root: undefined,
    services: [],
    value: undefined,
    indentUnit: 2,
  };
}

export function parseCompose(document: SourceDocument): ComposeModel {
  const tooDeep = yamlNestingProblem(document.text);
  if (tooDeep) return unreadModel(document, tooDeep.message, tooDeep.offset);
  let documents;
  try {
    documents = parseAllDocuments(withLineFeeds(document.text), { merge: true, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    // The parser recurses as it closes nested collections; should it still overflow the stack, the file is reported, not every rule failed.
    return unreadModel(document, (error as Error).message, 0);
  }
  const all = Array.isArray(documents) ? documents : [];
  const yaml = all[0];
  const syntaxProblems: ComposeProblem[] = [];
  for (const error of all.flatMap((d) => d.errors)) {
    syntaxProblems.push({ message: readableYamlError(error.message), range: document.rangeOf(error.pos[0], error.pos[1]) });
  }
  for (const extra of all.slice(1)) {
    const [start, end] = extra.contents?.range ?? [extra.range[0], extra.range[0]];
    syntaxProblems.push({
      message: 'A Compose file holds one YAML document; Compose ignores this one. Move it into its own file.',
      range: document.rangeOf(start, end),
    });
  }
  const contents = yaml?.contents ?? null;
  const root = isMap(contents) ? contents : undefined;
  const hasSyntaxErrors = (yaml?.errors.length ?? 0) > 0;
  const value = yaml && !hasSyntaxErrors && contents !== null ? plainValue(yaml, document, syntaxProblems) : undefined;
  return {
    document,
    yaml,
    syntaxProblems,
    root,
    // After a syntax error the tree is the parser's guess; rules would only report noise on it.
    services: hasSyntaxErrors ? [] : readServices(root, { document, yaml }),
    value,
    indentUnit: detectIndentUnit(root, document),
  };
}
