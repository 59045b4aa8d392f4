import { isMap, type YAMLMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/types';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { mapEntries, nodeAtPath, nodeRange, type ComposeModel } from '../../languages/compose';
import { describeWellKnownImages, wellKnownImage } from '../support/wellKnownImages';
import { COMPOSE_TEST_SCAFFOLDING_NOTE, isComposeTestScaffolding } from '../support/exemptCode';
import { checkOnce } from './support/memo';
import { definitions, homeServices, projectOf, type MergedService } from './support/project';
import { externalBaseImage, mergedServiceDependencies, mergedBuiltStage, mergedImage } from './support/services';
import { appendToBlockMap, quoted, type BlockLine } from './support/yamlEdits';

const LIMITS_PATH = ['deploy', 'resources', 'limits'] as const;

interface Limit {
  /** Key under `deploy.resources.limits`. */
  key: 'memory' | 'cpus';
  /** The service-level key of the older syntax. */
  legacyKey: 'mem_limit' | 'cpus';
  label: string;
}

const LIMITS: readonly Limit[] = [
  { key: 'memory', legacyKey: 'mem_limit', label: 'memory' },
  { key: 'cpus', legacyKey: 'cpus', label: 'CPU' },
];

/** Whether any definition of the merged service sets the limit (Compose merges `deploy:` key by key). */
function hasLimit(index: WorkspaceIndex, merged: MergedService, limit: Limit): boolean | 'unknown' {
  const { layers, unknown } = definitions(index, merged);
  const found = layers.some(({ model, service }) => {
    if (service.entries.has(limit.legacyKey)) return true;
    const deploy = service.entries.get('deploy')?.value;
    const limits = nodeAtPath(deploy && isMap(deploy) ? deploy : undefined, LIMITS_PATH.slice(1), model);
    return limits !== undefined && isMap(limits) && mapEntries(limits, model).has(limit.key);
  });
  return found || (unknown ? 'unknown' : false);
}

/** The well-known stateful image a service runs (pulled, or as the base of its Dockerfile), whose memory need Plumbline cannot guess. */
function statefulImage(index: WorkspaceIndex, merged: MergedService): string | undefined {
  const built = mergedBuiltStage(index, merged);
  const known = wellKnownImage(built ? externalBaseImage(built) : mergedImage(index, merged));
  return known?.stateful ? known.name : undefined;
}

/** An environment variable name for a placeholder: `search-db` → `SEARCH_DB_MEMORY_LIMIT`. */
function placeholder(service: string, what: string): string {
  const name = `${service}_${what}_LIMIT`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return /^[A-Z]/.test(name) ? name : `SERVICE_${name}`;
}

/**
 * Inserts the missing limits where they belong: beside `mem_limit`/`cpus`
 * when the service uses that syntax, else under `deploy.resources.limits`,
 * creating only the levels that are missing. No edit when a level comes from
 * a merge key or is written in flow style.
 */
function limitsEdit(model: ComposeModel, service: YAMLMap, missing: readonly Limit[], values: Record<Limit['key'], string>): TextEdit | undefined {
  const own = mapEntries(service, model);
  if (own.has('mem_limit') || own.has('cpus')) {
    return appendToBlockMap(
      model,
      service,
      missing.map((limit) => ({ depth: 0, text: `${limit.legacyKey}: ${values[limit.key]}` })),
    );
  }
  let parent = service;
  let depth = 0;
  for (const segment of LIMITS_PATH) {
    const entry = mapEntries(parent, model).get(segment);
    if (!entry) break;
    if (entry.merged || !isMap(entry.value)) return undefined;
    parent = entry.value;
    depth++;
  }
  const lines: BlockLine[] = LIMITS_PATH.slice(depth).map((segment, i) => ({ depth: i, text: `${segment}:` }));
  for (const limit of missing) lines.push({ depth: LIMITS_PATH.length - depth, text: `${limit.key}: ${values[limit.key]}` });
  return appendToBlockMap(model, parent, lines);
}

export const composeResourceLimits = defineRule({
  meta: {
    code: 'PL204',
    name: 'compose/resource-limits',
    summary: 'A service without memory and CPU limits (`deploy.resources.limits` or `mem_limit`/`cpus`).',
    severity: 'warning',
    policy: 'Containers have resource limits.',
    fixable: 'yes',
    // Placeholders to fill in, unless the team configured the values: then an unsafe fix sets them.
    fixApplicability: 'suggestion',
    otherFixApplicabilities: ['unsafe'],
    kinds: ['compose'],
    options: {
      memory: {
        type: 'string',
        default: '',
        description: 'The memory limit the quick fix sets (e.g. `512M`). Empty (the default): the fix lays out a placeholder to fill in.',
      },
      cpus: {
        type: 'string',
        default: '',
        description: 'The CPU limit the quick fix sets (e.g. `0.50`). Empty (the default): the fix lays out a placeholder to fill in.',
      },
    },
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        "A service without limits can take all the memory and CPU of the host: one leaking worker then takes the database and every other service down with it, and the kernel's OOM killer picks its victim at random. Each service sets a memory and a CPU limit, either under `deploy.resources.limits` (the Compose Specification's way) or with the older `mem_limit` and `cpus` keys. Each service is judged as Compose merges it (base file, `compose.override.yaml`, the overlays beside it, `include:`, `extends:`; `deploy:` merges key by key) and reported once, on its first definition. A fragment is judged where the service is defined in full: a service that no file beside it gives an `image:`, a `build:` or an `extends:` is merged with `-f` into a file of another folder (`-f compose.yaml -f reverse-proxy/compose.caddy.yaml`)." +
        COMPOSE_TEST_SCAFFOLDING_NOTE,
      bad: `services:
  worker:
    image: registry.example.com/worker:2.3.0
`,
      good: `services:
  worker:
    image: registry.example.com/worker:2.3.0
    deploy:
      resources:
        limits:
          cpus: "0.50"
          memory: 512M
`,
      fix:
        "Adds the missing limits in the file where the service is first defined: beside `mem_limit`/`cpus` when the service already uses those keys, otherwise under `deploy.resources.limits`, creating only the levels that are missing. Comments, key order and indentation stay as they are. A limit is only right when it comes from a measurement, so by default the fix is a suggestion that lays out the keys with `${<SERVICE>_MEMORY_LIMIT:?…}` and `${<SERVICE>_CPU_LIMIT:?…}` placeholders: `docker compose up` stops until the author sets a measured value. A team that has agreed on limits for its ordinary services sets the `memory` and `cpus` options; the fix then sets those values, and is unsafe (a limit below the service's real need gets it killed), so `--fix` applies it only with `--unsafe-fixes`. Databases, brokers and search engines always get placeholders, whatever the options say, because their memory grows with their data: " +
        describeWellKnownImages((image) => image.stateful) +
        '.',
      peers:
        'KICS reports missing memory and CPU limits (memory_not_limited, cpus_not_limited) in CI only, as two findings; dclint has no such rule. Plumbline reports one diagnostic per service, accepts both syntaxes and `<<:` merges from an `x-` anchor, and inserts the limits in place.',
    },
  },
  check(context) {
    if (isComposeTestScaffolding(context)) return;
    const project = projectOf(context);
    const services = homeServices(context, project);
    checkOnce(context, 'PL204', mergedServiceDependencies(context, project, services), (context) => {
      const model = context.parsed;
      const configured: Partial<Record<Limit['key'], string>> = {};
      if (context.options.memory !== '') configured.memory = context.options.memory;
      if (context.options.cpus !== '') configured.cpus = quoted(model, context.options.cpus);
      for (const merged of services) {
        const { service } = merged.layers[0]!;
        if (!service.map) continue;
        const states = LIMITS.map((limit) => hasLimit(context.index, merged, limit));
        if (states.includes('unknown')) continue;
        const missing = LIMITS.filter((_, i) => states[i] === false);
        if (missing.length === 0) continue;
        const what = missing.map((limit) => limit.label).join(' or ');
        const where = missing.map((limit) => `deploy.resources.limits.${limit.key}`).join(' and ');
        const title = `Add ${missing.map((limit) => limit.label).join(' and ')} limits`;
        const stateful = statefulImage(context.index, merged);
        // A database or broker needs what its data needs: the team's values are for ordinary services.
        const values = stateful ? {} : configured;
        const placeholders = {
          memory: quoted(model, `\${${placeholder(service.name, 'memory')}:?set from the measured peak memory of ${service.name}}`),
          cpus: quoted(model, `\${${placeholder(service.name, 'cpu')}:?set the CPU limit of ${service.name}}`),
        };
        const measured = missing.every((limit) => values[limit.key] !== undefined);
        const edit = limitsEdit(model, service.map, missing, { ...placeholders, ...values });
        const fixes: Fix[] = [];
        if (edit && measured) fixes.push({ title, edits: [edit], isPreferred: true, applicability: 'unsafe' });
        else if (edit) fixes.push({ title: `${title} to fill in`, edits: [edit] });
        const note = measured
          ? ''
          : stateful
            ? ` No value is suggested: the memory of ${stateful} grows with its data, and a guessed limit gets it killed under load; measure its peak (docker stats) and set the limit above it.`
            : ` No value is suggested: measure its peak (docker stats) and set the limit above it, or set the rule's memory and cpus options to the team's values.`;
        context.report({
          message: `Service "${service.name}" has no ${what} limit; set ${where} so one service cannot starve the host.${note}`,
          range: nodeRange(context.document, service.key),
          fixes,
        });
      }
    });
  },
});
