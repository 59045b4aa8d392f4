import { defineRule, type RuleContext } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { portRegistryOf, registryPath } from './facts';
import { describePort, formatPortRange, publishedPorts, type PublishedPort } from './ports';
import { checkOnce } from './memo';
import { reportOncePerRange } from './reportOnce';
import { appendRegistryRowEdit, newRegistryFile, parsePortRegistry, registeredServices, type NewRegistryRow, type PortRegistry } from './portRegistry';

function addRowFix(context: RuleContext, registry: PortRegistry | undefined, row: NewRegistryRow, registryName: string): Fix {
  const file = registryPath(context.config);
  const document = registry && context.index.document(file);
  return {
    title: `Add ${row.port} (${row.service}) to ${registryName}`,
    edits: [],
    workspaceChanges: document
      ? [{ kind: 'edit', path: file, edits: [appendRegistryRowEdit(document, registry!, row)] }]
      : [{ kind: 'create', path: file, content: newRegistryFile(row) }],
  };
}

function checkComposeFile(context: RuleContext<'compose'>, registry: PortRegistry | undefined, ports: PublishedPort[]): void {
  const registryName = context.config.paths.portRegistry;
  const report = reportOncePerRange(context);
  for (const port of ports) {
    const owners = new Set<string>();
    let unlisted = false;
    for (let number = port.first; number <= port.last; number++) {
      const services = registry ? registeredServices(registry, number, port.protocol) : [];
      if (services.some((s) => s.toLowerCase() === port.service.toLowerCase())) continue;
      unlisted = true;
      services.forEach((s) => owners.add(s));
    }
    if (!unlisted) continue;
    const label = describePort(port);
    if (owners.size > 0) {
      report({
        message: `Host port ${label} of service "${port.service}" is registered to ${[...owners].join(', ')} in ${registryName}; pick a free port and register it for ${port.service}.`,
        range: port.range,
      });
      continue;
    }
    const row = { port: formatPortRange(port), service: port.service, protocol: port.protocol, composeFile: context.relativePath };
    report({
      message: registry
        ? `Host port ${label} of service "${port.service}" is not in the port registry ${registryName}; register it there.`
        : `Host port ${label} of service "${port.service}" is not registered: there is no port registry ${registryName}; create it and list the port.`,
      range: port.range,
      fixes: [addRowFix(context, registry, row, registryName)],
    });
  }
}

export const composePortRegistry = defineRule({
  meta: {
    code: 'PL207',
    name: 'compose/port-registry',
    summary: 'A published host port that the port registry (PortRegistry.md) does not list for that service.',
    severity: 'warning',
    policy: 'Ports are allocated from the port registry.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    kinds: ['compose', 'markdown'],
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'When every team picks host ports on its own, two services end up on 8080 and the clash only shows when both run on one machine. The port registry (`PortRegistry.md` at the workspace root, or `paths.portRegistry`) is a Markdown table with `Port` and `Service` columns (and optionally `Protocol`); every host port a Compose service publishes must be listed there for that service. The registry itself is checked too: rows whose port is not a number or range, rows without a service, and ports listed twice are reported on the registry file. Editing the registry updates the diagnostics of open Compose files.',
      bad: 'services:\n  worker:\n    image: registry.example.com/worker:2.3.0\n    ports:\n      - "8081:8081"   # PortRegistry.md has no row for 8081\n',
      good: 'services:\n  worker:\n    image: registry.example.com/worker:2.3.0\n    ports:\n      - "8081:8081"   # PortRegistry.md: | 8081 | worker | tcp |\n',
      fix: '"Add 8081 (worker) to PortRegistry.md" appends a row to the registry\'s table, padded like the existing rows (or creates the registry when it does not exist). A port registered to another service gets no fix: pick a free one.',
      peers: 'No peer tool checks ports against a registry; this is Plumbline\'s own rule.',
    },
  },
  check(context) {
    if (context.kind === 'compose') {
      const registry = portRegistryOf(context.config, context.index);
      checkOnce(context as RuleContext<'compose'>, 'PL207', [registry], (composeContext) =>
        checkComposeFile(composeContext, registry, publishedPorts(composeContext.parsed)),
      );
      return;
    }
    if (context.relativePath !== context.config.paths.portRegistry) return;
    for (const problem of parsePortRegistry(context.document).problems) context.report(problem);
  },
});
