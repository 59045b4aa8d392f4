import { isMap, isSeq } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Fix, Range } from '../../engine/types';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { mapEntries, nodeRange, resolveNode, scalarText } from '../../languages/compose';
import { describeProbes, isRootBaseImage, wellKnownImage } from '../support/wellKnownImages';
import { COMPOSE_TEST_SCAFFOLDING_NOTE, isComposeTestScaffolding } from '../support/exemptCode';
import { interpolate } from '../../languages/composeInterpolation';
import { checkOnce } from './support/memo';
import { homeServices, mergedKey, projectOf, type MergedService } from './support/project';
import { externalBaseImage, mergedServiceDependencies, itsDockerfile, mergedBuiltStage, mergedImage, type BuiltStage } from './support/services';
import { reportUnseen, type Unseen } from './support/unseen';
import { appendToBlockMap, quoted } from './support/yamlEdits';

/** The container port to probe: the Dockerfile's EXPOSE, else the first port the service maps. */
function probePort(index: WorkspaceIndex, merged: MergedService, built: BuiltStage | undefined): number | undefined {
  const exposed = built?.stage?.exposedPorts[0];
  if (exposed !== undefined) return exposed;
  for (const key of ['expose', 'ports']) {
    const { entry, layer } = mergedKey(index, merged, key);
    const yaml = layer?.model.yaml;
    const list = resolveNode(entry?.value, yaml);
    if (!isSeq(list) || !layer) continue;
    for (const item of list.items) {
      const resolved = resolveNode(item, yaml);
      const text = isMap(resolved) ? scalarText(mapEntries(resolved, layer.model).get('target')?.value, yaml) : scalarText(resolved, yaml);
      const target = text === undefined ? undefined : /(?:^|:)(\d+)(?:-\d+)?(?:\/\w+)?$/.exec(interpolate(text).value)?.[1];
      if (target) return Number(target);
    }
  }
  return undefined;
}

/**
 * Why the image may have a HEALTHCHECK that Plumbline cannot see, or
 * undefined when it can tell: official bases and well-known images define
 * none, a Dockerfile here shows its own.
 */
function unseenHealthcheck(index: WorkspaceIndex, merged: MergedService, built: BuiltStage | undefined): Unseen | undefined {
  const ifNot = 'If it does not, add one so Compose knows when the service is ready.';
  if (built?.stage) {
    const base = externalBaseImage(built) ?? '';
    if (isRootBaseImage(base) || wellKnownImage(base)) return undefined;
    return {
      key: `dockerfile ${built.dockerfile} ${base}`,
      describe: (who) =>
        `${who.text} ${who.verb('has', 'have')} no healthcheck: and ${who.verb('builds', 'build')} ${built.dockerfile}, which has none, but its base image ${base} may define a HEALTHCHECK that Plumbline cannot see. ${ifNot}`,
    };
  }
  if (built) {
    return {
      key: `dockerfile ${built.dockerfile}`,
      describe: (who) =>
        `${who.text} ${who.verb('has', 'have')} no healthcheck: and ${who.verb('builds', 'build')} ${built.dockerfile}, which is not in the workspace: Plumbline cannot see whether the image defines a HEALTHCHECK. ${ifNot}`,
    };
  }
  const image = mergedImage(index, merged);
  if (image === undefined || wellKnownImage(image)) return undefined;
  return {
    key: `image ${image}`,
    describe: (who) =>
      `${who.text} ${who.verb('has', 'have')} no healthcheck: and ${who.verb('runs', 'run')} the image "${image}", which is built elsewhere: Plumbline cannot see whether it defines a HEALTHCHECK. ${ifNot}`,
  };
}

interface Probe {
  test: readonly string[] | undefined;
  /** Why no probe is offered, as a sentence. */
  why?: string;
}

/**
 * A probe that only calls what the image has: a well-known image's own
 * client, else an HTTP client that the built Dockerfile visibly installs.
 */
