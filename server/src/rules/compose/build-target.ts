import { defineRule } from '../../engine/rule';
import { nodeRange } from '../../languages/compose';
import { buildReference } from './support/build';
import { definitionsUnder, projectOf } from './support/project';
import { buildFacts, overlaidBuiltStage } from './support/services';
import { checkOnce } from './support/memo';

/** The Dockerfile the docs examples build, with the stages their comment names. */
const EXAMPLE_DOCKERFILE = {
  'docker/api/Dockerfile':
    'FROM python:3.12.7-slim AS builder\nRUN pip wheel --wheel-dir /wheels .\n\nFROM python:3.12.7-slim AS runtime\nCOPY --from=builder /wheels /wheels\n',
};

export const composeBuildTarget = defineRule({
  meta: {
    code: 'PL210',
    name: 'compose/build-target',
    summary: '`build.target` names a stage that the referenced Dockerfile does not define.',
    severity: 'error',
    policy: 'Compose files build what the Dockerfiles define.',
    fixable: 'no',
    kinds: ['compose'],
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        "A `build.target` that no `FROM … AS <name>` defines fails the build, but only when someone runs it, often after a stage was renamed in the Dockerfile. Plumbline follows `build:` (`context` and `dockerfile`) to the Dockerfile in the workspace and reports the target with the list of stages the Dockerfile has. Stage names compare case-insensitively, as BuildKit compares them; a Dockerfile outside the workspace or a target known only at run time is not judged. A target set in an override or overlay file (`compose.override.yaml`, `compose.prod.yaml`) names a stage of the Dockerfile that the base file's `build:` leads to, as Compose merges `build:` key by key; it is reported in the file that sets it.",
      bad: `services:
  api:
    build:
      context: .
      dockerfile: docker/api/Dockerfile
      target: prod   # the stages are builder and runtime
`,
      good: `services:
  api:
    build:
      context: .
      dockerfile: docker/api/Dockerfile
      target: runtime
`,
      exampleSurroundings: { bad: EXAMPLE_DOCKERFILE, good: EXAMPLE_DOCKERFILE },
      peers: 'No peer tool checks `build.target` against the Dockerfile; `docker compose build` fails at build time.',
    },
  },
  check(context) {
    const project = projectOf(context);
    // An overlay's `build: { target: dev }` names a stage of the Dockerfile its base file builds.
    const builds = context.parsed.services.map((service) => {
      const layer = { model: context.parsed, service };
      const under = definitionsUnder(project, context.document.path, service.name);
      return { layer, under, built: overlaidBuiltStage(context.index, layer, under) };
    });
    const dependencies = builds.flatMap(({ layer, under, built }) => [built?.stages, ...buildFacts(context.index, [layer, ...under])]);
    checkOnce(context, 'PL210', dependencies, (context) => {
      for (const { layer, built } of builds) {
        // Only a target this file sets is reported here; the base file's own is judged there.
        const ownTarget = buildReference(layer.service, layer.model)?.targetNode;
        if (!built?.stages || built.stage || built.build.target === undefined || !ownTarget || built.build.targetNode !== ownTarget) continue;
        const names = built.stages.map((s) => s.name).filter((name): name is string => name !== undefined);
        const known = names.length > 0 ? `its stages are ${names.join(', ')}` : 'it has no named stages';
        context.report({
          message: `Stage "${built.build.target}" is not defined in ${built.dockerfile} (${known}); set build.target to one of them.`,
          range: nodeRange(context.document, built.build.targetNode),
        });
      }
    });
  },
});
