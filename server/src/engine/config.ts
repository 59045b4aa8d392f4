import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { withLineFeeds, yamlNestingProblem } from '../languages/yamlDepth';
import { DEFAULT_PROTECTED_FILES, FileClassifier } from './fileKinds';
import type { OptionSpec, RuleMeta } from './ruleMeta';
import { SourceDocument } from './sourceDocument';
import type { Range, SeveritySetting } from './types';

export const CONFIG_FILE_NAMES = ['.plumbline.yaml', '.plumbline.yml'] as const;
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export interface ConfigProblem {
  message: string;
  range: Range;
}

export interface RuleSetting {
  severity?: SeveritySetting;
  options: Readonly<Record<string, unknown>>;
}

export interface WorkspacePaths {
  /** Where backend documentation lives (PL405). */
  docs: string;
  /** Where Dockerfiles and Compose files live when PL502 is on. */
  docker: string;
  /** The ADR folder; when unset, adr-tools' `.adr-dir` or `docs/adr`. */
  adr: string | undefined;
  /** Root of the scripts layout (PL501). */
  scripts: string;
  /** The port registry (PL207). */
  portRegistry: string;
  /** Globs of test code, which the Python rules and PL501 leave alone by default. */
  tests: readonly string[];
  /** Globs of generated code (migrations, protobuf modules), which the Python rules leave alone. */
  generated: readonly string[];
}

/** Severity overrides from the editor (`plumbline.rules.customizations`), by code or rule name. */
export type SeverityOverrides = Readonly<Record<string, SeveritySetting>>;

/** How `--fix` and fix-all treat fixes beyond the safe ones. */
export interface FixSettings {
  /** Apply unsafe fixes too, as `--unsafe-fixes` does. */
  readonly unsafe: boolean;
}

export const DEFAULT_FIX_SETTINGS: FixSettings = { unsafe: false };

export interface ResolvedConfig {
  /** Directory that relative paths in the configuration are relative to. */
  readonly root: string;
  /** The `.plumbline.yaml` this configuration came from, if any. */
  readonly file: string | undefined;
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly ignore: readonly string[];
  readonly maxFileSize: number;
  readonly paths: WorkspacePaths;
  readonly composeFiles: readonly string[];
  readonly fix: FixSettings;
  /**
   * Whether all Compose projects of the workspace run on one host (PL208
   * compares their ports); undefined leaves it to the port registry's presence.
   */
  readonly composeSharedHost: boolean | undefined;
  /** Globs of files that change only with explicit authorization (PL508). */
  readonly protectedFiles: readonly string[];
  readonly problems: readonly ConfigProblem[];
  readonly classifier: FileClassifier;
  isIgnored(relativePath: string): boolean;
  /** Whether `paths.tests` calls the file test code. */
  isTestFile(relativePath: string): boolean;
  /** Whether `paths.generated` calls the file generated code. */
  isGeneratedFile(relativePath: string): boolean;
  severityOf(rule: ConfigurableRule): SeveritySetting;
  /** The rule's options: its defaults and what the file sets, the same frozen object at each call. */
  optionsOf(rule: ConfigurableRule): Readonly<Record<string, unknown>>;
}

/** What the configuration reads of a rule: its meta (the engine's rules are such). */
export interface ConfigurableRule {
  readonly meta: RuleMeta;
}

export interface RuleLookup {
  findRule(codeOrName: string): ConfigurableRule | undefined;
}