function probeFor(index: WorkspaceIndex, merged: MergedService, built: BuiltStage | undefined, probePath: string): Probe {
  const image = mergedImage(index, merged);
  const known = built ? wellKnownImage(externalBaseImage(built)) : wellKnownImage(image);
  if (known?.probe) return { test: known.probe };
  const port = probePort(index, merged, built);
  const client = built?.stage?.httpClients[0];
  if (client && port !== undefined) {
    const url = `http://localhost:${port}${probePath}`;
    return { test: ['CMD-SHELL', client === 'curl' ? `curl -fsS ${url} || exit 1` : `wget -q --spider ${url} || exit 1`] };
  }
  if (built?.stage) {
    return {
      test: undefined,
      why: `No probe is offered: ${built.dockerfile} installs neither curl nor wget${port === undefined ? ' and exposes no port' : ''}, so only its author knows what proves it ready.`,
    };
  }
  return {
    test: undefined,
    why: `No probe is offered: the image${image === undefined ? '' : ` "${image}"`} has no client Plumbline knows to probe it with; use the one its documentation recommends.`,
  };
}

/**
 * A job that runs once and exits (`restart: "no"` written out, as seeders and
 * migrations declare it): nothing waits on its health, so it needs no check.
 */
function isOneShotJob(index: WorkspaceIndex, merged: MergedService): boolean {
  const { entry, layer } = mergedKey(index, merged, 'restart');
  if (!entry || !layer) return false;
  const policy = scalarText(entry.value, layer.model.yaml);
  return policy !== undefined && interpolate(policy).value.trim() === 'no';
}

