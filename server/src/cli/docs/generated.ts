import type { AnyRule } from '../../engine/rule';
import { docsFileName } from '../../engine/rule';
import { buildConfigSchema } from './configSchema';
import { renderRuleIndex, renderRulePage } from './rulePage';

/** The directory of the generated rule pages, relative to the repository root. */
export const RULE_DOCS_DIRECTORY = 'docs/rules';
export const CONFIG_SCHEMA_PATH = 'schemas/plumbline.schema.json';

/** Every generated file (path relative to the repository root → content), as `npm run docs` writes them. */
export function generatedFiles(rules: readonly AnyRule[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of rules) files.set(`${RULE_DOCS_DIRECTORY}/${docsFileName(rule.meta)}`, renderRulePage(rule));
  files.set(`${RULE_DOCS_DIRECTORY}/README.md`, renderRuleIndex(rules));
  files.set(CONFIG_SCHEMA_PATH, `${JSON.stringify(buildConfigSchema(rules), null, 2)}\n`);
  return files;
}
