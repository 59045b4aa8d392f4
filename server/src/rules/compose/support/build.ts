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

/** A key of a `build:` and the file it is written in, which its relative paths are resolved against. */
interface BuildKey {
  node: unknown;
  model: ComposeModel;
}

/** The keys one definition's `build:` sets: a context string sets only `context`. */
function buildKeys(service: ComposeService, model: ComposeModel): Map<string, BuildKey> | undefined {
  const build = resolveNode(service.entries.get('build')?.value, model.yaml);
  if (!build) return undefined;
  if (isScalar(build)) return new Map([['context', { node: build, model }]]);
  const map = asMap(build, model.yaml);
  if (!map) return undefined;
  return new Map([...mapEntries(map, model)].map(([key, entry]) => [key, { node: entry.value, model }]));
}

function readBuildReference(service: ComposeService, model: ComposeModel): BuildReference | undefined {
  const keys = buildKeys(service, model);
  return keys && referenceOf(keys, model);
}

/**
 * `build:` as Compose merges it over a service's definitions, strongest
 * first: key by key, so an overlay's `build: { target: development }` keeps
 * the base file's context and Dockerfile.
 */
export function mergedBuildReference(definitions: ReadonlyArray<{ service: ComposeService; model: ComposeModel }>): BuildReference | undefined {
  const keys = new Map<string, BuildKey>();
  let home: ComposeModel | undefined;
  for (const { service, model } of definitions) {
    const own = buildKeys(service, model);
    if (!own) continue;
    home ??= model;
    for (const [key, value] of own) if (!keys.has(key)) keys.set(key, value);
  }
  return home && referenceOf(keys, home);
}

/** The Dockerfile and stage that `build:` keys lead to; a missing `context` is the folder of the definition that builds. */
function referenceOf(keys: ReadonlyMap<string, BuildKey>, home: ComposeModel): BuildReference | undefined {
  if (keys.has('dockerfile_inline')) return undefined;
  const contextKey = keys.get('context');
  const dockerfileKey = keys.get('dockerfile');
  const context = contextKey ? knownText(contextKey.node, contextKey.model) : '.';
  const dockerfile = dockerfileKey ? knownText(dockerfileKey.node, dockerfileKey.model) : 'Dockerfile';
  if (context === undefined || dockerfile === undefined || isRemoteContext(context)) return undefined;
  const contextDirectory = path.resolve(path.dirname((contextKey?.model ?? home).document.path), context);
  const targetKey = keys.get('target');
  const argsKey = keys.get('args');
  return {
    dockerfile: path.resolve(contextDirectory, dockerfile),
    context: contextDirectory,
    target: targetKey ? knownText(targetKey.node, targetKey.model) : undefined,
    targetNode: (targetKey?.node as YamlNode | null | undefined) ?? undefined,
    args: argsKey ? buildArgs(argsKey.node, argsKey.model) : new Map(),
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