export const composeHealthcheck = defineRule({
  meta: {
    code: 'PL203',
    name: 'compose/healthcheck',
    summary: 'A service with no `healthcheck:` whose built Dockerfile has no HEALTHCHECK.',
    severity: 'warning',
    policy: 'Containers have health checks.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    kinds: ['compose'],
    options: {
      probePath: { type: 'string', default: '/health', description: "The HTTP path the quick fix probes on the service's port." },
      interval: { type: 'string', default: '30s', description: 'The `interval:` the quick fix sets.' },
      timeout: { type: 'string', default: '5s', description: 'The `timeout:` the quick fix sets.' },
      retries: { type: 'number', default: 3, minimum: 1, description: 'The `retries:` the quick fix sets.' },
    },
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'Without a health check, Compose and the orchestrator only know that a process exists, not that it serves: `depends_on: condition: service_healthy` cannot wait for it, and a hung service is never restarted. A service needs a `healthcheck:` unless it is built from a Dockerfile in this workspace whose built stage has a HEALTHCHECK (PL103). `healthcheck: { disable: true }` in Compose and `HEALTHCHECK NONE` in the Dockerfile are explicit opt-outs. Each service is judged as Compose merges it (base file, `compose.override.yaml`, the overlays beside it, `include:`, `extends:`) and reported once, on its first definition. A fragment is judged where the service is defined in full: a service that no file beside it gives an `image:`, a `build:` or an `extends:` is merged with `-f` into a file of another folder (`-f compose.yaml -f reverse-proxy/compose.caddy.yaml`). An image can carry its own HEALTHCHECK, so per image: a Dockerfile in the workspace shows whether it has one, and the official bases (`python`, `node`, `debian`, …) and the well-known service images (postgres, redis, nginx, …) define none, so a missing `healthcheck:` is a warning; an image built elsewhere, or a Dockerfile on another base, may define one that Plumbline cannot see, so that is an `info` without a fix, once for all the services that run that image. A one-shot job that says so (`restart: "no"` written out, as a seeder or a migration runs) is not reported: nothing waits on its health.' +
        COMPOSE_TEST_SCAFFOLDING_NOTE,
      bad: `services:
  api:
    build: ./services/api
    ports:
      - "8080:8080"
`,
      good: `services:
  api:
    build: ./services/api
    ports:
      - "8080:8080"
    healthcheck:
      test: ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"]
      interval: 30s
      timeout: 5s
      retries: 3
`,
      fix:
        "Appends a `healthcheck:` block to the service, in the file where the service is first defined, and only with a probe the image can run. Well-known images get their own client, chosen by the image's version: " +
        describeProbes() +
        '; a service built from a Dockerfile that visibly installs curl or wget (a `apt-get install`/`apk add` in its stages) gets an HTTP probe of the port the Dockerfile EXPOSEs (else the first container port in `expose:`/`ports:`) at `probePath`. Otherwise the message says why no probe is offered; a service built here then gets `healthcheck: { disable: true }` as a non-preferred alternative (its Dockerfile has no HEALTHCHECK to switch off). Unsafe: a probe decides when Compose restarts or waits for the service.',
      peers:
        'dclint has no health-check rule; KICS (healthcheck not set) checks only the Compose file in CI. Plumbline accepts a HEALTHCHECK in the Dockerfile that the service builds, so the check is not duplicated.',
    },
  },
  check(context) {
    if (isComposeTestScaffolding(context)) return;
    const project = projectOf(context);
    const services = homeServices(context, project);
    checkOnce(context, 'PL203', mergedServiceDependencies(context, project, services), (context) => {
      const model = context.parsed;
      const options = context.options;
      const unseen: Array<{ name: string; range: Range; unseen: Unseen }> = [];
      for (const merged of services) {
        const { service } = merged.layers[0]!;
        if (!service.map) continue;
        const { entry, unknown } = mergedKey(context.index, merged, 'healthcheck');
        if (entry || unknown) continue;
        if (isOneShotJob(context.index, merged)) continue;
        const built = mergedBuiltStage(context.index, merged);
        if (built?.stages && !built.stage) continue; // PL210 reports the unknown target.
        if (built?.stage && (built.stage.hasHealthcheck || built.stage.healthcheckDisabled)) continue;
        const cannotSee = unseenHealthcheck(context.index, merged, built);
        if (cannotSee) {
          unseen.push({ name: service.name, range: nodeRange(context.document, service.key), unseen: cannotSee });
          continue;
        }
        const why = built?.stage ? ` and ${itsDockerfile(built)} has no HEALTHCHECK` : '';
        const probe = probeFor(context.index, merged, built, options.probePath);
        const block = (test: string) =>
          appendToBlockMap(model, service.map!, [
            { depth: 0, text: 'healthcheck:' },
            { depth: 1, text: `test: ${test}` },
            { depth: 1, text: `interval: ${options.interval}` },
            { depth: 1, text: `timeout: ${options.timeout}` },
            { depth: 1, text: `retries: ${options.retries}` },
          ]);
        const fixes: Fix[] = [];
        const edit = probe.test && block(`[${probe.test.map((word) => quoted(model, word)).join(', ')}]`);
        if (edit) fixes.push({ title: 'Add a healthcheck', edits: [edit], isPreferred: true });
        // Opting out changes nothing at run time only when the built Dockerfile has no HEALTHCHECK to switch off.
        const optOut =
          !edit &&
          built?.stage &&
          appendToBlockMap(model, service.map, [
            { depth: 0, text: 'healthcheck:' },
            { depth: 1, text: 'disable: true' },
          ]);
        if (optOut) fixes.push({ title: 'Opt out with healthcheck: { disable: true }', edits: [optOut] });
        context.report({
          message: `Service "${service.name}" has no healthcheck:${why}; add one so Compose knows when it is ready (or healthcheck: { disable: true } to opt out).${probe.why ? ` ${probe.why}` : ''}`,
          range: nodeRange(context.document, service.key),
          fixes,
        });
      }
      reportUnseen(unseen, (message, range) => context.report({ message, range, severity: 'info' }));
    });
  },
});