/**
 * Test code: pytest's file names (`test_*.py`, `*_test.py`, `conftest.py`),
 * the test module of a Django app or a unittest package (`tests.py`,
 * `test.py`: both runners discover `test*.py`), test folders (`tests/`,
 * `test/`, `*_tests/`, `*-test/` such as `integration_tests/`, and
 * folders named `test-…` or `tests_…` such as `test-infrastructure/`), and
 * the helpers tests import: `testing/`, `testutils/`, `fixtures/`, `mocks/`
 * folders and `testing.py`, `testutils.py`, `fakes.py`/`*_fakes.py` modules
 * (Flask's and Pyramid's test helpers are `testing.py`). Benchmarks
 * (`benches/`, `benchmarks/`), a documentation site's Sphinx `docs/conf.py`
 * (or `doc/conf.py`),
 * Semgrep's rules with the code `semgrep --test` checks them on (`.semgrep/`:
 * deliberately bad code, marked `# ruleid:`) and CI's own files (`.github/`)
 * do not run in production either; other
 * Python under `docs/` may be a site's docs app (djangoproject.com's), so it
 * is judged. A development container
 * (`.devcontainer/`, the Dev Containers specification's folder) is counted
 * with them: like a test stack, it runs on a developer's machine, never in
 * production. So are examples (`examples/`, `example/`, `.examples/`, and
 * folders named as one, such as a plugin system's `example_theme/` or
 * `auth-examples/`): code and configuration shown to users, which they adapt
 * before anything runs.
 */
export const DEFAULT_TEST_GLOBS: readonly string[] = [
  '**/test_*.py',
  '**/*_test.py',
  '**/conftest.py',
  '**/tests.py',
  '**/test.py',
  // Folder globs end in /**/*: tests/** would also match a file named tests.
  '**/tests/**/*',
  '**/test/**/*',
  '**/*[-_]tests/**/*',
  '**/*[-_]test/**/*',
  '**/test[-_]*/**/*',
  '**/tests[-_]*/**/*',
  '**/testing/**/*',
  '**/testutils/**/*',
  '**/testutils.py',
  '**/testing.py',
  '**/fixtures/**/*',
  '**/mocks/**/*',
  '**/fakes.py',
  '**/*_fakes.py',
  '**/benches/**/*',
  '**/benchmarks/**/*',
  '**/docs/conf.py',
  '**/doc/conf.py',
  '**/.semgrep/**/*',
  '**/.github/**/*',
  '**/.devcontainer/**/*',
  '**/examples/**/*',
  '**/example/**/*',
  '**/.examples/**/*',
  '**/example[-_]*/**/*',
  '**/*[-_]example/**/*',
  '**/*[-_]examples/**/*',
];

/** Generated code nobody writes by hand: Django and Alembic migrations, protobuf and gRPC modules. */
export const DEFAULT_GENERATED_GLOBS: readonly string[] = [
  '**/migrations/**/*.py',
  '**/alembic/versions/*.py',
  '**/*_pb2.py',
  '**/*_pb2.pyi',
  '**/*_pb2_grpc.py',
  '**/*_pb2_grpc.pyi',
];

export const DEFAULT_PATHS: WorkspacePaths = {
  docs: 'docs',
  docker: 'docker',
  adr: undefined,
  scripts: 'scripts',
  portRegistry: 'PortRegistry.md',
  tests: DEFAULT_TEST_GLOBS,
  generated: DEFAULT_GENERATED_GLOBS,
};

export const TOP_LEVEL_KEYS = ['rules', 'ignore', 'maxFileSize', 'paths', 'compose', 'fix', 'protected'] as const;

class ConfigReader {
  readonly problems: ConfigProblem[] = [];
  private readonly document: SourceDocument;

  constructor(text: string) {
    this.document = new SourceDocument('', text);
  }

  problem(node: YamlNode | null | undefined, message: string): void {
    const [start, end] = node?.range ?? [0, 0];
    this.problems.push({ message, range: this.document.rangeOf(start, end) });
  }

  rangeOfOffsets(start: number, end: number): Range {
    return this.document.rangeOf(start, end);
  }

  lineRangeAt(offset: number): Range {
    return this.document.lineRange(this.document.positionAt(offset).line);
  }

  /** The map's pairs whose key is a plain scalar string; anything else is reported. */
  *entries(map: YAMLMap): Generator<[string, YamlNode | null, Pair]> {
    for (const pair of map.items) {
      const key = pair.key as YamlNode | null;
      if (!isScalar(key) || typeof key.value !== 'string') {
        this.problem(key, 'Keys in .plumbline.yaml must be plain strings.');
        continue;
      }
      yield [key.value, pair.value as YamlNode | null, pair];
    }
  }

