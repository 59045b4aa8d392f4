import type { Node as YamlNode } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Fix, Range } from '../../engine/types';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { nodeRange, scalarText } from '../../languages/compose';
import { isRootUser } from '../support/dockerfileFacts';
import { describeWellKnownImages, isRootBaseImage, wellKnownImage } from '../support/wellKnownImages';
import { COMPOSE_TEST_SCAFFOLDING_NOTE, isComposeTestScaffolding } from '../support/exemptCode';
import { interpolate } from '../../languages/composeInterpolation';
import { checkOnce } from './support/memo';
import { dockerSocketMounts } from './privileged';
import { homeServices, mergedKey, projectOf, type MergedService } from './support/project';
import { externalBaseImage, mergedServiceDependencies, itsDockerfile, mergedBuiltStage, mergedImage } from './support/services';
import { reportUnseen, type Unseen } from './support/unseen';
import { appendToBlockMap, quoted } from './support/yamlEdits';

interface Finding {
  message: string;
  /** The value to point at instead of the service's name. */
  node?: YamlNode;
  fix?: 'append' | 'replace';
  /** The root user was chosen on purpose (a USER 0 in the Dockerfile): the fix is offered, not preferred. */
  deliberate?: boolean;
}

/**
 * What PL202 says about a merged service: a finding, what cannot be seen
 * about its image, or undefined when it runs as non-root or manages its own user.
 */
function judge(index: WorkspaceIndex, merged: MergedService, user: string): Finding | Unseen | undefined {
  const name = merged.name;
  const home = merged.layers[0]!;
  const image = mergedImage(index, merged);
  const known = wellKnownImage(image);
  const set = mergedKey(index, merged, 'user');
  if (set.unknown) return undefined;
  if (set.entry && set.layer) {
    const value = scalarText(set.entry.value, set.layer.model.yaml);
    const resolved = value === undefined ? undefined : interpolate(value);
    if (!resolved || resolved.runtimeOnly || !isRootUser(resolved.value)) return undefined;
    const inHome = set.layer.model === home.model;
    const where = inHome ? '' : ` in ${index.relativePath(set.layer.model.document.path)}`;
    const node = inHome ? (set.entry.value ?? undefined) : undefined;
    if (known) {
      return { message: `Service "${name}" runs as root (user: ${value}${where}); remove user: and let the image choose its user: ${known.ownUser}.`, node };
    }
    return {
      message: `Service "${name}" runs as root (user: ${value}${where}); set a non-root user such as "${user}".`,
      node,
      fix: inHome && !set.entry.merged ? 'replace' : undefined,
    };
  }
  // Access to the Docker socket needs root or the socket's group; PL205 reports the mount itself.
  if (merged.layers.some((layer) => dockerSocketMounts(layer.model, layer.service).length > 0)) return undefined;
  const built = mergedBuiltStage(index, merged);
  if (!built) {
    if (known || image === undefined) return undefined;
    return {
      key: `image ${image}`,
      describe: (who) =>
        `${who.text} ${who.verb('sets', 'set')} no user: and ${who.verb('runs', 'run')} the image "${image}", which is built elsewhere: Plumbline cannot see which USER it runs as. If it runs as root, add user: "${user}" or set a non-root USER in its Dockerfile.`,
    };
  }
  if (built.stages && !built.stage) return undefined; // PL210 reports the unknown target; the stage's USER is unknown.
  if (!built.stage) {
    return {
      key: `dockerfile ${built.dockerfile}`,
      describe: (who) =>
        `${who.text} ${who.verb('sets', 'set')} no user: and ${who.verb('builds', 'build')} ${built.dockerfile}, which is not in the workspace: Plumbline cannot see which USER it runs as.`,
    };
  }
  // An image that switches user itself at startup (gosu, s6-overlay) needs root to start: PL101 gives the hint on its Dockerfile.
  if (!built.stage.runsAsRoot || built.stage.privilegeDropper) return undefined;
  const addUser = `Add user: "${user}" to the service or a non-root USER to the Dockerfile`;
  if (built.stage.user !== undefined) {
    return {
      message: `Service "${name}" runs as root: ${itsDockerfile(built)} ends with USER ${built.stage.user}. ${addUser}, unless its entrypoint needs root and drops privileges itself.`,
      fix: 'append',
      deliberate: true,
    };
  }
  const base = externalBaseImage(built) ?? '';
  if (wellKnownImage(base)) return undefined;
  if (isRootBaseImage(base)) {
    return {
      message: `Service "${name}" runs as root: ${itsDockerfile(built)} sets no USER on top of ${base}, which runs as root. ${addUser}.`,
      fix: 'append',
    };
  }
  return {
    key: `dockerfile ${built.dockerfile} ${base}`,
    describe: (who) =>
      `${who.text} ${who.verb('sets', 'set')} no user: and ${who.verb('builds', 'build')} ${built.dockerfile}, which sets no USER: ${who.verb('it runs', 'they run')} as whatever user the base image ${base} sets, which Plumbline cannot see.`,
  };
}

