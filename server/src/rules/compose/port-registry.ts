import { relativePosix } from '../../engine/fileSystem';
import { COMPOSE_TEST_SCAFFOLDING_NOTE, isComposeTestScaffolding } from '../support/exemptCode';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { portRegistryOf, registryPath } from './support/facts';
import { describePort, formatPortRange, publishedPorts, type PublishedPort } from './support/ports';
import { checkOnce } from './support/memo';
import { projectOf } from './support/project';
import { reportOncePerRange } from './support/reportOnce';
import {
  appendRegistryRowEdit,
  newRegistryFile,
  parsePortRegistry,
  registeredServices,
  type NewRegistryRow,
  type PortRegistry,
} from './support/portRegistryTable';

function addRowFix(context: RuleContext, registry: PortRegistry, row: NewRegistryRow, registryName: string): Fix {
  const file = registryPath(context.config);
  const document = context.index.document(file);
  return {
    title: `Add ${row.port} (${row.service}) to ${registryName}`,
    edits: [],
    workspaceChanges: document
      ? [{ kind: 'edit', path: file, edits: [appendRegistryRowEdit(document, registry, row)] }]
      : [{ kind: 'create', path: file, content: newRegistryFile([row]) }],
  };
}

const LISTED_PORTS = 6;

/**
 * Without a registry, the problem is the missing registry, not each port:
 * one finding per Compose project, on its first published port, whose fix
 * creates the registry with every port of the project.
 */
function checkProjectWithoutRegistry(context: RuleContext<'compose'>): void {
  const project = projectOf(context);
  const rows: NewRegistryRow[] = [];
  let first: { file: string; port: PublishedPort } | undefined;
  project.models.forEach((model, i) => {
    for (const port of model ? publishedPorts(model) : []) {
      first ??= { file: project.files[i]!, port };
      const row = {
        port: formatPortRange(port),
        service: port.service,
        protocol: port.protocol,
        composeFile: relativePosix(context.config.root, project.files[i]!),
      };
      if (!rows.some((other) => other.port === row.port && other.service === row.service && other.protocol === row.protocol)) rows.push(row);
    }
  });
  if (!first || first.file !== context.document.path) return;
  const registryName = context.config.paths.portRegistry;
  const listed =
    rows
      .slice(0, LISTED_PORTS)
      .map((row) => `${row.port}/${row.protocol} (${row.service})`)
      .join(', ') + (rows.length > LISTED_PORTS ? `, and ${rows.length - LISTED_PORTS} more` : '');
  context.report({
    message: `There is no port registry ${registryName}: the host ports this Compose project publishes (${listed}) are allocated nowhere. Create the registry and list them.`,
    range: first.port.range,
    fixes: [
      {
        title: `Create ${registryName} with ${rows.length === 1 ? 'this port' : `these ${rows.length} ports`}`,
        edits: [],
        workspaceChanges: [{ kind: 'create', path: registryPath(context.config), content: newRegistryFile(rows) }],
      },
    ],
  });
}

function checkComposeFile(context: RuleContext<'compose'>, registry: PortRegistry, ports: PublishedPort[]): void {
  const registryName = context.config.paths.portRegistry;
  const report = reportOncePerRange(context);
  for (const port of ports) {
    const owners = new Set<string>();
    let unlisted = false;
    for (let number = port.first; number <= port.last; number++) {
      const services = registeredServices(registry, number, port.protocol);
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
      message: `Host port ${label} of service "${port.service}" is not in the port registry ${registryName}; register it there.`,
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
    fixChangesOtherFiles: true,
    kinds: ['compose', 'markdown'],
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'When every team picks host ports on its own, two services end up on 8080 and the clash only shows when both run on one machine. The port registry (`PortRegistry.md` at the workspace root, or `paths.portRegistry`) is a Markdown table with `Port` and `Service` columns (and optionally `Protocol`); every host port a Compose service publishes must be listed there for that service. The registry itself is checked too: rows whose port is not a number or range, rows without a service, and ports listed twice are reported on the registry file. Editing the registry updates the diagnostics of open Compose files. Without any registry, each Compose project (a base file with its override and overlays, and what it includes) gets one finding, on its first published port, listing the ports to register.' +
        COMPOSE_TEST_SCAFFOLDING_NOTE,
      bad: `services:
  worker:
    image: registry.example.com/worker:2.3.0
    ports:
      - "8081:8081"   # PortRegistry.md has no row for 8081
`,
      good: `services:
  worker:
    image: registry.example.com/worker:2.3.0
    ports:
      - "8081:8081"   # PortRegistry.md: | 8081 | worker | tcp |
`,
      exampleSurroundings: {
        bad: { 'PortRegistry.md': '| Port | Service | Protocol |\n|------|---------|----------|\n| 8080 | api     | tcp      |\n' },
        good: {
          'PortRegistry.md': '| Port | Service | Protocol |\n|------|---------|----------|\n| 8080 | api     | tcp      |\n| 8081 | worker  | tcp      |\n',
        },
      },
      fix: '"Add 8081 (worker) to PortRegistry.md" appends a row to the registry\'s table, padded like the existing rows; without a registry, "Create PortRegistry.md with these N ports" creates it with a row per port of the project. A port registered to another service gets no fix: pick a free one.',
      peers: "No peer tool checks ports against a registry; this is Plumbline's own rule.",
    },
  },
  check(context) {
    if (context.kind === 'compose') {
      // A test or CI stack runs on a runner or a laptop for the length of a job, not on the host the registry allocates.
      if (isComposeTestScaffolding(context)) return;
      const composeContext = context as RuleContext<'compose'>;
      const registry = portRegistryOf(context.config, context.index);
      if (registry) {
        checkOnce(composeContext, 'PL207', [registry], (checked) => checkComposeFile(checked, registry, publishedPorts(checked.parsed)));
      } else {
        checkOnce(composeContext, 'PL207', projectOf(composeContext).models, checkProjectWithoutRegistry);
      }
      return;
    }
    if (context.relativePath !== context.config.paths.portRegistry) return;
    for (const problem of parsePortRegistry(context.document).problems) context.report(problem);
  },
});
