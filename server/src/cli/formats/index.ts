import { allRules } from '../../rules';
import type { CheckReport } from '../checkRun';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export interface FormatOptions {
  color?: boolean;
  fix?: boolean;
}

/** The `--format` choices. */
export const formats = {
  text: (report: CheckReport, options: FormatOptions) => formatText(report, options),
  json: (report: CheckReport) => formatJson(report),
  sarif: (report: CheckReport) => formatSarif(report, allRules),
} as const;

export type FormatName = keyof typeof formats;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}
