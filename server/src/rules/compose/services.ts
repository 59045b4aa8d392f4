import * as path from 'node:path';
import type { RuleContext } from '../../engine/rule';
import { asMap, mapEntries, scalarText, type ComposeEntry, type ComposeModel, type ComposeService } from '../../languages/compose';
import { dockerfileFacts, type DockerStageFacts } from '../docker/facts';
import { composeServiceNamesFacts } from './facts';
import { buildReference, type BuildReference } from './build';

const MAX_EXTENDS_DEPTH = 8;

/**
 * A key of a service, looking through `extends:` to services of the same
 * file. `external` is true when the service extends one from another file,
 * whose keys cannot be seen here.
 */
export function serviceKey(model: ComposeModel, service: ComposeService, key: string): { entry: ComposeEntry | undefined; external: boolean } {
  let current: ComposeService | undefined = service;
  for (let depth = 0; current && depth < MAX_EXTENDS_DEPTH; depth++) {
    const entry = current.entries.get(key);
    if (entry) return { entry, external: false };
    const parent = extendedService(model, current);
    if (parent === 'external') return { entry: undefined, external: true };
    current = parent;
  }
  return { entry: undefined, external: false };
}

function extendedService(model: ComposeModel, service: ComposeService): ComposeService | 'external' | undefined {
  const value = service.entries.get('extends')?.value;
  if (!value) return undefined;
  const map = asMap(value, model.yaml);
  const entries = map ? mapEntries(map, model.yaml) : undefined;
  const name = scalarText(value, model.yaml) ?? scalarText(entries?.get('service')?.value, model.yaml);
  if (entries?.has('file') || name === undefined) return 'external';
  return model.services.find((s) => s.name === name && s !== service);
}

export interface BuiltStage {
  build: BuildReference;
  /** Path of the Dockerfile relative to the workspace root, for messages. */
  dockerfile: string;
  /** The stage Compose builds (the target, else the last); undefined when the Dockerfile is not in the workspace or lacks the target. */
  stage: DockerStageFacts | undefined;
  /** Every stage of the Dockerfile; undefined when it is not in the workspace. */
  stages: DockerStageFacts[] | undefined;
}

/** The Dockerfile stage a service is built from, through the docker pack's facts. */
export function builtStage(context: RuleContext<'compose'>, service: ComposeService): BuiltStage | undefined {
  const build = buildReference(service, context.parsed);
  if (!build) return undefined;
  const facts = context.index.factsOf(dockerfileFacts, build.dockerfile);
  const stages = facts?.stages;
  const stage = build.target === undefined ? stages?.at(-1) : stages?.find((s) => s.name === build.target!.toLowerCase());
  return { build, dockerfile: context.index.relativePath(build.dockerfile), stage, stages };
}

function isOverrideFile(filePath: string): boolean {
  return /\.override\.ya?ml$/i.test(path.basename(filePath));
}

/**
 * Whether a service of an override file (`compose.override.yaml`) only
 * amends a service that a base Compose file beside it defines. Compose
 * merges the two, so the base file's definition is the one judged.
 */
export function amendsBaseService(context: RuleContext<'compose'>, service: ComposeService): boolean {
  const filePath = context.document.path;
  if (!isOverrideFile(filePath)) return false;
  return context.index
    .filesInDirectory(path.dirname(filePath))
    .filter((file) => file.kind === 'compose' && !isOverrideFile(file.path))
    .some((file) => context.index.factsOf(composeServiceNamesFacts, file.path)?.includes(service.name));
}

/** What PL204 and friends read beyond the file in an override file: the whole index, by revision. */
export function overrideRevision(context: RuleContext<'compose'>): number {
  return isOverrideFile(context.document.path) ? context.index.revision : 0;
}

/** The cached facts of the Dockerfiles the services build, as dependencies of a memoized check. */
export function buildFacts(context: RuleContext<'compose'>): unknown[] {
  return context.parsed.services.map((service) => {
    const build = buildReference(service, context.parsed);
    return build && context.index.factsOf(dockerfileFacts, build.dockerfile);
  });
}
