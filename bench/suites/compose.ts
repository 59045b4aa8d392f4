import * as fs from 'node:fs';
import * as path from 'node:path';
import { DCLinter } from 'dclint';
import { isComposeName } from '../../server/src/engine/fileKinds';
import { walkFiles } from '../../server/src/engine/fileSystem';
import { SourceDocument } from '../../server/src/engine/sourceDocument';
import { Workspace } from '../../server/src/engine/workspace';
import { builtinRules } from '../../server/src/rules';
import { BUILD_DOCKERFILE, generateCompose, generatePortRegistry } from '../generators/compose';
import { codesOf, missingRulesReason, rulesWithCodePrefix } from '../lib/engine';
import { exampleFiles, SeededRandom, writeTree } from '../lib/inputs';
import type { Row, SuiteReport } from '../lib/report';
import { perFileRow, timeSideBySide } from '../lib/sideBySide';
import { median, percentile, timed } from '../lib/stats';
import type { BenchSuite, SuiteContext } from '../lib/suite';

const PER_FILE_SPEEDUP = 5;
const RECHECK_TARGET_MS = 50;
const REGISTRY = 'PortRegistry.md';

function isComposePath(relativePath: string): boolean {
  return isComposeName(path.posix.basename(relativePath));
}

/** Compose files from the examples and the compose fixtures, plus generated stacks. */
function perFileInputs(context: SuiteContext): { files: Record<string, string>; sources: string } {
  const smoke = context.scale === 'smoke';
  const files: Record<string, string> = {};
  let borrowed = 0;
  if (!smoke) {
    for (const [relative, text] of Object.entries(exampleFiles(context.repoRoot, isComposePath))) {
      files[`examples/${relative}`] = text;
      borrowed++;
    }
    const fixtures = path.join(context.repoRoot, 'test', 'fixtures', 'compose');
    if (fs.existsSync(fixtures)) {
      for (const relative of walkFiles(fixtures)) {
        if (!/\.ya?ml$/.test(relative)) continue;
        // Fixtures are named after their stack; as compose.yaml both tools take them for Compose files.
        files[`fixtures/${relative.replace(/\.ya?ml$/, '')}/compose.yaml`] = fs.readFileSync(path.join(fixtures, relative), 'utf8');
        borrowed++;
      }
    }
  }
  const random = new SeededRandom(303);
  const generated = smoke ? 2 : 40;
  const registryRows: Array<{ port: number; service: string }> = [];
  for (let i = 0; i < generated; i++) {
    const stack = generateCompose(random, `stack${i}`, 2 + (i % 7), 20000 + i * 20);
    files[`generated/stack${i}/compose.yaml`] = stack.text;
    for (const service of stack.services) {
      for (const port of service.ports) if (random.chance(0.8)) registryRows.push({ port, service: service.name });
    }
  }
  files[REGISTRY] = generatePortRegistry(registryRows);
  return { files, sources: `${borrowed} from examples/demo-platform and test/fixtures/compose, ${generated} generated (2–8 services)` };
}

function comparePerFile(context: SuiteContext, rules: ReturnType<typeof rulesWithCodePrefix>, report: SuiteReport): void {
  const { files, sources } = perFileInputs(context);
  const root = path.join(context.workDir, 'compose');
  const composePaths = writeTree(root, files).filter((filePath) => isComposePath(filePath));
  const workspace = new Workspace({ root, registry: builtinRules, rules });
  workspace.index.scan();
  const dclint = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
  const rounds = context.scale === 'smoke' ? 1 : 3;
  context.log(`compose: linting ${composePaths.length} Compose files side by side with dclint`);
  const samples = timeSideBySide(
    composePaths,
    rounds,
    (filePath) => workspace.lint(workspace.index.document(filePath)!),
    (filePath) => dclint.lintFiles([filePath], false),
  );
  report.rows.push(
    perFileRow(samples, {
      measure: `lint one Compose file, all PL2xx (${composePaths.length} files × ${rounds} rounds)`,
      peerName: 'dclint',
      minimumSpeedup: PER_FILE_SPEEDUP,
    }),
  );
  report.notes.push(
    `Per-file inputs: ${sources}; rules ${codesOf(rules)}; a ${REGISTRY} lists most generated ports.`,
    'dclint through its programmatic API (DCLinter.lintFiles, one file per call, all default rules); both sides read the file from disk on each call. dclint compiles the Compose JSON schema with a new Ajv for every file it validates, which is most of its time per file.',
  );
}

