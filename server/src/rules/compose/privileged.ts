import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { defineRule } from '../../engine/rule';
import { mapEntries, nodeRange, resolveNode, scalarText, type ComposeModel, type ComposeService } from '../../languages/compose';
import { interpolate } from '../../languages/composeInterpolation';
import { COMPOSE_TEST_SCAFFOLDING_NOTE, isComposeTestScaffolding } from '../support/exemptCode';
import { reportOncePerRange } from './support/reportOnce';
import { checkOnce } from './support/memo';

interface Finding {
  node: YamlNode;
  message: string;
}

function known(node: unknown, model: ComposeModel): string | undefined {
  const text = scalarText(node, model.yaml);
  if (text === undefined) return undefined;
  const resolved = interpolate(text);
  return resolved.runtimeOnly ? undefined : resolved.value;
}

function isDockerSocket(source: string): boolean {
  return /(?:^|\/)docker\.sock$/.test(source.trim()) || source.trim().startsWith('//./pipe/docker_engine');
}

/** The host side of a volume entry: `source:target[:mode]` or the long syntax's `source`. */
function volumeSource(item: YamlNode, model: ComposeModel): string | undefined {
  if (isMap(item)) return known(mapEntries(item, model).get('source')?.value, model);
  const text = known(item, model);
  return text?.split(':')[0];
}

/** The volume entries of a service that mount the Docker socket. */
export function dockerSocketMounts(model: ComposeModel, service: ComposeService): YamlNode[] {
  const volumes = resolveNode(service.entries.get('volumes')?.value, model.yaml);
  if (!isSeq(volumes)) return [];
  return volumes.items
    .map((raw) => resolveNode(raw, model.yaml))
    .filter((item): item is YamlNode => {
      const source = item ? volumeSource(item, model) : undefined;
      return source !== undefined && isDockerSocket(source);
    });
}

function findings(model: ComposeModel, service: ComposeService): Finding[] {
  const found: Finding[] = [];
  const entry = (key: string) => service.entries.get(key)?.value ?? null;
  const privileged = entry('privileged');
  if (privileged && known(privileged, model)?.toLowerCase() === 'true') {
    found.push({
      node: privileged,
      message: `Service "${service.name}" runs privileged: it gets every capability and all host devices. Remove privileged: true and grant only the capabilities it needs with cap_add.`,
    });
  }
  for (const item of dockerSocketMounts(model, service)) {
    found.push({
      node: item,
      message: `Service "${service.name}" mounts the Docker socket, which gives it root on the host. Remove the mount or put a read-only socket proxy in between.`,
    });
  }
  const capabilities = resolveNode(entry('cap_add'), model.yaml);
  if (isSeq(capabilities)) {
    for (const raw of capabilities.items) {
      const item = resolveNode(raw, model.yaml);
      if (isScalar(item) && known(item, model)?.toUpperCase().replace(/^CAP_/, '') === 'ALL') {
        found.push({
          node: item,
          message: `Service "${service.name}" adds every Linux capability (cap_add: ALL). List only the capabilities it needs, such as NET_BIND_SERVICE.`,
        });
      }
    }
  }
  const networkMode = entry('network_mode');
  if (networkMode && known(networkMode, model) === 'host') {
    found.push({
      node: networkMode,
      message: `Service "${service.name}" shares the host's network (network_mode: host), which removes network isolation. Use a Compose network and publish ports instead.`,
    });
  }
  return found;
}

export const composePrivileged = defineRule({
  meta: {
    code: 'PL205',
    name: 'compose/privileged',
    summary: '`privileged: true`, a mounted Docker socket, `cap_add: [ALL]` or `network_mode: host`.',
    severity: 'error',
    policy: 'Containers run without host-level privileges.',
    fixable: 'no',
    kinds: ['compose'],
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'Each of these settings hands the container the host: `privileged: true` lifts every restriction, a mounted `/var/run/docker.sock` lets the container start a privileged sibling, `cap_add: [ALL]` grants every capability, and `network_mode: host` removes network isolation and bypasses the port registry. None of them can be fixed mechanically: the service needs its real requirements spelled out (specific capabilities, a socket proxy, published ports).' +
        COMPOSE_TEST_SCAFFOLDING_NOTE,
      bad: `services:
  agent:
    image: registry.example.com/agent:1.0.3
    privileged: true
    network_mode: host
    cap_add: [ALL]
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
`,
      good: `services:
  agent:
    image: registry.example.com/agent:1.0.3
    cap_add: [NET_ADMIN]
    ports:
      - "127.0.0.1:9100:9100"
`,
      peers:
        'dclint has no privilege rule. KICS and Checkov report privileged containers and the Docker socket in CI. Plumbline reports all four while you type, at the offending value or list item, resolves `${VAR:-default}` and merge keys, and recognises the long volume syntax (`source: /var/run/docker.sock`).',
    },
  },
  check(context) {
    if (isComposeTestScaffolding(context)) return;
    checkOnce(context, 'PL205', [], (context) => {
      const model = context.parsed;
      const report = reportOncePerRange(context);
      for (const service of model.services) {
        for (const finding of findings(model, service)) {
          report({ message: finding.message, range: nodeRange(context.document, finding.node) });
        }
      }
    });
  },
});
