import { isMap, type YAMLMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { TextEdit } from '../../engine/types';
import { mapEntries, nodeAtPath, nodeRange, type ComposeModel, type ComposeService } from '../../languages/compose';
import { amendsBaseService, overrideRevision, serviceKey } from './services';
import { appendToBlockMap, quoted, type BlockLine } from './yamlEdits';
import { checkOnce } from './memo';

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

function hasLimit(model: ComposeModel, service: ComposeService, limit: Limit): boolean | 'unknown' {
  const legacy = serviceKey(model, service, limit.legacyKey);
  const deploy = serviceKey(model, service, 'deploy');
  if (legacy.external || deploy.external) return 'unknown';
  if (legacy.entry) return true;
  const limits = nodeAtPath(deploy.entry?.value && isMap(deploy.entry.value) ? deploy.entry.value : undefined, LIMITS_PATH.slice(1), model.yaml);
  return limits !== undefined && isMap(limits) && mapEntries(limits, model.yaml).has(limit.key);
}

/**
 * Inserts the missing limits where they belong: beside `mem_limit`/`cpus`
 * when the service uses that syntax, else under `deploy.resources.limits`,
 * creating only the levels that are missing. No edit when a level comes from
 * a merge key or is written in flow style.
 */
function limitsEdit(model: ComposeModel, service: YAMLMap, missing: readonly Limit[], values: Record<Limit['key'], string>): TextEdit | undefined {
  const own = mapEntries(service, model.yaml);
  if (own.has('mem_limit') || own.has('cpus')) {
    return appendToBlockMap(model, service, missing.map((limit) => ({ depth: 0, text: `${limit.legacyKey}: ${values[limit.key]}` })));
  }
  let parent = service;
  let depth = 0;
  for (const segment of LIMITS_PATH) {
    const entry = mapEntries(parent, model.yaml).get(segment);
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
    fixApplicability: 'unsafe',
    kinds: ['compose'],
    options: {
      memory: { type: 'string', default: '512M', description: 'The memory limit the quick fix sets.' },
      cpus: { type: 'string', default: '0.50', description: 'The CPU limit the quick fix sets.' },
    },
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'A service without limits can take all the memory and CPU of the host: one leaking worker then takes the database and every other service down with it, and the kernel\'s OOM killer picks its victim at random. Each service sets a memory and a CPU limit, either under `deploy.resources.limits` (the Compose Specification\'s way) or with the older `mem_limit` and `cpus` keys. A service in an override file (`compose.override.yaml`) that the base Compose file beside it also defines is judged in the base file, as Compose merges the two.',
      bad: 'services:\n  worker:\n    image: registry.example.com/worker:2.3.0\n',
      good: 'services:\n  worker:\n    image: registry.example.com/worker:2.3.0\n    deploy:\n      resources:\n        limits:\n          cpus: "0.50"\n          memory: 512M\n',
      fix: 'Adds the missing limits (options `memory`, default `512M`, and `cpus`, default `0.50`): beside `mem_limit`/`cpus` when the service already uses those keys, otherwise under `deploy.resources.limits`, creating only the levels that are missing. Comments, key order and indentation stay as they are.',
      peers:
        'KICS reports missing memory and CPU limits (memory_not_limited, cpus_not_limited) in CI only, as two findings; dclint has no such rule. Plumbline reports one diagnostic per service, accepts both syntaxes and `<<:` merges from an `x-` anchor, and inserts the limits in place.',
    },
  },
  check(context) {
    checkOnce(context, 'PL204', [overrideRevision(context)], (context) => {
      const model = context.parsed;
      const values = { memory: context.options.memory, cpus: quoted(model, context.options.cpus) };
      for (const service of model.services) {
        if (!service.map || amendsBaseService(context, service)) continue;
        const states = LIMITS.map((limit) => hasLimit(model, service, limit));
        if (states.includes('unknown')) continue;
        const missing = LIMITS.filter((_, i) => states[i] === false);
        if (missing.length === 0) continue;
        const what = missing.map((limit) => limit.label).join(' or ');
        const where = missing.map((limit) => `deploy.resources.limits.${limit.key}`).join(' and ');
        const edit = limitsEdit(model, service.map, missing, values);
        context.report({
          message: `Service "${service.name}" has no ${what} limit; set ${where} so one service cannot starve the host.`,
          range: nodeRange(context.document, service.key),
          fixes: edit ? [{ title: `Add ${missing.map((limit) => limit.label).join(' and ')} limits`, edits: [edit], isPreferred: true }] : [],
        });
      }
    });
  },
});
