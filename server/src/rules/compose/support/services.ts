import type { RuleContext } from '../../../engine/rule';
import type { WorkspaceIndex } from '../../../engine/workspaceIndex';
import { scalarText } from '../../../languages/compose';
import { dockerfileFacts, type DockerStageFacts } from '../../support/dockerfileFacts';
import { buildReference, mergedBuildReference, type BuildReference } from './build';
import { definitions, mergedKey, projectDependencies, type ComposeProject, type MergedService, type ServiceLayer } from './project';

export interface BuiltStage {
  build: BuildReference;
  /** Path of the Dockerfile relative to the workspace root, for messages. */
  dockerfile: string;
  /** The stage Compose builds (the target, else the last); undefined when the Dockerfile is not in the workspace or lacks the target. */
  stage: DockerStageFacts | undefined;
  /** Every stage of the Dockerfile; undefined when it is not in the workspace. */
  stages: DockerStageFacts[] | undefined;
}

/** "its Dockerfile services/api/Dockerfile", or "its Dockerfile" for the root's `Dockerfile`, which would read twice. */
export function itsDockerfile(built: BuiltStage): string {
  return built.dockerfile === 'Dockerfile' ? 'its Dockerfile' : `its Dockerfile ${built.dockerfile}`;
}

/** The Dockerfile stage a build leads to, through the docker pack's facts. */
function stageOf(index: WorkspaceIndex, build: BuildReference | undefined): BuiltStage | undefined {
  if (!build) return undefined;
  const facts = index.factsOf(dockerfileFacts, build.dockerfile);
  const stages = facts?.stages;
  const stage = build.target === undefined ? stages?.at(-1) : stages?.find((s) => s.name === build.target!.toLowerCase());
  return { build, dockerfile: index.relativePath(build.dockerfile), stage, stages };
}

/** The stage a definition builds once merged onto the definitions under it (strongest first): an overlay's `build: { target: dev }` keeps the base's Dockerfile. */
export function overlaidBuiltStage(index: WorkspaceIndex, layer: ServiceLayer, under: readonly ServiceLayer[]): BuiltStage | undefined {
  return stageOf(index, mergedBuildReference([layer, ...under]));
}

/** The stage a merged service is built from: its `build:` merged key by key over its definitions. */
export function mergedBuiltStage(index: WorkspaceIndex, merged: MergedService): BuiltStage | undefined {
  return stageOf(index, mergedBuildReference(definitions(index, merged).layers));
}

/**
 * The image a stage starts from outside the Dockerfile, following `FROM
 * <stage>` to its first stage, with the service's `build.args` filled in
 * (`FROM ${BASE_IMAGE}`).
 */
export function externalBaseImage(built: BuiltStage): string | undefined {
  let stage = built.stage;
  for (let hops = 0; stage && hops < 64; hops++) {
    const parent = built.stages!.find((s) => s.name !== undefined && s.name === stage!.baseImage.toLowerCase() && s.index < stage!.index);
    if (!parent)
      return stage.baseImage.replace(/\$\{(\w+)\}|\$(\w+)/g, (text, braced?: string, bare?: string) => built.build.args.get((braced ?? bare)!) ?? text);
    stage = parent;
  }
  return undefined;
}

/** The `image:` of a merged service as written, when it is a plain value. */
export function mergedImage(index: WorkspaceIndex, merged: MergedService): string | undefined {
  const { entry, layer } = mergedKey(index, merged, 'image');
  return layer && scalarText(entry?.value, layer.model.yaml);
}

/** The cached facts of the Dockerfiles the services build, as dependencies of a memoized check. */
export function buildFacts(index: WorkspaceIndex, layers: readonly ServiceLayer[]): unknown[] {
  return layers.map((layer) => {
    const build = buildReference(layer.service, layer.model);
    return build && index.factsOf(dockerfileFacts, build.dockerfile);
  });
}

/**
 * What a memoized check of merged services depends on: the Dockerfiles each
 * definition builds, the one the merged `build:` leads to (its context from
 * one file, its Dockerfile from another), and the project's other files.
 */
export function mergedServiceDependencies(
  context: Pick<RuleContext<'compose'>, 'index' | 'document' | 'parsed'>,
  project: ComposeProject,
  services: readonly MergedService[],
): unknown[] {
  const { index } = context;
  const merged = services.map((service) => {
    const build = mergedBuildReference(definitions(index, service).layers);
    return build && index.factsOf(dockerfileFacts, build.dockerfile);
  });
  return [
    ...buildFacts(
      index,
      services.flatMap((service) => service.layers),
    ),
    ...merged,
    ...projectDependencies(context, project),
  ];
}