  /** The list's strings; items that are not strings, or that `invalid` finds fault with, are reported and left out. */
  stringList(node: YamlNode | null, what: string, invalid: (value: string) => string | undefined = () => undefined): string[] {
    if (!isSeq(node)) {
      this.problem(node, `${what} must be a list of strings.`);
      return [];
    }
    const values: string[] = [];
    for (const item of node.items as (YamlNode | null)[]) {
      if (!isScalar(item) || typeof item.value !== 'string') {
        this.problem(item, `${what} must contain only strings.`);
        continue;
      }
      const problem = invalid(item.value);
      if (problem) this.problem(item, problem);
      else values.push(item.value);
    }
    return values;
  }
}

/** Why a glob from the configuration cannot be used: empty, or rejected by picomatch (which would throw on every file). */
function globProblem(what: string): (glob: string) => string | undefined {
  return (glob) => {
    if (glob.trim() === '') return `${what} must not contain an empty glob.`;
    try {
      picomatch(glob, { dot: true });
      return undefined;
    } catch (error) {
      return `Invalid glob "${glob}" in ${what}: ${(error as Error).message}`;
    }
  };
}

function describeType(spec: OptionSpec): string {
  switch (spec.type) {
    case 'string[]':
      return 'a list of strings';
    case 'string':
      return spec.enum ? `one of ${spec.enum.map((v) => `"${v}"`).join(', ')}` : 'a string';
    default:
      return `a ${spec.type}`;
  }
}

/** A value a rule joins into a path must name one folder, so the path cannot leave the workspace. */
function isFolderName(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && !/[/\\]/.test(value) && value !== '.' && value !== '..';
}

function readOption(reader: ConfigReader, node: YamlNode | null, spec: OptionSpec, name: string): unknown {
  const invalid = () => reader.problem(node, `Option "${name}" must be ${describeType(spec)}.`);
  const notAFolder = (at: YamlNode | null) => reader.problem(at, `Option "${name}" names a folder under the workspace: one name, without "/", "\\" or "..".`);
  if (spec.type === 'string[]') {
    if (!isSeq(node) || !node.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
      invalid();
      return undefined;
    }
    const bad = spec.folderName ? node.items.find((item) => !isFolderName((item as { value: unknown }).value)) : undefined;
    if (bad) {
      notAFolder(bad as YamlNode);
      return undefined;
    }
    return node.items.map((item) => String((item as { value: unknown }).value));
  }
  const value = isScalar(node) ? node.value : undefined;
  const ok =
    (spec.type === 'boolean' && typeof value === 'boolean') ||
    (spec.type === 'number' && typeof value === 'number' && (spec.minimum === undefined || value >= spec.minimum)) ||
    (spec.type === 'string' && typeof value === 'string' && (!spec.enum || spec.enum.includes(value)));
  if (!ok) {
    invalid();
    return undefined;
  }
  if (spec.type === 'string' && spec.folderName && !isFolderName(value)) {
    notAFolder(node);
    return undefined;
  }
  return value;
}

function readSeverity(reader: ConfigReader, node: YamlNode | null): SeveritySetting | undefined {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value)) {
    return value as SeveritySetting;
  }
  reader.problem(node, `Severity must be one of ${SEVERITY_SETTINGS.join(', ')}.`);
  return undefined;
}

