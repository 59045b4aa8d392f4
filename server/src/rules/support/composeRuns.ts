/**
 * What each Compose service runs, as index facts: PL501 learns which scripts
 * a service runs. What it builds is composeBuildsFacts
 * (docker/support/composeBuilds.ts).
 */
import * as path from 'node:path';
import { isMap, isSeq } from 'yaml';
import type { SourceDocument } from '../../engine/sourceDocument';
import type { FactProvider } from '../../engine/workspaceIndex';
import { parseAs } from '../../languages';
import { mapEntries, resolveNode, scalarText, type ComposeSource } from '../../languages/compose';
import { buildReference } from '../compose/support/build';

export interface ComposeRuns {
  /** Host paths (absolute) that a service's command, entrypoint or health check may name. */
  runs: string[];
}

const MAX_VALUE_DEPTH = 8;

/** A YAML node as a plain value, through aliases and merge keys, to a bounded depth. */
function plainValue(node: unknown, source: ComposeSource, depth = 0): unknown {
  const resolved = resolveNode(node, source.yaml);
  if (depth > MAX_VALUE_DEPTH || resolved === null) return undefined;
  if (isSeq(resolved)) return resolved.items.map((item) => plainValue(item, source, depth + 1));
  if (isMap(resolved)) return Object.fromEntries([...mapEntries(resolved, source)].map(([key, entry]) => [key, plainValue(entry.value, source, depth + 1)]));
  return scalarText(resolved, source.yaml);
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The words of a command given as a string or a list, quotes stripped. */
function commandWords(value: unknown): string[] {
  const parts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return parts
    .flatMap((part) => part.split(/[\s;&|]+/))
    .map((word) => word.replace(/^["'(]+|["')]+$/g, ''))
    .filter(Boolean);
}

function looksLikeScriptPath(word: string): boolean {
  return !word.startsWith('-') && !word.includes('$') && (/\.(?:sh|bash|py)$/i.test(word) || (word.includes('/') && !word.includes('=')));
}

function bindMounts(volumes: unknown, directory: string): Array<{ source: string; target: string }> {
  const mounts: Array<{ source: string; target: string }> = [];
  for (const volume of Array.isArray(volumes) ? volumes : []) {
    if (typeof volume === 'string') {
      const [source, target] = volume.split(':');
      if (source && target && /^[./~]/.test(source)) mounts.push({ source: path.resolve(directory, source), target });
    } else {
      const long = asObject(volume);
      if (long?.type === 'bind' && typeof long.source === 'string' && typeof long.target === 'string') {
        mounts.push({ source: path.resolve(directory, long.source), target: long.target });
      }
    }
  }
  return mounts;
}

/** What each Compose service runs, with paths resolved on the host. */
export const composeRunsFacts: FactProvider<ComposeRuns> = {
  id: 'layout/compose-runs',
  appliesTo: (file) => file.kind === 'compose',
  extract(document: SourceDocument) {
    const directory = path.dirname(document.path);
    const facts: ComposeRuns = { runs: [] };
    const model = parseAs('compose', document);
    for (const service of model.services) {
      // Only the keys read here are turned into plain values: a file whose whole value is too alias-heavy still tells its commands.
      const values: Record<string, unknown> = {};
      for (const key of ['command', 'entrypoint', 'healthcheck', 'volumes']) values[key] = plainValue(service.entries.get(key)?.value, model);
      const build = buildReference(service, model);
      const contexts = build ? [build.context] : [];
      const mounts = bindMounts(values.volumes, directory);
      const words = [values.command, values.entrypoint, asObject(values.healthcheck)?.test].flatMap(commandWords).filter(looksLikeScriptPath);
      for (const word of words) {
        if (word.startsWith('/')) {
          for (const mount of mounts) {
            if (word === mount.target || word.startsWith(`${mount.target.replace(/\/+$/, '')}/`))
              facts.runs.push(path.join(mount.source, word.slice(mount.target.length)));
          }
        } else {
          for (const base of [directory, ...contexts]) facts.runs.push(path.resolve(base, word));
        }
      }
    }
    return facts;
  },
};