/** 200 stacks and a registry that lists all their ports (`complete`) or misses every tenth stack's. */
function registryWorkspace(context: SuiteContext, stacks: number): { root: string; composePaths: string[]; registries: [string, string] } {
  const random = new SeededRandom(404);
  const files: Record<string, string> = {};
  const all: Array<{ port: number; service: string }> = [];
  const partial: typeof all = [];
  for (let i = 0; i < stacks; i++) {
    const name = `stack${String(i).padStart(3, '0')}`;
    const stack = generateCompose(random, name, 2 + (i % 3), 30000 + i * 10, i % 4 === 0);
    files[`stacks/${name}/compose.yaml`] = stack.text;
    if (i % 4 === 0) files[`stacks/${name}/Dockerfile`] = BUILD_DOCKERFILE;
    for (const service of stack.services) {
      for (const port of service.ports) {
        all.push({ port, service: service.name });
        if (i % 10 !== 0) partial.push({ port, service: service.name });
      }
    }
  }
  files[REGISTRY] = generatePortRegistry(all);
  const root = path.join(context.workDir, 'compose-registry');
  const composePaths = writeTree(root, files).filter((filePath) => isComposePath(filePath));
  return { root, composePaths, registries: [generatePortRegistry(partial), generatePortRegistry(all)] };
}

function measureRegistryRecheck(context: SuiteContext, report: SuiteReport): void {
  const smoke = context.scale === 'smoke';
  const stacks = smoke ? 3 : 200;
  const { root, composePaths, registries } = registryWorkspace(context, stacks);
  const workspace = new Workspace({ root, registry: builtinRules });
  workspace.index.scan();
  const open = composePaths.map((filePath) => {
    const document = new SourceDocument(filePath, fs.readFileSync(filePath, 'utf8'), 1);
    workspace.index.setOpenDocument(document);
    return document;
  });
  const registryPath = path.join(root, REGISTRY);
  const portRegistryFindings = () => open.reduce((count, document) => count + workspace.lint(document).diagnostics.filter((d) => d.code === 'PL207').length, 0);

  context.log(`compose: re-checking ${stacks} open Compose files after registry edits`);
  const cold = timed(() => open.forEach((document) => workspace.lint(document)));
  const edits = smoke ? 2 : 30;
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const findings: number[] = [];
  for (let edit = 0; edit < edits; edit++) {
    const registry = new SourceDocument(registryPath, registries[edit % 2]!, edit + 2);
    const timing = timed(() => {
      workspace.index.setOpenDocument(registry);
      for (const document of open) workspace.lint(document);
    });
    samples.push(timing.ms);
    cpuSamples.push(timing.cpuMs);
    if (edit < 2) findings.push(portRegistryFindings());
  }
  const row: Row = {
    measure: `registry edit → re-check ${stacks} open Compose files (${edits} edits)`,
    median: median(samples),
    p95: percentile(samples, 0.95),
    cpu: median(cpuSamples),
    target: `< ${RECHECK_TARGET_MS} ms`,
    pass: median(samples) < RECHECK_TARGET_MS,
  };
  report.rows.push(row, { measure: `first check of the same ${stacks} files (cold caches)`, median: cold.ms, cpu: cold.cpuMs, target: 'informational' });
  report.notes.push(
    `Re-check: engine level (Workspace, all rules, every Compose file open); each edit swaps ${REGISTRY} between a version missing every tenth stack's ports and a complete one via index.setOpenDocument, then lints all ${stacks} files. PL207 findings: ${findings.join(' → ')} (they must differ for the measurement to mean anything).`,
  );
}

async function run(context: SuiteContext): Promise<SuiteReport> {
  const report: SuiteReport = { suite: 'compose', title: 'PL2xx vs dclint', rows: [], notes: [] };
  const rules = rulesWithCodePrefix('PL2');
  const missing = missingRulesReason(rules, 'Compose', 'compose');
  if (missing) return { ...report, skipped: missing };
  comparePerFile(context, rules, report);
  measureRegistryRecheck(context, report);
  return report;
}

export const composeSuite: BenchSuite = { name: 'compose', title: 'Compose rules', run };
