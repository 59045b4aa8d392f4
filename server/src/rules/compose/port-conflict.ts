import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { RelatedLocation } from '../../engine/types';
import { publishedPortsFacts } from './facts';
import { reportOncePerRange } from './reportOnce';
import { describePort, portsClash, publishedPorts, type PublishedPort } from './ports';

interface Declaration {
  port: PublishedPort;
  path: string;
}

/**
 * Whether two declarations are one port rather than a clash: the same
 * service mapping the same container port in one Compose project (a base
 * file and its override, which Compose merges).
 */
function sameMapping(a: Declaration, b: Declaration): boolean {
  return (
    a.path !== b.path &&
    path.dirname(a.path) === path.dirname(b.path) &&
    a.port.service === b.port.service &&
    a.port.target === b.port.target &&
    a.port.hostIp === b.port.hostIp
  );
}

export const composePortConflict = defineRule({
  meta: {
    code: 'PL208',
    name: 'compose/port-conflict',
    summary: 'The same host port (and protocol and host IP) published twice, within a file or across the workspace\'s Compose files.',
    severity: 'error',
    policy: 'Each host port belongs to one service.',
    fixable: 'no',
    kinds: ['compose'],
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'Two services that publish the same host port cannot run on one host: the second fails with "port is already allocated", often only on the machine where both stacks are started. Plumbline compares every published port (short and long syntax, ranges, host IPs, protocols) within the file, across its override files and across all Compose files in the workspace. Binding all interfaces clashes with any address; `127.0.0.1:5432` and `10.0.0.5:5432` do not clash, nor do tcp and udp. The same service mapping the same container port in a file and its override is one port, not a clash.',
      bad: 'services:\n  api:\n    image: registry.example.com/api:1.4.2\n    ports:\n      - "8080:8080"\n  admin:\n    image: registry.example.com/admin:0.9.1\n    ports:\n      - "8080:80"\n',
      good: 'services:\n  api:\n    image: registry.example.com/api:1.4.2\n    ports:\n      - "8080:8080"\n  admin:\n    image: registry.example.com/admin:0.9.1\n    ports:\n      - "8082:80"\n',
      peers:
        'dclint\'s no-duplicate-exported-ports checks one file at a time. Plumbline also checks override files and every other Compose file in the workspace, understands host IPs, protocols and ranges, and links each report to the other declaration (`relatedInformation`).',
    },
  },
  check(context) {
    const own: Declaration[] = publishedPorts(context.parsed, context.document).map((port) => ({ port, path: context.document.path }));
    const others: Declaration[] = context.index
      .facts(publishedPortsFacts)
      .filter(({ file }) => file.path !== context.document.path)
      .flatMap(({ file, facts }) => facts.map((port) => ({ port, path: file.path })));
    const report = reportOncePerRange(context);
    for (const declaration of own) {
      const clashes = [...own, ...others].filter(
        (other) => other !== declaration && portsClash(declaration.port, other.port) && !sameMapping(declaration, other),
      );
      if (clashes.length === 0) continue;
      const first = clashes[0]!;
      const where = first.path === context.document.path ? `line ${first.port.range.start.line + 1}` : `${context.index.relativePath(first.path)}:${first.port.range.start.line + 1}`;
      const more = clashes.length > 1 ? ` and ${clashes.length - 1} more` : '';
      const related: RelatedLocation[] = clashes.map((other) => ({
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
  },
});
