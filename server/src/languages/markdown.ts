import type { Parent, Root } from 'mdast';
import type { Node } from 'unist';
import type * as FromMarkdown from 'mdast-util-from-markdown';
import type { SourceDocument } from '../engine/sourceDocument';
import { blankText } from './blankText';

/** One `key: value` line of a YAML front matter block, as MADR writes it. */
export interface FrontMatterField {
  value: string;
  /** 0-based line of the field in the document. */
  line: number;
}

export interface FrontMatter {
  /** 0-based lines of the opening and closing `---`. */
  startLine: number;
  endLine: number;
  /** Top-level scalar fields, lower-cased keys; nested YAML is not interpreted. */
  fields: Map<string, FrontMatterField>;
}

export interface MarkdownModel {
  /** CommonMark syntax tree with positions (1-based lines and columns, 0-based offsets). */
  root: Root;
  frontMatter: FrontMatter | undefined;
}

let markdownParser: typeof FromMarkdown.fromMarkdown | undefined;

/** Loaded on first use: evaluating micromark's hundred modules is wasted on a run without Markdown. */
function fromMarkdown(text: string): Root {
  markdownParser ??= (require('mdast-util-from-markdown') as typeof FromMarkdown).fromMarkdown;
  return markdownParser(text);
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

function readFrontMatter(text: string): { frontMatter: FrontMatter; length: number } | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  const fields = new Map<string, FrontMatterField>();
  const lines = match[1]!.split(/\r?\n/);
  lines.forEach((line, i) => {
    const field = /^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!field) return;
    const value = field[2]!.replace(/^(["'])(.*)\1$/, '$2');
    fields.set(field[1]!.toLowerCase(), { value, line: i + 1 });
  });
  return { frontMatter: { startLine: 0, endLine: lines.length + 1, fields }, length: match[0].length };
}

/** Deeper than this, nested lists and block quotes cost the parser time that grows with the cube of the depth. */
const MAX_INDENT = 40;
const DEEP_CONTAINERS = /^\uFEFF?(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$)){12}/;
/** Long runs of brackets or of container markers make the parser backtrack quadratically. */
const LONG_RUNS = /\[{64,}|\]{64,}|(?:[>*_`<]\s*){256,}/g;

/**
 * Blanks what no changelog or ADR contains but that makes the CommonMark
 * parser take minutes: lines nested absurdly deep, and very long runs of
 * brackets or markers. Characters become spaces and line breaks stay, so
 * offsets in the tree still match the document.
 */
function defuse(text: string): string {
  return text
    .split(/(?<=\n)/)
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
      // A leading byte-order mark stays: the parser skips it uncounted, and positions are shifted over it afterwards.
      if (indent > MAX_INDENT || DEEP_CONTAINERS.test(line)) return line.startsWith('\uFEFF') ? `\uFEFF${blankText(line.slice(1))}` : blankText(line);
      return line.replace(LONG_RUNS, blankText);
    })
    .join('');
}

/**
 * Parses Markdown with a CommonMark parser, so that headings inside code
 * fences are not headings. A YAML front matter block is read separately and
 * blanked out (newlines kept) before parsing, so that the tree's offsets
 * still match the document and `---` is not taken for a heading underline.
 */
export function parseMarkdown(document: SourceDocument): MarkdownModel {
  // The parser skips one leading byte-order mark without counting it, so the tree's positions are shifted over it afterwards.
  const bom = document.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = document.text;
  const found = readFrontMatter(text.slice(bom));
  const body = found ? text.slice(0, bom) + blankText(text.slice(bom, bom + found.length)) + text.slice(bom + found.length) : text;
  const root = fromMarkdown(defuse(body));
  if (bom) shiftPastBom(root);
  return { root, frontMatter: found?.frontMatter };
}

/** Moves every position one character on, as if the parser had counted the byte-order mark (on line 1, its column too). */
function shiftPastBom(root: Root): void {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    for (const point of node.position ? [node.position.start, node.position.end] : []) {
      if (point.offset !== undefined) point.offset++;
      if (point.line === 1) point.column++;
    }
    if ('children' in node) for (const child of (node as Parent).children) pending.push(child);
  }
}
