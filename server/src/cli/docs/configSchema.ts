import { DEFAULT_FIX_SETTINGS, DEFAULT_PATHS, DEFAULT_MAX_FILE_SIZE, SEVERITY_SETTINGS, TOP_LEVEL_KEYS, type WorkspacePaths } from '../../engine/config';
import type { AnyRule, OptionSpec } from '../../engine/rule';
import { DEFAULT_PROTECTED_FILES } from '../../engine/fileKinds';

type JsonSchema = Record<string, unknown>;

const PATH_DESCRIPTIONS: Record<keyof WorkspacePaths, string> = {
  docs: 'Where backend documentation lives (PL405).',
  docker: 'Where Dockerfiles and Compose files live when PL502 is on.',
  adr: "The ADR folder (PL403, PL404). When unset, adr-tools' `.adr-dir` or `docs/adr`.",
  scripts: 'Root of the scripts layout `scripts/<area>/<category>/` (PL501).',
  portRegistry: 'The port registry that published Compose ports must be listed in (PL207).',
  tests:
    'Globs of test code, relative to this file: PL301–PL303 and PL305–PL308 skip it unless their `checkTests` option is on, and PL501 skips it. A list replaces the defaults.',
  generated:
    'Globs of generated code (migrations, protobuf modules), relative to this file, which PL301–PL303 and PL305–PL308 skip. A list replaces the defaults.',
};

/** One folder name: no separators, not `.` or `..` (as config.ts checks). */
const FOLDER_NAME = { pattern: '^(?!\\.\\.?$)[^/\\\\]+$' };

function optionSchema(spec: OptionSpec): JsonSchema {
  const base = { description: spec.description, default: spec.default };
  switch (spec.type) {
    case 'boolean':
      return { type: 'boolean', ...base };
    case 'number':
      return { type: 'number', ...base, ...(spec.minimum === undefined ? {} : { minimum: spec.minimum }) };
    case 'string':
      return { type: 'string', ...base, ...(spec.enum ? { enum: [...spec.enum] } : {}), ...(spec.folderName ? FOLDER_NAME : {}) };
    case 'string[]':
      return { type: 'array', items: { type: 'string', ...(spec.folderName ? FOLDER_NAME : {}) }, ...base, default: [...spec.default] };
  }
}

function ruleSchema(rule: AnyRule): JsonSchema {
  const { code, name, summary, severity } = rule.meta;
  const settings: Record<string, JsonSchema> = { severity: { $ref: '#/definitions/severity' } };
  for (const [option, spec] of Object.entries(rule.meta.options ?? {})) settings[option] = optionSchema(spec);
  return {
    description: `${code} ${name} (default: ${rule.meta.enabledByDefault === false ? 'off' : severity}). ${summary}`,
    anyOf: [{ $ref: '#/definitions/severity' }, { type: 'object', properties: settings, additionalProperties: false }],
  };
}

const stringList = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string' }, description });

/**
 * JSON Schema (draft-07) for `.plumbline.yaml`, for editors (the YAML
 * extension's `yamlValidation`). Plumbline validates the file itself (PL504);
 * the schema adds completion and hovers.
 */
export function buildConfigSchema(rules: readonly AnyRule[]): JsonSchema {
  const definitions: Record<string, JsonSchema> = {
    severity: {
      type: 'string',
      enum: [...SEVERITY_SETTINGS],
      description: 'How problems of the rule are reported; `off` turns the rule off.',
    },
  };
  const ruleProperties: Record<string, JsonSchema> = {};
  for (const rule of rules) {
    definitions[rule.meta.code] = ruleSchema(rule);
    ruleProperties[rule.meta.code] = { $ref: `#/definitions/${rule.meta.code}` };
    ruleProperties[rule.meta.name] = { $ref: `#/definitions/${rule.meta.code}` };
  }
  const pathProperties: Record<string, JsonSchema> = {};
  for (const key of Object.keys(PATH_DESCRIPTIONS) as Array<keyof WorkspacePaths>) {
    const fallback = DEFAULT_PATHS[key];
    if (typeof fallback === 'object') {
      pathProperties[key] = { type: 'array', items: { type: 'string', minLength: 1 }, description: PATH_DESCRIPTIONS[key], default: [...fallback] };
      continue;
    }
    pathProperties[key] = {
      type: 'string',
      minLength: 1,
      description: PATH_DESCRIPTIONS[key],
      ...(fallback === undefined ? {} : { default: fallback }),
    };
  }
  const properties: Record<(typeof TOP_LEVEL_KEYS)[number], JsonSchema> = {
    rules: {
      type: 'object',
      description: "Per-rule settings by code (`PL102`) or name (`docker/pinned-base-image`): a severity, or a mapping with `severity` and the rule's options.",
      properties: ruleProperties,
      additionalProperties: false,
    },
    ignore: stringList('Glob patterns, relative to this file, of paths Plumbline never checks (in addition to `.gitignore`).'),
    maxFileSize: {
      type: 'integer',
      minimum: 1,
      default: DEFAULT_MAX_FILE_SIZE,
      description: 'Files larger than this many bytes are skipped with a note.',
    },
    paths: {
      type: 'object',
      description: 'Where the workspace keeps things the layout rules look for; relative to this file, inside the workspace.',
      properties: pathProperties,
      additionalProperties: false,
    },
    compose: {
      type: 'object',
      description: 'Compose files beyond the standard names (`compose.yaml`, `docker-compose*.yml`, …) and how their projects are deployed.',
      properties: {
        files: stringList('Glob patterns of extra Compose files.'),
        sharedHost: {
          type: 'boolean',
          description:
            'Whether all Compose projects of the workspace run on one host, so that PL208 reports host ports that two projects publish. Default: true when the port registry exists, else false (each project is compared with itself only).',
        },
      },
      additionalProperties: false,
    },
    fix: {
      type: 'object',
      description: "How `plumbline check --fix` and the editor's fix-all treat fixes beyond the safe ones.",
      properties: {
        unsafe: {
          type: 'boolean',
          default: DEFAULT_FIX_SETTINGS.unsafe,
          description:
            'Also apply unsafe fixes (those that can change how the software runs), as `--unsafe-fixes` does. Suggestions are never applied in bulk.',
        },
      },
      additionalProperties: false,
    },
    protected: {
      ...stringList('Glob patterns, relative to this file, of files that change only with explicit authorization (PL508); replaces the default list.'),
      default: [...DEFAULT_PROTECTED_FILES],
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Plumbline configuration (.plumbline.yaml)',
    description: 'Tunes the rules that Plumbline checks: severities, options, ignored paths and layout paths.',
    type: ['object', 'null'],
    properties,
    additionalProperties: false,
    definitions,
  };
}
