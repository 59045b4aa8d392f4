import * as path from 'node:path';
import { isSeq } from 'yaml';
import type { RuleContext } from '../../../engine/rule';
import type { FactProvider, WorkspaceIndex } from '../../../engine/workspaceIndex';
import { parseAs } from '../../../languages';
import { asMap, mapEntries, resolveNode, scalarText, type ComposeEntry, type ComposeModel, type ComposeService } from '../../../languages/compose';
import { interpolate } from '../../../languages/composeInterpolation';

/**
 * Compose projects: the files that `docker compose` merges into one
 * application. Rules that judge a service (PL202–PL204) judge it as merged
 * and report it once, where it is first defined; PL207 and PL208 compare
 * ports per project.
 */

/**
 * The parsed model of every Compose file (and of any YAML file that a
 * Compose file includes or extends), read once per file version and shared
 * by every rule that looks beyond the linted document.
 */
export const composeModelFacts: FactProvider<ComposeModel> = {
  id: 'compose/model',
  appliesTo: (file) => file.kind === 'compose' || /\.ya?ml$/i.test(file.path),
  extract: (document) => parseAs('compose', document),
};

type FileRole = 'base' | 'override' | 'overlay' | 'standalone';

/**
 * `compose.yaml` and `docker-compose.yml` are base files; `compose.override.yaml`
 * is merged into them by default; `compose.<x>.yaml` is an overlay given with
 * `-f`. Other names (configured with `compose.files`) stand alone.
 */
function roleOf(filePath: string): FileRole {
  const name = path.basename(filePath).toLowerCase();
  const match = /^(?:docker-)?compose(?:\.(.+))?\.ya?ml$/.exec(name);
  if (!match) return 'standalone';
  if (match[1] === undefined) return 'base';
  return match[1] === 'override' ? 'override' : 'overlay';
}

/**
 * Whether two files of a project are alternatives, never given together:
 * `compose.override.yaml` (the default) and `compose.prod.yaml`, or two
 * overlays for two environments, each merged into the base on its own.
 */
export function areAlternativeOverlays(a: string, b: string): boolean {
  return a !== b && isLayeredOnBase(a) && isLayeredOnBase(b);
}

/** `compose.override.yaml` or an overlay (`compose.prod.yaml`): a file merged onto its folder's base file. */
function isLayeredOnBase(file: string): boolean {
  const role = roleOf(file);
  return role === 'override' || role === 'overlay';
}

/** Whether `docker compose up` merges the two files without `-f`: a base file and `compose.override.yaml`. */
export function mergedByDefault(a: string, b: string): boolean {
  const roles = [roleOf(a), roleOf(b)];
  return roles.includes('base') && roles.includes('override');
}

/**
 * The definitions of a service in the base files that a file is merged onto
 * (`compose.yaml` under `compose.override.yaml` or `compose.prod.yaml`),
 * strongest first; none for a base file itself.
 */
export function definitionsUnder(project: ComposeProject, file: string, service: string): ServiceLayer[] {
  if (!isLayeredOnBase(file)) return [];
  const layers: ServiceLayer[] = [];
  project.files.forEach((other, i) => {
    const model = project.models[i];
    const definition = other !== file && roleOf(other) === 'base' ? model?.services.find((s) => s.name === service) : undefined;
    if (model && definition) layers.unshift({ model, service: definition });
  });
  return layers;
}

/** Includes of includes are followed this far; a cycle or a runaway chain stops here. */
const MAX_PROJECT_FILES = 64;

const ROLE_ORDER: Record<FileRole, number> = { standalone: 0, base: 0, override: 1, overlay: 2 };

