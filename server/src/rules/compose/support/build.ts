import * as path from 'node:path';
import { isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { asMap, mapEntries, resolveNode, scalarText, type ComposeModel, type ComposeService } from '../../../languages/compose';
import { interpolate } from '../../../languages/composeInterpolation';

/** Where a service's `build:` leads: the Dockerfile on disk and the stage it builds. */
export interface BuildReference {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Absolute path of the build context directory. */
  context: string;
  /** `build.target`, when set. */
  target: string | undefined;
  targetNode: YamlNode | undefined;
  /** `build.args` with values known before run time, which fill the Dockerfile's ARGs (e.g. `FROM ${BASE_IMAGE}`). */
  args: ReadonlyMap<string, string>;
}

function knownText(node: unknown, model: ComposeModel): string | undefined {
  const raw = scalarText(node, model.yaml);
  if (raw === undefined) return undefined;
  const interpolated = interpolate(raw);
  return interpolated.runtimeOnly ? undefined : interpolated.value;
}

function isRemoteContext(context: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i.test(context) || context.endsWith('.git');
}

/**
 * Resolves `build:` (a context string, or `context`/`dockerfile`/`target`)
 * to a Dockerfile path. Undefined when the service builds nothing, builds
 * from a remote context or an inline Dockerfile, or the path is only known
 * at run time.
 */
export function buildReference(service: ComposeService, model: ComposeModel): BuildReference | undefined {
  // Services are parsed once per document, so their build references are resolved once too.
  return model.document.deriveFor(service, readBuildReference, () => readBuildReference(service, model));
}

function readBuildReference(service: ComposeService, model: ComposeModel): BuildReference | undefined {
  const build = resolveNode(service.entries.get('build')?.value, model.yaml);
  if (!build) return undefined;
  const composeDirectory = path.dirname(model.document.path);
  if (isScalar(build)) {
    const context = knownText(build, model);
    if (context === undefined || isRemoteContext(context)) return undefined;
    const contextDirectory = path.resolve(composeDirectory, context);
    return { dockerfile: path.join(contextDirectory, 'Dockerfile'), context: contextDirectory, target: undefined, targetNode: undefined, args: new Map() };
  }
  const map = asMap(build, model.yaml);
  if (!map) return undefined;
  const entries = mapEntries(map, model);
  if (entries.has('dockerfile_inline')) return undefined;
  const context = entries.has('context') ? knownText(entries.get('context')?.value, model) : '.';
  const dockerfile = entries.has('dockerfile') ? knownText(entries.get('dockerfile')?.value, model) : 'Dockerfile';
  if (context === undefined || dockerfile === undefined || isRemoteContext(context)) return undefined;
  const targetNode = entries.get('target')?.value ?? undefined;
  return {
    dockerfile: path.resolve(composeDirectory, context, dockerfile),
    context: path.resolve(composeDirectory, context),
    target: targetNode ? knownText(targetNode, model) : undefined,
    targetNode,
    args: buildArgs(entries.get('args')?.value, model),
  };
}

/** `args:` as a map (`NAME: value`) or a list (`NAME=value`); names without a known value are left out. */
function buildArgs(node: unknown, model: ComposeModel): Map<string, string> {
  const args = new Map<string, string>();
  const value = resolveNode(node, model.yaml);
  const map = asMap(value, model.yaml);
  if (map) {
    for (const [name, entry] of mapEntries(map, model)) {
      const text = knownText(entry.value, model);
      if (text !== undefined) args.set(name, text);
    }
  } else if (isSeq(value)) {
    for (const item of value.items) {
      const match = /^([^=]+)=(.*)$/.exec(knownText(item, model) ?? '');
      if (match) args.set(match[1]!, match[2]!);
    }
  }
  return args;
}
