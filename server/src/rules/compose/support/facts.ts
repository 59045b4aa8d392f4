import * as path from 'node:path';
import type { ResolvedConfig } from '../../../engine/config';
import type { FactProvider, WorkspaceIndex } from '../../../engine/workspaceIndex';
import { parsePortRegistry, type PortRegistry } from './portRegistryTable';

/**
 * The port registry's rows. It applies to any file because the registry's
 * path comes from the configuration: PL207 asks for exactly that file.
 */
export const portRegistryFacts: FactProvider<PortRegistry> = {
  id: 'compose/port-registry',
  appliesTo: () => true,
  extract: (document) => parsePortRegistry(document),
};

export function registryPath(config: ResolvedConfig): string {
  return path.join(config.root, config.paths.portRegistry);
}

/** The registry that governs a Compose file, or undefined when the file does not exist. */
export function portRegistryOf(config: ResolvedConfig, index: WorkspaceIndex): PortRegistry | undefined {
  return index.factsOf(portRegistryFacts, registryPath(config));
}

/**
 * Whether the workspace's Compose projects run on one host, so that their
 * host ports must not clash: a port registry allocates ports for one host,
 * and `compose.sharedHost` says so explicitly.
 */
export function projectsShareHost(config: ResolvedConfig, index: WorkspaceIndex): boolean {
  return config.composeSharedHost ?? portRegistryOf(config, index) !== undefined;
}
