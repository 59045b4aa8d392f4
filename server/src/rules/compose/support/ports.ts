import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Range } from '../../../engine/types';
import type { FactProvider } from '../../../engine/workspaceIndex';
import { parseAs } from '../../../languages';
import { mapEntries, nodeRange, resolveNode, scalarText, type ComposeModel } from '../../../languages/compose';
import { interpolate } from '../../../languages/composeInterpolation';

/** A host port (or range) that a service publishes. */
export interface PublishedPort {
  service: string;
  /** Host address it binds; empty for all interfaces. */
  hostIp: string;
  first: number;
  last: number;
  protocol: string;
  /** The container side as written, to tell a repeated mapping from a clash. */
  target: string;
  /** The service's `profiles:`: it starts only when one of them is active; empty when it always starts. */
  profiles: string[];
  /** Where the port is written: the short-syntax string or the long syntax's `published` value. */
  range: Range;
}

const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '[::]']);

function bindsAllInterfaces(hostIp: string): boolean {
  return ALL_INTERFACES.has(hostIp);
}

/** `8080` or `9000-9010` → the numbers; undefined when it is neither or out of range. */
export function parsePortRange(text: string): { first: number; last: number } | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (first < 1 || last > 65535 || last < first) return undefined;
  return { first, last };
}

export function formatPortRange(port: { first: number; last: number }): string {
  return port.first === port.last ? String(port.first) : `${port.first}-${port.last}`;
}

interface HostSide {
  hostIp: string;
  hostPort: string;
  target: string;
  protocol: string;
}

/** Splits the short syntax `[[IP:]HOST:]CONTAINER[/PROTOCOL]`; undefined for a bare container port. */
function splitShortSyntax(text: string): HostSide | undefined {
  const slash = text.lastIndexOf('/');
  const protocol = slash >= 0 ? text.slice(slash + 1).toLowerCase() : 'tcp';
  const mapping = slash >= 0 ? text.slice(0, slash) : text;
  const lastColon = mapping.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  const target = mapping.slice(lastColon + 1);
  const host = mapping.slice(0, lastColon);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0 || host[close + 1] !== ':') return undefined;
    return { hostIp: host.slice(0, close + 1), hostPort: host.slice(close + 2), target, protocol };
  }
  const ipColon = host.lastIndexOf(':');
  if (ipColon < 0) return { hostIp: '', hostPort: host, target, protocol };
  return { hostIp: host.slice(0, ipColon), hostPort: host.slice(ipColon + 1), target, protocol };
}

function longSyntax(entry: YamlNode, model: ComposeModel): { side: HostSide; node: YamlNode } | undefined {
  if (!isMap(entry)) return undefined;
  const entries = mapEntries(entry, model);
  const published = entries.get('published');
  const hostPort = scalarText(published?.value, model.yaml);
  if (hostPort === undefined || !published?.value) return undefined;
  const text = (node: string, fallback: string) => scalarText(entries.get(node)?.value, model.yaml) ?? fallback;
  return {
    side: { hostIp: text('host_ip', ''), hostPort, target: text('target', ''), protocol: text('protocol', 'tcp').toLowerCase() },
    node: published.value,
  };
}

/**
 * The host ports a Compose file publishes, in every syntax Compose accepts.
 * Bare container ports, ephemeral host ports and values only known at run
 * time are left out: nothing can be said about them here.
 */
export function publishedPorts(model: ComposeModel): PublishedPort[] {
  return model.document.deriveFor(model, readPublishedPorts, () => readPublishedPorts(model));
}

/**
 * The ports each Compose file publishes, as plain data: PL208 compares every
 * file's ports when projects share a host, and a worker thread is handed
 * these instead of parsing every Compose file of the workspace again.
 */
export const publishedPortsFacts: FactProvider<PublishedPort[]> = {
  id: 'compose/published-ports',
  appliesTo: (file) => file.kind === 'compose',
  extract: (document) => publishedPorts(parseAs('compose', document)),
};

