import { allRules } from '../../rules';
import type { CheckReport } from '../checkRun';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText, type FormatOptions } from './text';

export type { FormatOptions };

/** The `--format` choices; each gives its output in pieces, to be written as they come (see inChunks). */
export const formats = {
  text: (report: CheckReport, options: FormatOptions) => formatText(report, options),
  json: (report: CheckReport) => formatJson(report),
  sarif: (report: CheckReport) => formatSarif(report, allRules),
} as const;

export type FormatName = keyof typeof formats;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

/**
 * `pieces` joined into strings of about `size` UTF-16 units (the last one
 * shorter): a 100,000-problem report in a few hundred writes rather than one
 * huge string or 100,000 small writes.
 */
export function* inChunks(pieces: Iterable<string>, size = 64 * 1024): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    pending.push(piece);
    length += piece.length;
    if (length >= size) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (pending.length > 0) yield pending.join('');
}
