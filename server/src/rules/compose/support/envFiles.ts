import * as path from 'node:path';
import { isMap, isSeq } from 'yaml';
import type { FactProvider, FileFacts, WorkspaceIndex } from '../../../engine/workspaceIndex';
import { parseAs } from '../../../languages';
import { asMap, resolveNode, scalarText } from '../../../languages/compose';

/**
 * The env files each Compose file's services load (`env_file:` as a string,
 * a list of strings or a list of `{path, required}`), as absolute paths.
 */
export const composeEnvFilesFacts: FactProvider<string[]> = {
  id: 'compose/env-files',
  appliesTo: (file) => file.kind === 'compose',
  extract: (document) => {
    const model = parseAs('compose', document);
    const directory = path.dirname(document.path);
    const files = new Set<string>();
    for (const service of model.services) {
      const value = resolveNode(service.entries.get('env_file')?.value, model.yaml);
      const items = isSeq(value) ? value.items : [value];
      for (const item of items) {
        const entry = asMap(item, model.yaml);
        const file = entry ? scalarText(entry.get('path', true), model.yaml) : isMap(item) ? undefined : scalarText(item, model.yaml);
        if (file) files.add(path.resolve(directory, file));
      }
    }
    return [...files];
  },
};

/** The Compose files whose services load an env file (see composeEnvFilesFacts). */
export function composeFilesLoading(index: WorkspaceIndex, envFile: string): ReadonlyArray<FileFacts<string[]>> {
  return index.facts(composeEnvFilesFacts).filter(({ facts }) => facts.includes(envFile));
}

/** `.env.example`, `.env.sample`, `example.env`, `.env.template`, `.env.dist`: documentation of the variables, not configuration. */
export function isEnvTemplateName(name: string): boolean {
  return name
    .toLowerCase()
    .split('.')
    .some((part) => ['example', 'examples', 'sample', 'template', 'tmpl', 'tpl', 'dist'].includes(part));
}

/** Name parts that say a file is set up for a test run: `test`, `testing`, and CI and end-to-end stacks. */
const TEST_RUN_PARTS = new Set(['test', 'tests', 'testing', 'ci', 'cicd', 'e2e']);

/**
 * `.env.test`, `.env.testing`, `test.env`, `compose.test.yaml`,
 * `compose.ci.yaml`, `.env.e2e`, `docker-compose.ci-test.yml`,
 * `docker-compose.override.unit_tests.yml`: settings of a
 * test run. Words are split at `.`, `-` and `_`.
 */
export function isTestSettingsName(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[._-]/)
    .some((part) => TEST_RUN_PARTS.has(part));
}
