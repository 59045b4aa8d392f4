/**
 * Which Compose services build a Dockerfile, from which context and to which
 * stage, read through the workspace index so that an edit to a Compose file
 * is seen by the Dockerfile rules that depend on it (PL108, PL109).
 */
import type { FactProvider, WorkspaceIndex } from '../../../engine/workspaceIndex';
import { parseAs } from '../../../languages';
import { stageLineage, type DockerfileModel, type DockerStage } from '../../../languages/dockerfile';
import { buildReference } from '../../compose/support/build';
import { addToGroup } from '../../../engine/maps';

export interface ComposeBuild {
  /** Absolute paths. */
  dockerfile: string;
  context: string;
  target: string | undefined;
  /** The Compose file that declares the build, absolute. */
  composeFile: string;
}

export const composeBuildsFacts: FactProvider<ComposeBuild[]> = {
  id: 'docker/compose-builds',
  appliesTo: (file) => file.kind === 'compose',
  extract(document) {
    const model = parseAs('compose', document);
    return model.services.flatMap((service) => {
      const reference = buildReference(service, model);
      return reference ? [{ dockerfile: reference.dockerfile, context: reference.context, target: reference.target, composeFile: document.path }] : [];
    });
  },
};

/** The Compose builds of one Dockerfile anywhere in the workspace. */
export function composeBuildsOf(index: WorkspaceIndex, dockerfile: string): readonly ComposeBuild[] {
  return composeBuildsByDockerfile(index).get(dockerfile) ?? [];
}

/** Every Compose build by the Dockerfile it builds, once per index revision rather than a pass over every Compose file per Dockerfile. */
function composeBuildsByDockerfile(index: WorkspaceIndex): Map<string, ComposeBuild[]> {
  return index.derive('docker/compose-builds-by-dockerfile', () => {
    const byDockerfile = new Map<string, ComposeBuild[]>();
    for (const { facts } of index.facts(composeBuildsFacts)) {
      for (const build of facts) addToGroup(byDockerfile, build.dockerfile, build);
    }
    return byDockerfile;
  });
}

/**
 * The stages whose layers end up in a built image: those the Compose files
 * that build this Dockerfile target (and what they build on), else the final
 * stage's lineage, as `docker build` without `--target` produces it.
 */
export function shippedStages(model: DockerfileModel, builds: readonly ComposeBuild[]): Set<DockerStage> {
  const targets = builds.length > 0 ? builds.map((build) => build.target?.toLowerCase()) : [undefined];
  const shipped = new Set<DockerStage>();
  for (const target of targets) {
    const stage = target === undefined ? model.finalStage : model.stages.find((candidate) => candidate.name === target);
    for (const member of stage ? stageLineage(stage) : []) shipped.add(member);
  }
  return shipped;
}
