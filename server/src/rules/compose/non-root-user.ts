import { defineRule } from '../../engine/rule';
import { nodeRange, scalarText } from '../../languages/compose';
import { isRootUser } from '../docker/facts';
import { interpolate } from './interpolation';
import { amendsBaseService, buildFacts, builtStage, overrideRevision, serviceKey } from './services';
import { appendToBlockMap, quoted } from './yamlEdits';
import { checkOnce } from './memo';

export const composeNonRootUser = defineRule({
  meta: {
    code: 'PL202',
    name: 'compose/non-root-user',
    summary: 'A service with no `user:` whose image is not built from a Dockerfile in the workspace that already runs as non-root.',
    severity: 'warning',
    policy: 'Containers run as a non-root user.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    kinds: ['compose'],
    options: {
      user: { type: 'string', default: '10001:10001', description: 'The `uid:gid` the quick fix sets as `user:`.' },
    },
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'A process that runs as root inside a container is root on the host as soon as it escapes, and can write everywhere its volumes reach. Either the image sets a non-root `USER` (PL101 checks that for the Dockerfiles in this repository) or the Compose file sets `user:`. Plumbline follows `build:` to the Dockerfile in the workspace and accepts a service whose built stage (the `target`, else the last) already ends with a non-root USER; an image pulled from a registry is not visible here, so it needs `user:` in the Compose file. `user: root` and `user: "0"` are reported too. A service in an override file (`compose.override.yaml`) that the base Compose file beside it also defines is judged in the base file, as Compose merges the two.',
      bad: 'services:\n  worker:\n    image: registry.example.com/worker:2.3.0\n',
      good: 'services:\n  worker:\n    image: registry.example.com/worker:2.3.0\n    user: "10001:10001"\n',
      fix: 'Adds `user: "<uid:gid>"` (option `user`, default `10001:10001`) as the service\'s last key, at the file\'s indentation and quote style; replaces a root `user:` value.',
      peers:
        'dclint has no user rule; KICS and Checkov check this only in CI and only on the Compose file. Plumbline looks through `build:` into the Dockerfile\'s stages, so a service built from a compliant Dockerfile needs no duplicate `user:`.',
    },
  },
  check(context) {
    checkOnce(context, 'PL202', [...buildFacts(context), overrideRevision(context)], (context) => {
      const model = context.parsed;
      const user = context.options.user;
      for (const service of model.services) {
        if (!service.map || amendsBaseService(context, service)) continue;
        const { entry, external } = serviceKey(model, service, 'user');
        if (external) continue;
        if (entry) {
          const value = scalarText(entry.value, model.yaml);
          const resolved = value === undefined ? undefined : interpolate(value);
          if (!resolved || resolved.runtimeOnly || !isRootUser(resolved.value)) continue;
          const range = nodeRange(context.document, entry.value);
          context.report({
            message: `Service "${service.name}" runs as root (user: ${value}); set a non-root user such as "${user}".`,
            range,
            fixes: entry.merged ? [] : [{ title: `Set user: "${user}"`, edits: [{ range, newText: quoted(model, user) }], isPreferred: true }],
          });
          continue;
        }
        const built = builtStage(context, service);
        // A target the Dockerfile lacks is PL210's to report; the stage's USER is unknown.
        if (built?.stages && !built.stage) continue;
        if (built?.stage && !built.stage.runsAsRoot) continue;
        const image = scalarText(serviceKey(model, service, 'image').entry?.value, model.yaml);
        const why = built?.stage
          ? `its Dockerfile ${built.dockerfile} ends without a non-root USER`
          : built
            ? `it builds ${built.dockerfile}, which is not in the workspace`
            : image
              ? `the image "${image}" is not built here, so its USER cannot be checked`
              : 'it builds no image from this workspace';
        const edit = appendToBlockMap(model, service.map, [{ depth: 0, text: `user: ${quoted(model, user)}` }]);
        context.report({
          message: `Service "${service.name}" runs as root: ${why}. Add user: "${user}" to the service${built?.stage ? ' or a USER to the Dockerfile' : ''}.`,
          range: nodeRange(context.document, service.key),
          fixes: edit ? [{ title: `Add user: "${user}"`, edits: [edit], isPreferred: true }] : [],
        });
      }
    });
  },
});
