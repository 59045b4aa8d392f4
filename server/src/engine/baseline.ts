import type * as NodeCrypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativePosix } from './fileSystem';
import { compareOrdinal } from './ordinal';
import type { SourceDocument } from './sourceDocument';
import type { Diagnostic } from './types';

/** The baseline's file name, at the workspace root. */
export const BASELINE_FILE_NAME = '.plumbline-baseline.json';

const FORMAT_VERSION = 1;
/** Enough of the offending text to tell findings apart, without hashing a whole multi-line block. */
const MAX_FINGERPRINT_TEXT = 400;

/** One kind of accepted finding in one file: `count` findings share the code and fingerprint. */
export interface BaselineEntry {
  code: string;
  fingerprint: string;
  count: number;
}

/** The file's shape; toJson writes it by hand, one entry a line. */
interface BaselineJson {
  version: number;
  /** Path relative to the workspace root, `/`-separated → its accepted findings. */
  files: Record<string, BaselineEntry[]>;
}

let crypto: typeof NodeCrypto | undefined;

/** SHA-256 in hex; node:crypto is loaded on first use, since loading it costs a run without a baseline about 15 ms. */
function sha256(text: string): string {
  crypto ??= require('node:crypto') as typeof NodeCrypto;
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * Identifies a finding across edits that move it: a hash of its code, the
 * text of its first line and the text it covers, each with whitespace
 * collapsed. No line number, so inserting lines above it changes nothing;
 * rewriting the offending line makes it a new finding. Only the hash is
 * stored: the text may be a secret (PL105, PL206, PL307).
 */
export function fingerprintOf(document: SourceDocument, diagnostic: Pick<Diagnostic, 'code' | 'range'>): string {
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
  const line = collapse(document.lineText(diagnostic.range.start.line));
  const covered = collapse(document.getText(diagnostic.range).slice(0, MAX_FINGERPRINT_TEXT));
  return sha256(`${diagnostic.code}\n${line}\n${covered}`).slice(0, 16);
}

const keyOf = (code: string, fingerprint: string) => `${code} ${fingerprint}`;

/** Counts of findings by code and fingerprint, in one file. */
type Counts = Map<string, BaselineEntry>;

function countsOf(entries: readonly BaselineEntry[]): Counts {
  const counts: Counts = new Map();
  for (const entry of entries) {
    const key = keyOf(entry.code, entry.fingerprint);
    const known = counts.get(key);
    if (known) known.count += entry.count;
    else counts.set(key, { ...entry });
  }
  return counts;
}

/** A baseline file that cannot be read: a usage error for the CLI, a log line for the editor. */
export class BaselineError extends Error {}

function parseBaseline(text: string, file: string): Map<string, Counts> {
  let json: BaselineJson;
  try {
    json = JSON.parse(text) as BaselineJson;
  } catch (error) {
    throw new BaselineError(`${file} is not valid JSON (${(error as Error).message}); delete it or write it again with --write-baseline.`);
  }
  if (json?.version !== FORMAT_VERSION || typeof json.files !== 'object' || json.files === null) {
    throw new BaselineError(`${file} is not a version ${FORMAT_VERSION} Plumbline baseline; write it again with --write-baseline.`);
  }
  const files = new Map<string, Counts>();
  for (const [relative, entries] of Object.entries(json.files)) {
    const valid = Array.isArray(entries)
      ? entries.filter((e) => typeof e?.code === 'string' && typeof e.fingerprint === 'string' && Number.isInteger(e.count) && e.count > 0)
      : [];
    files.set(relative, countsOf(valid));
  }
  return files;
}

/**
 * Accepted findings, read from `.plumbline-baseline.json` at the workspace
 * root: `check` and the editor hide up to `count` findings per file, code
 * and fingerprint, and report the rest. A finding that is fixed frees its
 * place, so a new identical one in the same file is hidden until the
 * baseline is pruned; one in another file is always reported.
 */
export class Baseline {
  private constructor(
    readonly root: string,
    private readonly files: Map<string, Counts>,
  ) {}

  static filePath(root: string): string {
    return path.join(root, BASELINE_FILE_NAME);
  }

  /** The workspace's baseline; an empty one when there is no file. Throws a BaselineError when it is unreadable. */
  static load(root: string): Baseline {
    const file = Baseline.filePath(root);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Baseline(root, new Map());
      throw new BaselineError(`cannot read ${file}: ${(error as Error).message}`);
    }
    return new Baseline(root, parseBaseline(text, BASELINE_FILE_NAME));
  }

  static empty(root: string): Baseline {
    return new Baseline(root, new Map());
  }

  /** How many findings the baseline accepts in all. */
  get size(): number {
    let total = 0;
    for (const counts of this.files.values()) for (const entry of counts.values()) total += entry.count;
    return total;
  }

  /** The key of a file in the baseline: its path relative to the workspace root, `/`-separated. */
  keyOf(filePath: string): string {
    return relativePosix(this.root, filePath);
  }

  /** Whether the baseline accepts any finding in the file (else there is nothing to fingerprint). */
  covers(filePath: string): boolean {
    return this.files.has(this.keyOf(filePath));
  }

  /**
   * Splits one file's diagnostics (in position order) into those to report
   * and those the baseline accepts. When a file has more identical findings
   * than accepted, the last ones are reported.
   */
  partition<D extends Pick<Diagnostic, 'code'>>(
    filePath: string,
    diagnostics: readonly D[],
    fingerprints: readonly string[],
  ): { reported: D[]; baselined: D[] } {
    const accepted = this.files.get(this.keyOf(filePath));
    if (!accepted) return { reported: [...diagnostics], baselined: [] };
    const left = new Map([...accepted].map(([key, entry]) => [key, entry.count]));
    const reported: D[] = [];
    const baselined: D[] = [];
    diagnostics.forEach((diagnostic, index) => {
      const key = keyOf(diagnostic.code, fingerprints[index]!);
      const remaining = left.get(key) ?? 0;
      if (remaining > 0) {
        left.set(key, remaining - 1);
        baselined.push(diagnostic);
      } else {
        reported.push(diagnostic);
      }
    });
    return { reported, baselined };
  }

  /**
   * The baseline after a run over some files (absolute path → each finding's
   * code and fingerprint): `write` records every current finding of those
   * files; `prune` only lowers counts to what is still found, never
   * accepting anything new. Files the run did not check keep their entries
   * unless they no longer exist.
   */
  updated(mode: 'write' | 'prune', checked: ReadonlyMap<string, ReadonlyArray<{ code: string; fingerprint: string }>>): Baseline {
    const files = new Map<string, Counts>();
    for (const [relative, counts] of this.files) {
      if (fs.existsSync(path.join(this.root, relative))) files.set(relative, counts);
    }
    for (const [filePath, findings] of checked) {
      const relative = this.keyOf(filePath);
      if (relative.startsWith('..')) continue;
      const current = countsOf(findings.map(({ code, fingerprint }) => ({ code, fingerprint, count: 1 })));
      if (mode === 'prune') {
        const before = this.files.get(relative);
        for (const [key, entry] of current) entry.count = Math.min(entry.count, before?.get(key)?.count ?? 0);
      }
      const kept: Counts = new Map([...current].filter(([, entry]) => entry.count > 0));
      if (kept.size > 0) files.set(relative, kept);
      else files.delete(relative);
    }
    return new Baseline(this.root, files);
  }

  /** The JSON text: files and entries sorted, one entry a line, so the file diffs well under version control. */
  toJson(): string {
    const files = [...this.files.keys()].sort().map((relative) => {
      const entries = [...this.files.get(relative)!.values()]
        .sort((a, b) => compareOrdinal(a.code, b.code) || compareOrdinal(a.fingerprint, b.fingerprint))
        .map(({ code, fingerprint, count }) => `      ${JSON.stringify({ code, fingerprint, count })}`);
      return `    ${JSON.stringify(relative)}: [\n${entries.join(',\n')}\n    ]`;
    });
    const body = files.length > 0 ? `{\n${files.join(',\n')}\n  }` : '{}';
    return `{\n  "version": ${FORMAT_VERSION},\n  "files": ${body}\n}\n`;
  }

  write(): void {
    fs.writeFileSync(Baseline.filePath(this.root), this.toJson());
  }
}