export const composeNonRootUser = defineRule({
  meta: {
    code: 'PL202',
    name: 'compose/non-root-user',
    summary: "A service that runs as root (`user: root`, or a built Dockerfile without a non-root USER); an `info` when its image's USER cannot be seen.",
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
        'A process that runs as root inside a container is root on the host as soon as it escapes, and can write everywhere its volumes reach. Either the image sets a non-root `USER` (PL101 checks that for the Dockerfiles in this repository) or the Compose file sets `user:`. Plumbline judges each service as Compose merges it: the base file, `compose.override.yaml`, the overlays beside it (`compose.<env>.yaml`), `include:` and `extends:`, and reports it once, on its first definition. A fragment is judged where the service is defined in full: a service that no file beside it gives an `image:`, a `build:` or an `extends:` is merged with `-f` into a file of another folder (`-f compose.yaml -f reverse-proxy/compose.caddy.yaml`). Per image:\n\n- **Built here**: Plumbline follows `build:` to the Dockerfile. A stage (the `target`, else the last) that ends with a non-root USER passes; `USER root`/`USER 0`, or no USER on top of an official base that runs as root (`python`, `node`, `golang`, `debian`, `alpine`, `scratch`, …), is a warning. No USER on top of any other base is an `info`: the base image decides, and Plumbline cannot see it. A Dockerfile that starts as root to switch user itself at startup (`gosu`, `su-exec`, s6-overlay: PL101 gives the hint there) is not reported: a `user:` would break its entrypoint.\n- **Built elsewhere** (`image:` only, or a Dockerfile outside the workspace): an `info` that says the USER cannot be verified, without a fix (a `user:` the image does not expect breaks it). Services that run the same image share one info, on the first of them.\n- **Images that manage their own user** are not reported, and never get a `user:` fix: ' +
        describeWellKnownImages(() => true) +
        '. Their images set a non-root USER, or their entrypoints start as root to prepare data directories or bind ports and then switch to their own user; an arbitrary uid breaks them (the postgres image refuses to start), and a message on `user: root` gives the image\'s own reason.\n- **Services that mount the Docker socket** (Traefik, Portainer) are not reported: the socket is root on the host whatever the container\'s user, and PL205 reports the mount.\n\n`user: root` and `user: "0"` are reported too (without a fix on the images above).' +
        COMPOSE_TEST_SCAFFOLDING_NOTE,
      bad: `services:
  worker:
    build: ./worker   # worker/Dockerfile: FROM python:3.12.7-slim, no USER
  db:
    image: postgres:16.4
    user: root
`,
      good: `services:
  worker:
    build: ./worker
    user: "10001:10001"
  db:
    image: postgres:16.4   # manages its own user
`,
      fix: 'Adds `user: "<uid:gid>"` (option `user`, default `10001:10001`) as the service\'s last key, in the file where the service is first defined, at the file\'s indentation and quote style; replaces a root `user:` value. Unsafe: the image must be able to run as that uid. Offered only when the image is known to run as root, and not preferred after an explicit `USER root`/`USER 0` in its Dockerfile, which may be deliberate.',
      peers:
        "dclint has no user rule; KICS and Checkov check this only in CI and only on the Compose file. Plumbline looks through `build:` into the Dockerfile's stages, so a service built from a compliant Dockerfile needs no duplicate `user:`.",
    },
  },
  check(context) {
    if (isComposeTestScaffolding(context)) return;
    const project = projectOf(context);
    const services = homeServices(context, project);
    checkOnce(context, 'PL202', mergedServiceDependencies(context, project, services), (context) => {
      const model = context.parsed;
      const user = context.options.user;
      const unseen: Array<{ name: string; range: Range; unseen: Unseen }> = [];
      for (const merged of services) {
        const { service } = merged.layers[0]!;
        if (!service.map) continue;
        const finding = judge(context.index, merged, user);
        if (!finding) continue;
        if ('describe' in finding) {
          unseen.push({ name: service.name, range: nodeRange(context.document, service.key), unseen: finding });
          continue;
        }
        const edit = finding.fix === 'append' ? appendToBlockMap(model, service.map, [{ depth: 0, text: `user: ${quoted(model, user)}` }]) : undefined;
        const fixes: Fix[] = [];
        if (finding.fix === 'replace' && finding.node) {
          fixes.push({
            title: `Set user: "${user}"`,
            edits: [{ range: nodeRange(context.document, finding.node), newText: quoted(model, user) }],
            isPreferred: true,
          });
        } else if (edit) {
          // After an explicit USER 0 the root user may be deliberate: offered, not preferred.
          fixes.push({ title: `Add user: "${user}"`, edits: [edit], isPreferred: !finding.deliberate });
        }
        context.report({ message: finding.message, range: nodeRange(context.document, finding.node ?? service.key), fixes });
      }
      // What cannot be verified gets no fix: a user: the image does not expect breaks it.
      reportUnseen(unseen, (message, range) => context.report({ message, range, severity: 'info' }));
    });
  },
});
