/**
 * `npm run fuzz`: mutation fuzzing of every file kind through the engine.
 *
 *   npm run fuzz                              the CI budget (fixed seed)
 *   npm run fuzz -- --runs 20000              the long run
 *   npm run fuzz -- --kind python --seed 7    one kind, another seed
 *   npm run fuzz -- --kind python --seed 7 --path 123:4:0   replay a printed failure
 *   npm run fuzz -- --kind adr --runs 300 --path 86 --dump /tmp/slow.md   replay an input and save its text
 *
 * Every input is checked for each property (see properties.ts); failures are
 * counted by class and rule, then the first input of each class is shrunk by
 * fast-check and printed with the seed and path that replay it. Exit code 1
 * when anything failed.
 *
 * It runs with half of Node's default stack (package.json): how deep a
 * parser can recurse depends on whether the JIT has shrunk its frames yet,
 * so 4,000 nested braces overflowed lezer in one CI run and not when
 * replayed. With half the stack such an input fails every time, and what
 * passes here has room to spare in the server and the CLI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { FUZZ_KINDS, type FuzzKind } from './kinds';
import { fuzzInput, materialise } from './mutations';
import { PropertyChecker, type Problem } from './properties';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '800' },
    seed: { type: 'string', default: '14' },
    kind: { type: 'string' },
    'slow-ms': { type: 'string', default: '5000' },
    path: { type: 'string' },
    'shrink-seconds': { type: 'string', default: '60' },
    /** With --path: also write the replayed text to this file. */
    dump: { type: 'string' },
    /** Check only the run indices from..to-1 (the others are generated, not checked): a slice of the long run. */
    from: { type: 'string', default: '0' },
    to: { type: 'string' },
    /** Print each run index to stderr before checking it, so a crash (out of memory) names its input. */
    trace: { type: 'boolean', default: false },
  },
});

const runs = Number(options.runs);
const seed = Number(options.seed);
const slowMs = Number(options['slow-ms']);
const firstChecked = Number(options.from);
const lastChecked = options.to === undefined ? runs : Number(options.to);
const kinds = options.kind ? FUZZ_KINDS.filter((kind) => options.kind!.split(',').includes(kind.name)) : FUZZ_KINDS;
if (kinds.length === 0) {
  console.error(`Unknown kind "${options.kind}"; kinds: ${FUZZ_KINDS.map((kind) => kind.name).join(', ')}`);
  process.exit(2);
}

const root = fs
  .realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-fuzz-')))
  .split(path.sep)
  .join('/');
const checker = new PropertyChecker(root, slowMs);
const donors = FUZZ_KINDS.flatMap((kind) => kind.seeds);

function classKey(problem: Problem): string {
  return problem.code ? `${problem.class} ${problem.code}` : problem.class;
}

function preview(text: string): string {
  const shown = JSON.stringify(text.length > 600 ? `${text.slice(0, 300)}…${text.slice(-300)}` : text);
  return `${shown} (${text.length} characters)`;
}

interface KindReport {
  inputs: number;
  failures: Map<string, number>;
  /** The run index of each failure class's first input: its fast-check path. */
  firstRun: Map<string, number>;
  slowest: { ms: number; length: number; run: number };
  seconds: number;
}