function readRules(reader: ConfigReader, node: YamlNode | null, lookup: RuleLookup): Map<string, RuleSetting> {
  const rules = new Map<string, RuleSetting>();
  if (!isMap(node)) {
    reader.problem(node, '"rules" must map rule codes or names to a severity or to settings.');
    return rules;
  }
  for (const [key, value, pair] of reader.entries(node)) {
    const rule = lookup.findRule(key);
    if (!rule) {
      reader.problem(pair.key as YamlNode, `Unknown rule "${key}".`);
      continue;
    }
    if (isScalar(value)) {
      const severity = readSeverity(reader, value);
      if (severity) rules.set(rule.meta.code, { severity, options: {} });
      continue;
    }
    if (!isMap(value)) {
      reader.problem(value ?? (pair.key as YamlNode), `Rule "${key}" takes a severity or a mapping of settings.`);
      continue;
    }
    const setting: { severity?: SeveritySetting; options: Record<string, unknown> } = { options: {} };
    const specs = rule.meta.options ?? {};
    for (const [optionName, optionNode, optionPair] of reader.entries(value)) {
      if (optionName === 'severity') {
        const severity = readSeverity(reader, optionNode);
        if (severity) setting.severity = severity;
        continue;
      }
      const spec = specs[optionName];
      if (!spec) {
        const known = Object.keys(specs);
        reader.problem(
          optionPair.key as YamlNode,
          `Unknown option "${optionName}" for ${rule.meta.code}` +
            (known.length ? ` (options: severity, ${known.join(', ')}).` : ' (it takes only "severity").'),
        );
        continue;
      }
      const optionValue = readOption(reader, optionNode, spec, optionName);
      if (optionValue !== undefined) setting.options[optionName] = optionValue;
    }
    rules.set(rule.meta.code, setting);
  }
  return rules;
}

/** `paths.tests` or `paths.generated`: a list of non-empty globs; an invalid list is reported and the defaults stay. */
function readGlobs(reader: ConfigReader, node: YamlNode | null, key: 'tests' | 'generated'): readonly string[] {
  const problems = reader.problems.length;
  const what = `"paths.${key}"`;
  // Empty globs are reported once for the list below; any other glob picomatch rejects, where it is written.
  const globs = reader.stringList(node, what, (glob) => (glob.trim() === '' ? undefined : globProblem(what)(glob)));
  if (globs.some((glob) => glob.trim() === '')) reader.problem(node, `"paths.${key}" must not contain empty globs.`);
  return reader.problems.length === problems ? globs : DEFAULT_PATHS[key];
}

function readPaths(reader: ConfigReader, node: YamlNode | null): WorkspacePaths {
  const paths: WorkspacePaths = { ...DEFAULT_PATHS };
  if (!isMap(node)) {
    reader.problem(node, '"paths" must be a mapping.');
    return paths;
  }
  for (const [key, value, pair] of reader.entries(node)) {
    if (!(key in DEFAULT_PATHS)) {
      reader.problem(pair.key as YamlNode, `Unknown path "${key}" (known: ${Object.keys(DEFAULT_PATHS).join(', ')}).`);
      continue;
    }
    if (key === 'tests' || key === 'generated') {
      paths[key] = readGlobs(reader, value, key);
      continue;
    }
    if (!isScalar(value) || typeof value.value !== 'string' || value.value.trim() === '') {
      reader.problem(value, `Path "${key}" must be a non-empty string.`);
      continue;
    }
    const normalised = value.value.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
    if (normalised.startsWith('/') || normalised.split('/').includes('..')) {
      reader.problem(value, `Path "${key}" must stay inside the workspace.`);
      continue;
    }
    (paths as unknown as Record<string, string>)[key] = normalised;
  }
  return paths;
}

interface ConfigInput {
  rules: Map<string, RuleSetting>;
  ignore: string[];
  maxFileSize: number;
  paths: WorkspacePaths;
  composeFiles: string[];
  fix: FixSettings;
  composeSharedHost: boolean | undefined;
  protectedFiles: string[];
  problems: ConfigProblem[];
}

function readFixSettings(reader: ConfigReader, node: YamlNode | null): FixSettings {
  if (!isMap(node)) {
    reader.problem(node, '"fix" must be a mapping such as { unsafe: true }.');
    return DEFAULT_FIX_SETTINGS;
  }
  let unsafe = DEFAULT_FIX_SETTINGS.unsafe;
  for (const [key, value, pair] of reader.entries(node)) {
    if (key !== 'unsafe') reader.problem(pair.key as YamlNode, `Unknown key "fix.${key}" (known: unsafe).`);
    else if (isScalar(value) && typeof value.value === 'boolean') unsafe = value.value;
    else reader.problem(value, '"fix.unsafe" must be true or false.');
  }
  return { unsafe };
}

