/**
 * Which Compose services build a Dockerfile, from which context and to which
 * stage, read through the workspace index so that an edit to a Compose file
 * is seen by the Dockerfile rules that depend on it (PL108, PL109).
 */
import type { FactProvider, WorkspaceIndex } from '../../engine/workspaceIndex';
import { parseAs } from '../../languages';
import { buildReference } from '../compose/build';

export interface ComposeBuild {
  /** Absolute paths. */
  dockerfile: string;
  context: string;
  target: string | undefined;
}

export const composeBuildsFacts: FactProvider<ComposeBuild[]> = {
  id: 'docker/compose-builds',
  appliesTo: (file) => file.kind === 'compose',
  extract(document) {
    const model = parseAs('compose', document);
    return model.services.flatMap((service) => {
      const reference = buildReference(service, model);
      return reference ? [{ dockerfile: reference.dockerfile, context: reference.context, target: reference.target }] : [];
    });
  },
};

/** The Compose builds of one Dockerfile anywhere in the workspace. */
export function composeBuildsOf(index: WorkspaceIndex, dockerfile: string): ComposeBuild[] {
  return index.facts(composeBuildsFacts).flatMap(({ facts }) => facts.filter((build) => build.dockerfile === dockerfile));
}