/** The paths a Compose file includes (`include:` strings and `path:` entries), resolved against its directory. */
function includedPaths(model: ComposeModel): string[] {
  const include = resolveNode(model.root ? mapEntries(model.root, model).get('include')?.value : undefined, model.yaml);
  if (!isSeq(include)) return [];
  const directory = path.dirname(model.document.path);
  const found: string[] = [];
  const add = (node: unknown) => {
    const text = scalarText(node, model.yaml);
    const resolved = text === undefined ? undefined : interpolate(text);
    if (resolved && !resolved.runtimeOnly) found.push(path.resolve(directory, resolved.value));
  };
  for (const item of include.items) {
    const map = asMap(item, model.yaml);
    if (!map) {
      add(item);
      continue;
    }
    const paths = resolveNode(mapEntries(map, model).get('path')?.value, model.yaml);
    if (isSeq(paths)) paths.items.forEach(add);
    else add(paths);
  }
  return found;
}

export interface ComposeProject {
  /** Files in merge order: included files, base files, the override file, other overlays. */
  files: string[];
  /** The models of the files, in the same order; undefined for a file that cannot be read. */
  models: Array<ComposeModel | undefined>;
}

/**
 * The project a Compose file belongs to: the Compose files named
 * `compose*`/`docker-compose*` in its directory, with the files they
 * include. A file of another name is a project of its own (with its
 * includes), and so is an overlay in a directory without a base file.
 */
export function projectOf(context: Pick<RuleContext<'compose'>, 'index' | 'document' | 'parsed'>): ComposeProject {
  // Five rules ask for the project of each lint; it changes only with the workspace.
  return context.index.deriveFor(context.parsed, projectOf, () => readProject(context));
}

function readProject(context: Pick<RuleContext<'compose'>, 'index' | 'document' | 'parsed'>): ComposeProject {
  const { index } = context;
  const own = context.document.path;
  const modelOf = (file: string) => (file === own ? context.parsed : index.factsOf(composeModelFacts, file));
  const siblings =
    roleOf(own) === 'standalone'
      ? [own]
      : index
          .filesInDirectory(path.dirname(own))
          .filter((file) => file.kind === 'compose' && roleOf(file.path) !== 'standalone')
          .map((file) => file.path)
          .concat(index.has(own) ? [] : [own]);
  // Without a base file, each overlay is a project of its own (`-f compose.ci.yaml` in one CI job, `-f compose.e2e.yaml` in another).
  const members = siblings.some((file) => roleOf(file) === 'base')
    ? siblings.sort((a, b) => ROLE_ORDER[roleOf(a)] - ROLE_ORDER[roleOf(b)] || a.localeCompare(b))
    : [own];
  const included: string[] = [];
  const pending = [...members];
  const seen = new Set(members);
  while (pending.length > 0) {
    const model = modelOf(pending.shift()!);
    for (const file of model ? includedPaths(model) : []) {
      if (seen.has(file) || seen.size > MAX_PROJECT_FILES) continue;
      seen.add(file);
      included.push(file);
      pending.push(file);
    }
  }
  const files = [...included, ...members];
  return { files, models: files.map(modelOf) };
}

/** One definition of a service: the file's model and the service as written there. */
export interface ServiceLayer {
  model: ComposeModel;
  service: ComposeService;
}

/**
 * A service as Compose merges it across the project's files. `layers[0]` is
 * where it is first defined (the base file's definition when there is one):
 * that is where rules report it and where their fixes write.
 */
export interface MergedService {
  name: string;
  layers: ServiceLayer[];
}

/** Keys that make a definition runnable on its own, or tie it to one that is. */
const DEFINING_KEYS = ['image', 'build', 'extends'];

/**
 * The services the linted file is the home of, merged with their
 * definitions in the project's other files. A service that an earlier file
 * of the project defines is left out: it is judged (and reported) there.
 * So is a fragment, a service that no definition gives an image, a build or
 * an `extends:`: Compose cannot run it alone, so it is merged into a
 * definition in a file of another folder (`-f compose.yml -f
 * reverse-proxy/compose.caddy.yml`), which is where it is judged.
 */
