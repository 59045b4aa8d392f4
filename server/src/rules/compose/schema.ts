import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { mapEntries, nodeRange, resolveNode, type ComposeModel, type ComposeProblem } from '../../languages/compose';
import { hasInterpolation } from '../../languages/composeInterpolation';
import { reportOncePerRange } from './support/reportOnce';
import { checkOnce } from './support/memo';

let validator: ValidateFunction | undefined;

/**
 * Compiled on first use: compiling the specification's schema costs a few
 * hundred milliseconds, and even loading ajv (or building the specification's
 * object) costs a run without a Compose file about 15 ms.
 */
function composeValidator(): ValidateFunction {
  if (validator) return validator;
  const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
  const specification = require('./support/compose-spec.schema.json') as object;
  // The specification declares draft-07 by URL; ajv's default meta-schema is draft-07 already.
  // `verbose` keeps each error's schema, whose known keys suggest the intended spelling.
  validator = new Ajv({ allErrors: true, strict: false, validateSchema: false, verbose: true }).compile(specification);
  return validator;
}

interface Located {
  key: YamlNode | undefined;
  value: YamlNode | null;
}

function pointerSegments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The YAML key and value at a JSON pointer, through aliases and merge keys. */
function locate(model: ComposeModel, pointer: string): Located {
  let located: Located = { key: undefined, value: (model.yaml?.contents ?? null) as YamlNode | null };
  for (const segment of pointerSegments(pointer)) {
    const current = resolveNode(located.value, model.yaml);
    if (isMap(current)) {
      const entry = mapEntries(current, model).get(segment);
      if (!entry) break;
      located = { key: entry.key, value: entry.value };
    } else if (isSeq(current)) {
      const item = current.items[Number(segment)];
      if (item === undefined) break;
      located = { key: undefined, value: resolveNode(item, model.yaml) };
    } else break;
  }
  return located;
}

function dottedPath(pointer: string): string {
  return pointerSegments(pointer).reduce((text, segment) => (/^\d+$/.test(segment) ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '');
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of pointerSegments(pointer)) current = (current as Record<string, unknown> | undefined)?.[segment];
  return current;
}

/**
 * Turns ajv's errors into one problem per offending node. Alternatives
 * (`oneOf`) produce a type error per branch; when the value matched one
 * branch's type, the errors inside that branch are the real ones, otherwise
 * the branch types are merged into "must be a string or a list".
 */
function describeErrors(model: ComposeModel, errors: readonly ErrorObject[]): ComposeProblem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (!byPath.has(error.instancePath)) byPath.set(error.instancePath, []);
    byPath.get(error.instancePath)!.push(error);
  }
  const problems: ComposeProblem[] = [];
  const pointers = [...byPath.keys()];
  for (const [pointer, group] of byPath) {
    const deeper = pointers.some((p) => p.startsWith(`${pointer}/`));
    const specific = group.filter((e) => !['type', 'oneOf', 'anyOf', 'if', 'const'].includes(e.keyword));
    const located = locate(model, pointer);
    const where = dottedPath(pointer);
    const at = (node: YamlNode | null | undefined): Range => nodeRange(model.document, node ?? located.value);
    if (specific.length > 0 || deeper) {
      for (const error of specific) problems.push(describeError(model, error, located, where, at));
      continue;
    }
    const types = [...new Set(group.filter((e) => e.keyword === 'type').flatMap((e) => String(e.params.type).split(',')))];
    const actual = valueAt(model.value, pointer);
    if (types.length > 0) {
      if (typeof actual === 'string' && hasInterpolation(actual)) continue; // Known only after interpolation.
      const expected = types.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
      problems.push({ message: `${where || 'The file'} must be ${expected}, not ${jsonType(actual)}.`, range: at(located.value) });
    } else {
      problems.push({ message: `${where} does not match the Compose Specification (${group[0]!.message}).`, range: at(located.value) });
    }
  }
  return problems;
}

