import * as path from 'node:path';
import type { ResolvedConfig } from '../../engine/config';
import type { FactProvider, WorkspaceIndex } from '../../engine/workspaceIndex';
import { parseAs } from '../../languages';
import { publishedPorts, type PublishedPort } from './ports';
import { parsePortRegistry, type PortRegistry } from './portRegistry';

/** Published host ports of every Compose file, for PL208's cross-file conflicts. */
export const publishedPortsFacts: FactProvider<PublishedPort[]> = {
  id: 'compose/published-ports',
  appliesTo: (file) => file.kind === 'compose',
  extract: (document) => publishedPorts(parseAs('compose', document)),
};

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

/** The service names each Compose file defines, to tell an override's partial services from new ones. */
export const composeServiceNamesFacts: FactProvider<string[]> = {
  id: 'compose/service-names',
  appliesTo: (file) => file.kind === 'compose',
  extract: (document) => parseAs('compose', document).services.map((service) => service.name),
};