function fuzzKind(kind: FuzzKind): KindReport {
  const report: KindReport = { inputs: 0, failures: new Map(), firstRun: new Map(), slowest: { ms: 0, length: 0, run: 0 }, seconds: 0 };
  const started = performance.now();
  let generated = 0;
  const property = fc.property(fuzzInput(kind, donors.length), (input) => {
    const run = generated++;
    if (run < firstChecked || run >= lastChecked) return true;
    report.inputs++;
    if (options.trace) process.stderr.write(`${kind.name} ${run}\n`);
    const text = materialise(kind, input, donors);
    const outcome = checker.check(kind, text);
    if (outcome.lintMs > report.slowest.ms) report.slowest = { ms: outcome.lintMs, length: text.length, run };
    for (const key of new Set(outcome.problems.map(classKey))) {
      report.failures.set(key, (report.failures.get(key) ?? 0) + 1);
      if (!report.firstRun.has(key)) report.firstRun.set(key, run);
    }
    return true;
  });
  fc.check(property, { seed, numRuns: Math.min(runs, lastChecked) });
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** Replays the first input of a failure class (by its run index) and lets fast-check shrink it. */
function shrink(kind: FuzzKind, key: string, run: number): void {
  const property = fc.property(fuzzInput(kind, donors.length), (input) => {
    const problems = checker.check(kind, materialise(kind, input, donors)).problems;
    return !problems.some((problem) => classKey(problem) === key);
  });
  const result = fc.check(property, {
    seed,
    numRuns: runs,
    path: String(run),
    interruptAfterTimeLimit: Number(options['shrink-seconds']) * 1000,
    markInterruptAsFailure: false,
  });
  if (!result.failed || !result.counterexample) {
    console.log(`  ✘ ${key}: not reproduced when replayed (timing?); run ${run} of seed ${seed}`);
    return;
  }
  const [input] = result.counterexample;
  const text = materialise(kind, input, donors);
  const problem = checker.check(kind, text).problems.find((p) => classKey(p) === key);
  console.log(`  ✘ ${key}`);
  console.log(`    replay: npm run fuzz -- --kind ${kind.name} --seed ${result.seed} --path ${result.counterexamplePath}`);
  console.log(`    input:  ${JSON.stringify(input)}`);
  console.log(`    text:   ${preview(text)}`);
  console.log(`    found:  ${problem?.detail ?? '(flaky: not found again)'}`);
}

console.log(`Fuzzing ${kinds.map((kind) => kind.name).join(', ')}: ${runs} inputs per kind, seed ${seed}, slow limit ${slowMs} ms`);
let failed = false;
const summary: string[] = [];
for (const kind of kinds) {
  if (options.path) {
    // Replaying one printed failure: shrink whatever class it shows.
    const property = fc.property(fuzzInput(kind, donors.length), (input) => {
      const text = materialise(kind, input, donors);
      if (options.dump) fs.writeFileSync(options.dump, text);
      const outcome = checker.check(kind, text);
      const problems = outcome.problems;
      for (const problem of problems) console.log(`  ${classKey(problem)}: ${problem.detail}`);
      console.log(`  text: ${preview(text)}`);
      console.log(`  lint ${Math.round(outcome.lintMs)} ms, with every fix and fix-all ${Math.round(outcome.totalMs)} ms`);
      return problems.length === 0;
    });
    failed ||= fc.check(property, { seed, path: options.path, numRuns: 1, endOnFailure: true }).failed;
    continue;
  }
  const report = fuzzKind(kind);
  const total = [...report.failures.values()].reduce((a, b) => a + b, 0);
  const slowest = `slowest lint ${Math.round(report.slowest.ms)} ms (${report.slowest.length} characters, --path ${report.slowest.run})`;
  const line = `${kind.name.padEnd(12)} ${String(report.inputs).padStart(6)} inputs, ${String(kind.seeds.length).padStart(3)} seeds, ${total} failing, ${slowest}, ${report.seconds.toFixed(1)} s`;
  console.log(line);
  summary.push(line);
  for (const [key, count] of [...report.failures].sort()) {
    console.log(`  ${count} × ${key}`);
    summary.push(`  ${count} × ${key}`);
  }
  for (const [key, run] of [...report.firstRun].sort()) {
    failed = true;
    shrink(kind, key, run);
  }
}
fs.rmSync(root, { recursive: true, force: true });
if (summary.length > kinds.length) console.log(`\nSummary\n${summary.join('\n')}`);
console.log(failed ? '\nFuzzing found problems.' : '\nFuzzing found no problems.');
process.exit(failed ? 1 : 0);
