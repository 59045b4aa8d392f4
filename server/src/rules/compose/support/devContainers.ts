/**
 * The Compose files a development container runs: a `devcontainer.json`
 * (the Dev Containers specification's `.devcontainer/devcontainer.json`,
 * `.devcontainer/<name>/devcontainer.json` or a root `.devcontainer.json`)
 * names them in `dockerComposeFile`, relative to itself. Their stack runs on
 * a developer's machine, wherever the files are kept (nautobot keeps them
 * in `development/`).
 */
import * as path from 'node:path';
// The ES build: the UMD one that `main` names loads its parts with a require() a bundler cannot follow.
import { parse as parseJsonWithComments } from 'jsonc-parser/lib/esm/main.js';
import type { FactProvider, WorkspaceIndex } from '../../../engine/workspaceIndex';

const DEV_CONTAINER_FILES = new Set(['devcontainer.json', '.devcontainer.json']);

export const devContainerComposeFacts: FactProvider<string[]> = {
  id: 'compose/dev-container-compose-files',
  appliesTo: (file) => DEV_CONTAINER_FILES.has(path.basename(file.path)),
  extract(document) {
    const config: unknown = parseJsonWithComments(document.text, [], { allowTrailingComma: true });
    const named = typeof config === 'object' && config !== null ? (config as { dockerComposeFile?: unknown }).dockerComposeFile : undefined;
    const files = typeof named === 'string' ? [named] : Array.isArray(named) ? named.filter((file): file is string => typeof file === 'string') : [];
    return files.map((file) => path.resolve(path.dirname(document.path), file));
  },
};

/**
 * Whether a development container's configuration names the Compose file,
 * kept in a folder of its own. The Dev Containers template for an existing
 * Compose file reuses the repository's root `docker-compose.yml` under an
 * override of its own, and a root Compose file may be the one production
 * runs too: it stays judged, as nothing in the workspace could turn its
 * findings back on.
 */
export function isDevContainerComposeFile(index: WorkspaceIndex, composeFile: string): boolean {
  if (path.dirname(composeFile) === index.root) return false;
  return index.facts(devContainerComposeFacts).some(({ facts }) => facts.includes(composeFile));
}