function readConfigText(text: string, lookup: RuleLookup): ConfigInput {
  const reader = new ConfigReader(text);
  const input: ConfigInput = {
    rules: new Map(),
    ignore: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    paths: { ...DEFAULT_PATHS },
    composeFiles: [],
    fix: DEFAULT_FIX_SETTINGS,
    composeSharedHost: undefined,
    protectedFiles: [...DEFAULT_PROTECTED_FILES],
    problems: reader.problems,
  };
  // No configuration file: the defaults, without loading the YAML parser.
  if (text === '') return input;
  const tooDeep = yamlNestingProblem(text);
  if (tooDeep) {
    reader.problems.push({ message: `.plumbline.yaml is not read, so the defaults apply: ${tooDeep.message}.`, range: reader.lineRangeAt(tooDeep.offset) });
    return input;
  }
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(withLineFeeds(text), { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    // The depth limit keeps the parser's recursion in bounds; should anything still throw, the defaults apply.
    reader.problems.push({ message: `.plumbline.yaml is not read, so the defaults apply: ${(error as Error).message}.`, range: reader.lineRangeAt(0) });
    return input;
  }
  for (const error of document.errors) {
    reader.problems.push({
      message: `YAML syntax error: ${error.message.split('\n')[0]}`,
      range: reader.rangeOfOffsets(error.pos[0], error.pos[1]),
    });
  }
  // After a syntax error the tree is a guess; its shape problems would only be noise.
  const reportedSyntaxErrors = reader.problems.length;
  const root = document.contents as YamlNode | null;
  if (reportedSyntaxErrors > 0) {
    readConfigTree(new ConfigReader(text), root, lookup, input);
    return input;
  }
  readConfigTree(reader, root, lookup, input);
  return input;
}

function readConfigTree(reader: ConfigReader, root: YamlNode | null, lookup: RuleLookup, input: ConfigInput): void {
  if (root === null || (isScalar(root) && root.value === null)) return;
  if (!isMap(root)) {
    reader.problem(root, '.plumbline.yaml must be a mapping with keys such as rules, ignore and paths.');
    return;
  }
  for (const [key, value, pair] of reader.entries(root)) {
    switch (key as (typeof TOP_LEVEL_KEYS)[number]) {
      case 'rules':
        input.rules = readRules(reader, value, lookup);
        break;
      case 'ignore':
        input.ignore = reader.stringList(value, '"ignore"', globProblem('"ignore"'));
        break;
      case 'maxFileSize':
        if (isScalar(value) && typeof value.value === 'number' && Number.isInteger(value.value) && value.value > 0) {
          input.maxFileSize = value.value;
        } else reader.problem(value, '"maxFileSize" must be a positive whole number of bytes.');
        break;
      case 'paths':
        input.paths = readPaths(reader, value);
        break;
      case 'compose':
        if (!isMap(value)) {
          reader.problem(value, '"compose" must be a mapping with keys such as "files" and "sharedHost".');
          break;
        }
        for (const [composeKey, composeValue, composePair] of reader.entries(value)) {
          if (composeKey === 'files') input.composeFiles = reader.stringList(composeValue, '"compose.files"', globProblem('"compose.files"'));
          else if (composeKey === 'sharedHost') {
            if (isScalar(composeValue) && typeof composeValue.value === 'boolean') input.composeSharedHost = composeValue.value;
            else reader.problem(composeValue, '"compose.sharedHost" must be true or false.');
          } else reader.problem(composePair.key as YamlNode, `Unknown key "compose.${composeKey}" (known: files, sharedHost).`);
        }
        break;
      case 'fix':
        input.fix = readFixSettings(reader, value);
        break;
      case 'protected':
        input.protectedFiles = reader.stringList(value, '"protected"', globProblem('"protected"'));
        break;
      default:
        reader.problem(pair.key as YamlNode, `Unknown key "${key}" (known: ${TOP_LEVEL_KEYS.join(', ')}).`);
    }
  }
}

function resolve(root: string, file: string | undefined, input: ConfigInput, overrides: SeverityOverrides, lookup: RuleLookup): ResolvedConfig {
  const rules = new Map(input.rules);
  for (const [key, severity] of Object.entries(overrides)) {
    const rule = lookup.findRule(key);
    if (!rule) continue;
    const current = rules.get(rule.meta.code);
    rules.set(rule.meta.code, { severity, options: current?.options ?? {} });
  }
  const ignoreMatcher = input.ignore.length > 0 ? picomatch(input.ignore, { dot: true }) : undefined;
  const globMatcher = (globs: readonly string[]) => (globs.length > 0 ? lastAnswerKept(picomatch([...globs], { dot: true })) : () => false);
  const testMatcher = globMatcher(input.paths.tests);
  const generatedMatcher = globMatcher(input.paths.generated);
  const optionsByRule = new Map<string, Readonly<Record<string, unknown>>>();
  return {
    root,
    file,
    rules,
    ignore: input.ignore,
    maxFileSize: input.maxFileSize,
    paths: input.paths,
    composeFiles: input.composeFiles,
    fix: input.fix,
    composeSharedHost: input.composeSharedHost,
    protectedFiles: input.protectedFiles,
    problems: input.problems,
    classifier: new FileClassifier(input.composeFiles, input.protectedFiles),
    isIgnored: (relativePath) => ignoreMatcher !== undefined && (ignoreMatcher(relativePath) || ignoreMatcher(`${relativePath}/`)),
    isTestFile: (relativePath) => testMatcher(relativePath),
    isGeneratedFile: (relativePath) => generatedMatcher(relativePath),
    severityOf(rule) {
      const configured = rules.get(rule.meta.code)?.severity;
      if (configured) return configured;
      return rule.meta.enabledByDefault === false ? 'off' : rule.meta.severity;
    },
    optionsOf(rule) {
      let options = optionsByRule.get(rule.meta.code);
      if (!options) {
        const values: Record<string, unknown> = {};
        for (const [name, spec] of Object.entries(rule.meta.options ?? {})) values[name] = spec.default;
        options = Object.freeze({ ...values, ...rules.get(rule.meta.code)?.options });
        optionsByRule.set(rule.meta.code, options);
      }
      return options;
    },
  };
}

/**
 * A path test that remembers its last answer: each rule of a file asks
 * whether it is test or generated code, and a glob match costs about as much
 * as some rules do on a short file.
 */
function lastAnswerKept(test: (relativePath: string) => boolean): (relativePath: string) => boolean {
  let lastPath: string | undefined;
  let lastAnswer = false;
  return (relativePath) => {
    if (relativePath !== lastPath) {
      lastAnswer = test(relativePath);
      lastPath = relativePath;
    }
    return lastAnswer;
  };
}

/** A configuration from text, for tests and for documents open in the editor. */
export function configFromText(text: string, options: { root: string; file?: string; lookup: RuleLookup; overrides?: SeverityOverrides }): ResolvedConfig {
  return resolve(options.root, options.file, readConfigText(text, options.lookup), options.overrides ?? {}, options.lookup);
}

export function defaultConfig(root: string, lookup: RuleLookup, overrides: SeverityOverrides = {}): ResolvedConfig {
  return resolve(root, undefined, readConfigText('', lookup), overrides, lookup);
}

/** The nearest `.plumbline.yaml` at or above `directory`, stopping at `stopAt`. */
export function findConfigFile(directory: string, stopAt: string, exists: (candidate: string) => boolean = fs.existsSync): string | undefined {
  let current = path.resolve(directory);
  const boundary = path.resolve(stopAt);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (exists(candidate)) return candidate;
    }
    if (current === boundary) return undefined;
    const parent = path.dirname(current);
    if (parent === current || !current.startsWith(boundary)) return undefined;
    current = parent;
  }
}