export function homeServices(
  context: Pick<RuleContext<'compose'>, 'index' | 'document' | 'parsed'>,
  project: ComposeProject = projectOf(context),
): MergedService[] {
  const own = context.parsed;
  const ownIndex = project.files.indexOf(context.document.path);
  const result: MergedService[] = [];
  for (const service of own.services) {
    const earlier = project.models.slice(0, ownIndex).some((model) => model?.services.some((s) => s.name === service.name));
    if (earlier) continue;
    const layers: ServiceLayer[] = [{ model: own, service }];
    project.models.slice(ownIndex + 1).forEach((model) => {
      const later = model?.services.find((s) => s.name === service.name);
      if (model && later) layers.push({ model, service: later });
    });
    if (!layers.some((layer) => DEFINING_KEYS.some((key) => layer.service.entries.has(key)))) continue;
    result.push({ name: service.name, layers });
  }
  return result;
}

const MAX_EXTENDS_DEPTH = 8;

export interface LayeredEntry {
  entry: ComposeEntry | undefined;
  /** The definition the entry was found in, for values that depend on the file (relative paths). */
  layer: ServiceLayer | undefined;
  /** True when a definition extends a service that cannot be read, so the key may come from there. */
  unknown: boolean;
}

/**
 * Every definition that contributes to a merged service, strongest first:
 * the last overlay, then each definition's `extends:` chain (in the same
 * file or another one). `unknown` is true when a definition extends a
 * service that cannot be read, so keys may come from there.
 */
export function definitions(index: WorkspaceIndex, merged: MergedService): { layers: ServiceLayer[]; unknown: boolean } {
  const layers: ServiceLayer[] = [];
  let unknown = false;
  for (const layer of [...merged.layers].reverse()) {
    let current: ServiceLayer | undefined = layer;
    for (let depth = 0; current && depth < MAX_EXTENDS_DEPTH; depth++) {
      layers.push(current);
      const parent = extendedService(index, current);
      if (parent === 'unknown') unknown = true;
      current = parent === 'unknown' ? undefined : parent;
    }
  }
  return { layers, unknown };
}

/** A key of a merged service: the strongest definition that sets it wins. */
export function mergedKey(index: WorkspaceIndex, merged: MergedService, key: string): LayeredEntry {
  const { layers, unknown } = definitions(index, merged);
  for (const layer of layers) {
    const entry = layer.service.entries.get(key);
    if (entry) return { entry, layer, unknown: false };
  }
  return { entry: undefined, layer: undefined, unknown };
}

function extendedService(index: WorkspaceIndex, layer: ServiceLayer): ServiceLayer | 'unknown' | undefined {
  const { model, service } = layer;
  const value = service.entries.get('extends')?.value;
  if (!value) return undefined;
  const map = asMap(value, model.yaml);
  const entries = map ? mapEntries(map, model) : undefined;
  const name = scalarText(value, model.yaml) ?? scalarText(entries?.get('service')?.value, model.yaml);
  if (name === undefined) return 'unknown';
  const file = scalarText(entries?.get('file')?.value, model.yaml);
  let target: ComposeModel | undefined = model;
  if (file !== undefined) {
    const resolved = interpolate(file);
    target = resolved.runtimeOnly ? undefined : index.factsOf(composeModelFacts, path.resolve(path.dirname(model.document.path), resolved.value));
  }
  const parent = target?.services.find((s) => s.name === name && s !== service);
  return parent ? { model: target!, service: parent } : 'unknown';
}

/**
 * What a memoized per-service check depends on beyond the linted file: the
 * other files' models, and the whole index when a service extends a file.
 */
export function projectDependencies(context: Pick<RuleContext<'compose'>, 'index' | 'document' | 'parsed'>, project: ComposeProject): unknown[] {
  const extendsFile = context.parsed.services.some((service) => asMap(service.entries.get('extends')?.value, context.parsed.yaml) !== undefined);
  return [...project.models, extendsFile ? context.index.revision : 0];
}
