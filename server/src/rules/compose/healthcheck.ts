import { defineRule } from '../../engine/rule';
import { isMap, isSeq } from 'yaml';
import { mapEntries, nodeRange, resolveNode, scalarText, type ComposeModel, type ComposeService } from '../../languages/compose';
import { parseImageReference } from '../docker/imageReference';
import { interpolate } from './interpolation';
import { amendsBaseService, buildFacts, builtStage, overrideRevision, serviceKey, type BuiltStage } from './services';
import { appendToBlockMap, quoted } from './yamlEdits';
import { checkOnce } from './memo';

/** Health probes for well-known images whose own tools answer readiness better than HTTP. */
const IMAGE_PROBES: Record<string, string[]> = {
  postgres: ['CMD', 'pg_isready', '-U', 'postgres'],
  redis: ['CMD', 'redis-cli', 'ping'],
  valkey: ['CMD', 'valkey-cli', 'ping'],
  mysql: ['CMD', 'mysqladmin', 'ping', '-h', 'localhost'],
  mariadb: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'],
  rabbitmq: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'],
  mongo: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"],
};

function imageProbe(model: ComposeModel, service: ComposeService): string[] | undefined {
  const image = scalarText(serviceKey(model, service, 'image').entry?.value, model.yaml);
  const reference = image === undefined ? undefined : parseImageReference(interpolate(image).value);
  return reference ? IMAGE_PROBES[reference.repository.split('/').at(-1)!] : undefined;
}

/** The container port to probe: the Dockerfile's EXPOSE, else the first port the service maps. */
function probePort(model: ComposeModel, service: ComposeService, built: BuiltStage | undefined): number | undefined {
  const exposed = built?.stage?.exposedPorts[0];
  if (exposed !== undefined) return exposed;
  for (const key of ['expose', 'ports']) {
    const list = resolveNode(serviceKey(model, service, key).entry?.value, model.yaml);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const resolved = resolveNode(item, model.yaml);
      const text = isMap(resolved) ? scalarText(mapEntries(resolved, model.yaml).get('target')?.value, model.yaml) : scalarText(resolved, model.yaml);
      const target = text === undefined ? undefined : /(?:^|:)(\d+)(?:-\d+)?(?:\/\w+)?$/.exec(interpolate(text).value)?.[1];
      if (target) return Number(target);
    }
  }
  return undefined;
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
      probePath: { type: 'string', default: '/health', description: 'The HTTP path the quick fix probes on the service\'s port.' },
      interval: { type: 'string', default: '30s', description: 'The `interval:` the quick fix sets.' },
      timeout: { type: 'string', default: '5s', description: 'The `timeout:` the quick fix sets.' },
      retries: { type: 'number', default: 3, minimum: 1, description: 'The `retries:` the quick fix sets.' },
    },
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'Without a health check, Compose and the orchestrator only know that a process exists, not that it serves: `depends_on: condition: service_healthy` cannot wait for it, and a hung service is never restarted. A service needs a `healthcheck:` unless it is built from a Dockerfile in this workspace whose built stage has a HEALTHCHECK (PL103). `healthcheck: { disable: true }` in Compose and `HEALTHCHECK NONE` in the Dockerfile are explicit opt-outs. A service in an override file (`compose.override.yaml`) that the base Compose file beside it also defines is judged in the base file, as Compose merges the two.',
      bad: 'services:\n  api:\n    build: ./services/api\n    ports:\n      - "8080:8080"\n',
      good: 'services:\n  api:\n    build: ./services/api\n    ports:\n      - "8080:8080"\n    healthcheck:\n      test: ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n',
      fix: 'Appends a `healthcheck:` block to the service. Well-known images get their own probe (`pg_isready`, `redis-cli ping`, `mysqladmin ping`, `rabbitmq-diagnostics ping`, `mongosh`); other services an HTTP probe of the port the built Dockerfile EXPOSEs (else the first container port in `expose:`/`ports:`). Without a port no fix is offered.',
      peers:
        'dclint has no health-check rule; KICS (healthcheck not set) checks only the Compose file in CI. Plumbline accepts a HEALTHCHECK in the Dockerfile that the service builds, so the check is not duplicated.',
    },
  },
  check(context) {
    checkOnce(context, 'PL203', [...buildFacts(context), overrideRevision(context)], (context) => {
      const model = context.parsed;
      const options = context.options;
      for (const service of model.services) {
        if (!service.map || amendsBaseService(context, service)) continue;
        const { entry, external } = serviceKey(model, service, 'healthcheck');
        if (entry || external) continue;
        const built = builtStage(context, service);
        if (built?.stages && !built.stage) continue; // PL210 reports the unknown target.
        if (built?.stage && (built.stage.hasHealthcheck || built.stage.healthcheckDisabled)) continue;
        const why = built?.stage ? ` and its Dockerfile ${built.dockerfile} has no HEALTHCHECK` : '';
        let probe = imageProbe(model, service);
        if (!probe) {
          const port = probePort(model, service, built);
          if (port !== undefined) probe = ['CMD-SHELL', `curl -fsS http://localhost:${port}${options.probePath} || exit 1`];
        }
        const edit =
          probe &&
          appendToBlockMap(model, service.map, [
            { depth: 0, text: 'healthcheck:' },
            { depth: 1, text: `test: [${probe.map((word) => quoted(model, word)).join(', ')}]` },
            { depth: 1, text: `interval: ${options.interval}` },
            { depth: 1, text: `timeout: ${options.timeout}` },
            { depth: 1, text: `retries: ${options.retries}` },
          ]);
        context.report({
          message: `Service "${service.name}" has no healthcheck:${why}; add one so Compose knows when it is ready (or healthcheck: { disable: true } to opt out).`,
          range: nodeRange(context.document, service.key),
          fixes: edit ? [{ title: 'Add a healthcheck', edits: [edit], isPreferred: true }] : [],
        });
      }
    });
  },
});
