import type { SourceDocument } from '../engine/sourceDocument';

/**
 * One logical line of a pip requirements file (continuation lines joined).
 * Offsets are offsets into the document.
 */
export type RequirementLine =
  | {
      kind: 'requirement';
      /** The project name as written, e.g. `Django`. */
      name: string;
      /** Everything after the name and extras up to a marker or option: `>=4.2,<5`, `==1.0`, `` (none). */
      specifier: string;
      /** The direct-reference URL of `name @ url`, when there is one. */
      url?: string;
      /** Whether the line carries `--hash=` options. */
      hashed: boolean;
      from: number;
      to: number;
    }
  /** A bare URL or local path (`./libs/common`, `https://…/pkg.whl#sha256=…`). */
  | { kind: 'reference'; target: string; hashed: boolean; from: number; to: number }
  /** `-r`/`--requirement` and `-c`/`--constraint` includes. */
  | { kind: 'include'; option: string; target: string; from: number; to: number }
  /** `-e`/`--editable` and global options such as `--index-url`. */
  | { kind: 'option'; option: string; from: number; to: number };

export interface RequirementsModel {
  lines: RequirementLine[];
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const INCLUDE_OPTIONS = new Set(['-r', '--requirement', '-c', '--constraint']);

/** The text with `\`-newline continuations and comments blanked out, keeping every offset. */
function logicalText(text: string): string {
  return text
    .replace(/\\\r?\n/g, (match) => ' '.repeat(match.length))
    .replace(/(^|[ \t])#[^\r\n]*/gm, (match, lead: string) => lead + ' '.repeat(match.length - lead.length));
}

function parseRequirement(content: string, from: number): RequirementLine {
  const hashed = /(?:^|\s)--hash[=\s]/.test(content) || /#(?:sha256|sha384|sha512|md5)=/.test(content);
  // One whitespace character before the dash, not `\s+`: a run of blanks would be rescanned from each of its characters.
  const beforeOptions = content.split(/\s--?[a-z]/)[0]!.trim();
  const name = NAME.exec(beforeOptions)?.[0];
  const looksLikeReference =
    /^[.~/]|^[a-z+]+:\/\/|^[A-Za-z]:\\/.test(beforeOptions) || (!beforeOptions.includes('@') && /\.(?:whl|tar\.gz|zip)$/.test(beforeOptions));
  if (!name || looksLikeReference) return { kind: 'reference', target: beforeOptions, hashed, from, to: from + beforeOptions.length };
  let rest = beforeOptions.slice(name.length).trim();
  if (rest.startsWith('[')) rest = rest.slice(rest.indexOf(']') + 1).trim();
  const withoutMarker = rest.split(';')[0]!.trim();
  if (withoutMarker.startsWith('@')) {
    return { kind: 'requirement', name, specifier: '', url: withoutMarker.slice(1).trim(), hashed, from, to: from + beforeOptions.length };
  }
  return { kind: 'requirement', name, specifier: withoutMarker.replace(/\s+/g, ''), hashed, from, to: from + beforeOptions.length };
}

function parseLine(content: string, from: number): RequirementLine {
  if (!content.startsWith('-')) return parseRequirement(content, from);
  const match = /^(--?[A-Za-z-]+)(?:[=\s]\s*(\S*))?/.exec(content);
  // A dash that starts no option (`-`, `--`, `-1`) is kept as an option line pip would reject, not a requirement.
  const option = match?.[1] ?? content.split(/\s/, 1)[0]!;
  if (INCLUDE_OPTIONS.has(option)) return { kind: 'include', option, target: match?.[2] ?? '', from, to: from + content.length };
  return { kind: 'option', option, from, to: from + content.length };
}

export function parseRequirements(document: SourceDocument): RequirementsModel {
  const logical = logicalText(document.text);
  const lines: RequirementLine[] = [];
  const linePattern = /[^\r\n]+/g;
  for (let match = linePattern.exec(logical); match; match = linePattern.exec(logical)) {
    const leading = match[0].length - match[0].trimStart().length;
    const content = match[0].trim();
    if (content) lines.push(parseLine(content, match.index + leading));
  }
  return { lines };
}