function readPublishedPorts(model: ComposeModel): PublishedPort[] {
  const document = model.document;
  const ports: PublishedPort[] = [];
  for (const service of model.services) {
    const list = resolveNode(service.entries.get('ports')?.value, model.yaml);
    if (!isSeq(list)) continue;
    const profileList = resolveNode(service.entries.get('profiles')?.value, model.yaml);
    const profiles = isSeq(profileList) ? profileList.items.map((item) => scalarText(item, model.yaml)).filter((name) => name !== undefined) : [];
    for (const item of list.items) {
      const entry = resolveNode(item, model.yaml);
      if (!entry) continue;
      let found: { side: HostSide; node: YamlNode } | undefined;
      if (isScalar(entry)) {
        const raw = scalarText(entry, model.yaml);
        const interpolated = raw === undefined ? undefined : interpolate(raw);
        if (!interpolated || interpolated.runtimeOnly) continue;
        const side = splitShortSyntax(interpolated.value);
        if (side) found = { side, node: entry };
      } else {
        found = longSyntax(entry, model);
        if (found) {
          const interpolated = interpolate(found.side.hostPort);
          if (interpolated.runtimeOnly) continue;
          found.side.hostPort = interpolated.value;
        }
      }
      if (!found) continue;
      const hostPorts = parsePortRange(found.side.hostPort);
      if (!hostPorts) continue;
      ports.push({
        service: service.name,
        hostIp: found.side.hostIp,
        ...hostPorts,
        protocol: found.side.protocol,
        target: found.side.target,
        profiles,
        range: nodeRange(document, found.node),
      });
    }
  }
  return ports;
}

/**
 * Whether two services are started apart: each only under profiles the
 * other has none of (`profiles: [covers]` and `profiles: [www]`, one per
 * host), as a team splits one file between machines.
 */
function startedApart(a: PublishedPort, b: PublishedPort): boolean {
  return a.profiles.length > 0 && b.profiles.length > 0 && !a.profiles.some((profile) => b.profiles.includes(profile));
}

/** Whether two published ports would bind the same host socket. */
export function portsClash(a: PublishedPort, b: PublishedPort): boolean {
  const sameAddress = a.hostIp === b.hostIp || bindsAllInterfaces(a.hostIp) || bindsAllInterfaces(b.hostIp);
  return sameAddress && a.protocol === b.protocol && a.first <= b.last && b.first <= a.last && !startedApart(a, b);
}

export function describePort(port: { first: number; last: number; protocol: string }): string {
  return `${formatPortRange(port)}/${port.protocol}`;
}

interface PortSpan {
  first: number;
  last: number;
}

/** Ranges wider than this are scanned on lookup instead of indexed port by port. */
const WIDEST_INDEXED_RANGE = 256;

/**
 * Items that cover a range of ports (published ports, registry rows),
 * indexed by port number so that a lookup costs a few map reads however
 * many items the workspace holds.
 */
export class PortRangeIndex<T> {
  private readonly byPort = new Map<number, T[]>();
  private readonly wide: T[] = [];
  readonly all: T[] = [];

  constructor(private readonly spanOf: (item: T) => PortSpan) {}

  add(item: T): void {
    this.all.push(item);
    const { first, last } = this.spanOf(item);
    if (last - first >= WIDEST_INDEXED_RANGE) {
      this.wide.push(item);
      return;
    }
    for (let port = first; port <= last; port++) {
      const items = this.byPort.get(port);
      if (items) items.push(item);
      else this.byPort.set(port, [item]);
    }
  }

  /** The items whose range shares at least one port with `span`. */
  overlapping(span: PortSpan): T[] {
    const found: T[] = [];
    this.forEachOverlapping(span, (item) => found.push(item));
    return found;
  }

  /**
   * Visits what `overlapping` returns, in the same order, without building
   * it: n declarations of one port visit n² pairs, and lists of n per
   * declaration made thousands of them take seconds.
   */
  forEachOverlapping(span: PortSpan, visit: (item: T) => void): void {
    const overlaps = (item: T) => {
      const other = this.spanOf(item);
      return other.first <= span.last && span.first <= other.last;
    };
    if (span.last - span.first >= WIDEST_INDEXED_RANGE) {
      for (const item of this.all) if (overlaps(item)) visit(item);
      return;
    }
    for (const item of this.wide) if (overlaps(item)) visit(item);
    // Every item filed under a port of the span overlaps it; one filed under several ports is visited once.
    if (span.first === span.last) {
      for (const item of this.byPort.get(span.first) ?? []) visit(item);
      return;
    }
    const seen = new Set<T>();
    for (let port = span.first; port <= span.last; port++) {
      for (const item of this.byPort.get(port) ?? []) {
        if (seen.has(item)) continue;
        seen.add(item);
        visit(item);
      }
    }
  }
}