function describeError(
  model: ComposeModel,
  error: ErrorObject,
  located: Located,
  where: string,
  at: (node: YamlNode | null | undefined) => Range,
): ComposeProblem {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const key = locate(model, `${error.instancePath}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`).key;
      const scope = where ? `in ${where}` : 'at the top level';
      const schema = (error.parentSchema ?? {}) as { properties?: Record<string, unknown>; patternProperties?: Record<string, unknown> };
      const suggestion = closestKey(name, Object.keys(schema.properties ?? {}));
      if (suggestion) return { message: `Unknown key "${name}" ${scope}: did you mean "${suggestion}"?`, range: at(key) };
      const hint = schema.patternProperties && '^x-' in schema.patternProperties ? ' (custom keys must start with "x-")' : '';
      return { message: `Unknown key "${name}" ${scope}: the Compose Specification does not define it${hint}.`, range: at(key) };
    }
    case 'required':
      return { message: `${where} is missing the required key "${String(params.missingProperty)}".`, range: at(located.key ?? located.value) };
    case 'enum':
      return {
        message: `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
        range: at(located.value),
      };
    case 'uniqueItems': {
      const list = resolveNode(located.value, model.yaml);
      const [first, second] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      const duplicate = isSeq(list) ? (list.items[second!] as YamlNode | undefined) : undefined;
      return { message: `${where} lists the same item twice (items ${first! + 1} and ${second! + 1}); remove one.`, range: at(duplicate) };
    }
    default:
      return { message: `${where || 'The file'} ${error.message ?? 'does not match the Compose Specification'}.`, range: at(located.value) };
  }
}

/** Edit distance between two short strings (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known key a misspelt one most likely meant: at most two edits away, and closer than any other. */
function closestKey(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Go durations, as Compose parses `interval`, `timeout`, `stop_grace_period` … */
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const DURATION_PATHS: readonly (readonly string[])[] = [
  ['healthcheck', 'interval'],
  ['healthcheck', 'timeout'],
  ['healthcheck', 'start_period'],
  ['healthcheck', 'start_interval'],
  ['stop_grace_period'],
  ['deploy', 'restart_policy', 'delay'],
  ['deploy', 'restart_policy', 'window'],
  ['deploy', 'update_config', 'delay'],
  ['deploy', 'update_config', 'monitor'],
  ['deploy', 'rollback_config', 'delay'],
  ['deploy', 'rollback_config', 'monitor'],
];

/** The schema types durations as strings only; Compose then rejects `10 seconds` at run time. */
function durationProblems(model: ComposeModel): ComposeProblem[] {
  const problems: ComposeProblem[] = [];
  for (const service of model.services) {
    if (!service.map) continue;
    for (const path of DURATION_PATHS) {
      let node: YamlNode | null | undefined = service.map;
      for (const segment of path) {
        const map = resolveNode(node, model.yaml);
        node = isMap(map) ? mapEntries(map, model).get(segment)?.value : undefined;
      }
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const text = node.value;
      if (DURATION.test(text) || hasInterpolation(text)) continue;
      problems.push({
        message: `services.${service.name}.${path.join('.')} is not a duration: write it as a number with a unit, such as 30s, 1m30s or 500ms.`,
        range: nodeRange(model.document, node),
      });
    }
  }
  return problems;
}

/** Problems per parsed model: a re-lint of an unchanged buffer (after another file changed) validates nothing again. */
export function schemaProblems(model: ComposeModel): ComposeProblem[] {
  return model.document.deriveFor(model, validateModel, () => validateModel(model));
}

function validateModel(model: ComposeModel): ComposeProblem[] {
  if (model.syntaxProblems.length > 0) return model.syntaxProblems;
  const contents = model.yaml?.contents ?? null;
  if (contents === null || (isScalar(contents) && contents.value === null)) return [];
  if (!model.root) {
    return [
      {
        message: 'A Compose file must be a mapping with top-level keys such as services, networks and volumes.',
        range: nodeRange(model.document, contents as YamlNode),
      },
    ];
  }
  const validate = composeValidator();
  const schemaErrors = validate(model.value) ? [] : describeErrors(model, validate.errors ?? []);
  return [...schemaErrors, ...durationProblems(model)];
}

export const composeSchema = defineRule({
  meta: {
    code: 'PL209',
    name: 'compose/schema',
    summary: 'YAML syntax errors and violations of the Compose Specification JSON schema, at the offending node.',
    severity: 'error',
    policy: 'Compose files must be valid: a typo in a key is silently ignored by some tools and fatal in others.',
    fixable: 'no',
    kinds: ['compose'],
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'A misspelt key (`healtcheck:`) or a wrong type (`ports: 8080`) is at best ignored and at worst stops `docker compose up` on a release night. Plumbline validates every Compose file against the official Compose Specification JSON schema while you type and points at the exact key or value: unknown keys, wrong types, values outside an enum, and durations Compose cannot parse. YAML syntax errors are reported where the parser stops, one diagnostic each; merge keys (`<<: *defaults`) and aliases are resolved before validation, and an entry an override file removes with Compose\'s `!reset` tag is not validated (`!override` values are, as any other). Any number of anchors and aliases is fine; what is budgeted is the size of the file once its aliases are expanded (200,000 values, where real Compose files reach a few thousand), so an "alias bomb" (billion laughs) is reported instead of hanging the editor.',
      bad: `services:
  api:
    image: registry.example.com/api:1.4.2
    healtcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
    ports: 8080
    stop_grace_period: 10 seconds
`,
      good: `services:
  api:
    image: registry.example.com/api:1.4.2
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
    ports:
      - "8080:8080"
    stop_grace_period: 10s
`,
      peers:
        'dclint validates against the same schema but reports problems on the file as a whole or a line, one file at a time and only from the command line; Docker\'s own language server reports YAML syntax errors only. Plumbline reports schema violations at the offending key or value in the editor, suggests the nearest known key for a misspelt one (`did you mean "healthcheck"?`), merges `oneOf` alternatives into one readable message ("must be a string or a list"), checks durations that the schema types only as strings, and never reports what can only be known after `${VAR}` interpolation.',
    },
  },
  check(context) {
    checkOnce(context, 'PL209', [], (context) => {
      const report = reportOncePerRange(context);
      for (const problem of schemaProblems(context.parsed)) report(problem);
    });
  },
});
