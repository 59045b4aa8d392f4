import { defineRule } from '../../engine/rule';
import type { RelatedLocation } from '../../engine/types';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { projectsShareHost } from './support/facts';
import { checkOnce } from './support/memo';
import { areAlternativeOverlays, projectOf, type ComposeProject } from './support/project';
import { reportOncePerRange } from './support/reportOnce';
import { describePort, PortRangeIndex, portsClash, publishedPorts, publishedPortsFacts, type PublishedPort } from './support/ports';

interface Declaration {
  port: PublishedPort;
  path: string;
}

/**
 * Other declarations linked from one finding. Each finding already names how
 * many there are; linking all of them made a list of n identical ports cost
 * n² locations (3,400 duplicates ran a 4 GB heap out of memory).
 */
export const MAX_RELATED_PORTS = 20;

/** Ports by host port number, for one file, a project or the whole workspace. */
function newPortIndex(): PortRangeIndex<Declaration> {
  return new PortRangeIndex<Declaration>((declaration) => declaration.port);
}

/** Key of the index of every Compose file's ports, kept by the workspace index. */
const WORKSPACE_PORTS = Symbol('compose workspace ports');

/**
 * The index of the other files' ports, rebuilt only when the workspace
 * changes: re-checking every open Compose file after one edit then costs a
 * few lookups per published port.
 */
function portsOfWorkspace(index: WorkspaceIndex): PortRangeIndex<Declaration> {
  return index.derive(WORKSPACE_PORTS, () => {
    const files = index.filesOfKind('compose').map((file) => ({ path: file.path, published: index.factsOf(publishedPortsFacts, file.path) }));
    // An edit elsewhere (the registry, a Dockerfile) leaves every Compose file's cached ports as they were, and so this index.
    const sources = files.flatMap(({ path, published }) => [path, published]);
    return index.deriveWhile(WORKSPACE_PORTS, sources, () => {
      const ports = newPortIndex();
      for (const { path, published } of files) for (const port of published ?? []) ports.add({ port, path });
      return ports;
    });
  });
}

/** The ports of the project's other files. */
function portsOfProject(project: ComposeProject, own: string): PortRangeIndex<Declaration> {
  const ports = newPortIndex();
  project.models.forEach((model, i) => {
    const path = project.files[i]!;
    if (path !== own && model) for (const port of publishedPorts(model)) ports.add({ port, path });
  });
  return ports;
}

/**
 * Whether two declarations of one project are one port rather than a
 * clash: the same service mapping the same container port in a base file
 * and an overlay, which Compose merges.
 */
function sameMapping(a: Declaration, b: Declaration): boolean {
  return a.path !== b.path && a.port.service === b.port.service && a.port.target === b.port.target && a.port.hostIp === b.port.hostIp;
}

export const composePortConflict = defineRule({
  meta: {
    code: 'PL208',
    name: 'compose/port-conflict',
    summary: 'The same host port (and protocol and host IP) published twice in a Compose project, or by two projects that share a host.',
    severity: 'error',
    policy: 'Each host port belongs to one service.',
    fixable: 'no',
    kinds: ['compose'],
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'Two services that publish the same host port cannot run on one host: the second fails with "port is already allocated", often only on the machine where both stacks are started. Plumbline compares every published port (short and long syntax, ranges, host IPs, protocols) within a Compose project: the base file, `compose.override.yaml`, the overlays beside it (`compose.<env>.yaml`) and the files it includes. Binding all interfaces clashes with any address; `127.0.0.1:5432` and `10.0.0.5:5432` do not clash, nor do tcp and udp. The same service mapping the same container port in a base file and an overlay is one port, not a clash; two overlays (`compose.override.yaml` and `compose.production.yaml`, or one per environment) are merged into the base one at a time, so their ports do not clash with each other; and two services whose `profiles:` have none in common are started apart (one per host, as a team splits one file between machines). Projects are compared with each other only when they share a host: when the workspace has a port registry (it allocates the ports of one host), or when `.plumbline.yaml` says `compose: { sharedHost: true }` (`false` turns the comparison off even with a registry). A repository of independent examples, each started on its own, has no cross-project conflicts.',
      bad: `services:
  api:
    image: registry.example.com/api:1.4.2
    ports:
      - "8080:8080"
  admin:
    image: registry.example.com/admin:0.9.1
    ports:
      - "8080:80"
`,
      good: `services:
  api:
    image: registry.example.com/api:1.4.2
    ports:
      - "8080:8080"
  admin:
    image: registry.example.com/admin:0.9.1
    ports:
      - "8082:80"
`,
      peers:
        "dclint's no-duplicate-exported-ports checks one file at a time. Plumbline also checks the project's overrides, overlays and includes, and the other projects of a shared host, understands host IPs, protocols and ranges, and links each report to the other declarations (`relatedInformation`, the first 20; the message counts the rest).",
    },
  },
  check(context) {
    const project = projectOf(context);
    const shared = projectsShareHost(context.config, context.index);
    const dependencies = shared ? [portsOfWorkspace(context.index), ...project.models] : project.models;
    checkOnce(context, 'PL208', dependencies, (context) => {
      const others = shared ? portsOfWorkspace(context.index) : portsOfProject(project, context.document.path);
      const inProject = new Set(project.files);
      const own = newPortIndex();
      for (const port of publishedPorts(context.parsed)) own.add({ port, path: context.document.path });
      const report = reportOncePerRange(context);
      const isClash = (a: Declaration, b: Declaration) =>
        a !== b && portsClash(a.port, b.port) && !(inProject.has(b.path) && (sameMapping(a, b) || areAlternativeOverlays(a.path, b.path)));
      for (const declaration of own.all) {
        // Counted, and only the first few kept: a list of n identical ports has n² clashing pairs.
        let count = 0;
        const shown: Declaration[] = [];
        const consider = (other: Declaration) => {
          if (!isClash(declaration, other)) return;
          count++;
          if (shown.length < MAX_RELATED_PORTS) shown.push(other);
        };
        own.forEachOverlapping(declaration.port, consider);
        // The index holds this file as last read; the document being linted stands in for it.
        others.forEachOverlapping(declaration.port, (other) => {
          if (other.path !== context.document.path) consider(other);
        });
        const first = shown[0];
        if (!first) continue;
        const where =
          first.path === context.document.path
            ? `line ${first.port.range.start.line + 1}`
            : `${context.index.relativePath(first.path)}:${first.port.range.start.line + 1}`;
        const more = count > 1 ? ` and ${count - 1} more` : '';
        const related: RelatedLocation[] = shown.map((other) => ({
          path: other.path,
          range: other.port.range,
          message: `Host port ${describePort(other.port)} also published by "${other.port.service}"`,
        }));
        report({
          message: `Host port ${describePort(declaration.port)} of service "${declaration.port.service}" is also published by "${first.port.service}" (${where})${more}; give each service its own port.`,
          range: declaration.port.range,
          related,
        });
      }
    });
  },
});
