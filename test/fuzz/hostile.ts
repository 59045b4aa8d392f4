/**
 * `npm run fuzz:hostile`: hostile workspaces through the real CLI, each in
 * its own process, with exit status, wall time, CPU time and peak RSS. Too
 * heavy for `npm test` (a 50 MB file, 100,000 files in one folder), so it
 * runs on demand, in CI after the fuzzer, and as `npm run bench -- hostile`
 * (bench/suites/hostile.ts runs the same cases). Each case states what the
 * user must see; the table is what the README's robustness figures come from.
 *
 *   npm run fuzz:hostile                 every case
 *   npm run fuzz:hostile -- many-files   the cases whose name contains a word
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface HostileCase {
  name: string;
  /** Builds the workspace in `root`; returns the arguments after `plumbline check`. */
  build(root: string): string[];
  /** What the output (stdout and stderr) must say. */
  says: RegExp;
  exitCodes: readonly number[];
  maxSeconds: number;
}

const REPOSITORY = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(REPOSITORY, 'server/src/cli/main.ts');
/** Prints the process's peak RSS and CPU time when it exits, so the parent can report them. */
const REPORT_USAGE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nPEAK_RSS_KB '+u.maxRSS+' CPU_US '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

function write(root: string, relative: string, content: string | Buffer): string {
  const target = path.join(root, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return target;
}

const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...Array.from(
    { length: 9 },
    (_, i) =>
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(',')}]`,
  ),
].join('\n');

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'yaml-alias-bomb',
    build: (root) => [write(root, 'compose.yaml', `x-bomb:\n${ALIAS_BOMB.replace(/^/gm, '  ')}\nservices:\n  api:\n    image: nginx:1.27\n`)],
    says: /alias bomb/,
    exitCodes: [1],
    maxSeconds: 20,
  },
  {
    name: 'yaml-merge-bomb',
    build: (root) => {
      const levels = Array.from({ length: 20 }, (_, i) => `  l${i + 1}: &l${i + 1}\n    <<: [*l${i}, *l${i}]\n    k${i + 1}: v`);
      return [
        write(
          root,
          'compose.yaml',
          `x-base:\n  l0: &l0\n    k0: v\n${levels.join('\n')}\nservices:\n  api:\n    image: nginx:1.27\n    environment:\n      <<: *l20\n`,
        ),
      ];
    },
    says: /PL20\d|No problems|problems? \(/,
    exitCodes: [0, 1],
    maxSeconds: 20,
  },
  {
    name: 'yaml-nested-10000',
    build: (root) => [write(root, 'compose.yaml', `services:\n  api:\n    environment:\n      ${'- '.repeat(10_000)}x\n`)],
    says: /This file is not read as Compose: it nests deeper than 128 levels/,
    exitCodes: [1],
    maxSeconds: 20,
  },
  {
    name: 'compose-5000-identical-ports',
    build: (root) => [write(root, 'compose.yaml', `services:\n  api:\n    image: nginx:1.27\n    ports:\n${'      - "8080:80"\n'.repeat(5_000)}`)],
    says: /Host port 8080\/tcp of service "api" is also published by "api" \(line 6\) and 4998 more/,
    exitCodes: [1],
    maxSeconds: 20,
  },
  {
    name: 'config-nested-10000',
    build: (root) => {
      write(root, '.plumbline.yaml', `ignore:\n  ${'- '.repeat(10_000)}x\n`);
      return [write(root, 'Dockerfile', 'FROM python:3.12.7-slim\nUSER 10001\n')];
    },
    says: /\.plumbline\.yaml is not read, so the defaults apply/,
    exitCodes: [1],
    maxSeconds: 20,
  },
  {
    name: 'python-1000-parentheses',
    build: (root) => [write(root, 'app/deep.py', `x = ${'('.repeat(1000)}1${')'.repeat(1000)}\n`)],
    says: /deep\.py|No problems in 1 file/,
    exitCodes: [0, 1],
    maxSeconds: 20,
  },
  {
    name: 'python-1000-indents',
    build: (root) => [
      write(root, 'app/indented.py', `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}if x:`).join('\n')}\n${' '.repeat(1000)}pass\n`),
    ],
    says: /indented\.py|No problems in 1 file/,
    exitCodes: [0, 1],
    maxSeconds: 20,
  },
  {
    name: 'file-50mb',
    build: (root) => [write(root, 'Dockerfile', `FROM python:3.12.7-slim\n${'RUN echo x\n'.repeat(5_000_000)}`)],
    says: /note: skipped .*Dockerfile: \d+ bytes, over the 1048576-byte limit \(maxFileSize\)/,
    exitCodes: [0],
    maxSeconds: 20,
  },
  {
    name: 'binary-dockerfile',
    build: (root) => [write(root, 'Dockerfile', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 0xff]))],
    says: /note: skipped .*Dockerfile: binary content/,
    exitCodes: [0],
    maxSeconds: 20,
  },
  {
    name: 'invalid-utf8',
    build: (root) => [
      write(root, 'requirements.txt', Buffer.concat([Buffer.from('flask==3.0.0\n'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x0a]), Buffer.from('requests\n')])),
    ],
    says: /requirements\.txt:3:1: warning PL310/,
    exitCodes: [0, 1],
    maxSeconds: 20,
  },
  {
    name: 'fifo-named',
    build: (root) => {
      spawnSync('mkfifo', [path.join(root, 'compose.yaml')]);
      return [path.join(root, 'compose.yaml')];
    },
    says: /note: skipped .*compose\.yaml: not a regular file/,
    exitCodes: [0],
    maxSeconds: 20,
  },
  {
    name: 'fifo-dangling-symlink-and-loop-in-a-walk',
    build: (root) => {
      spawnSync('mkfifo', [path.join(root, 'compose.yaml')]);
      fs.symlinkSync('nowhere.py', path.join(root, 'dangling.py'));
      fs.symlinkSync('loop-b.py', path.join(root, 'loop-a.py'));
      fs.symlinkSync('loop-a.py', path.join(root, 'loop-b.py'));
      write(root, 'CHANGELOG.md', '# Changelog\n\n## [Unreleased]\n');
      return [root];
    },
    says: /No problems in 1 file[\s\S]*note: skipped compose\.yaml: not a regular file\nnote: skipped dangling\.py: dangling symbolic link\nnote: skipped loop-a\.py: symbolic link loop/,
    exitCodes: [0],
    maxSeconds: 20,
  },
  {
    name: 'dangling-symlink-named',
    build: (root) => {
      fs.symlinkSync('nowhere.py', path.join(root, 'dangling.py'));
      return [path.join(root, 'dangling.py')];
    },
    says: /no such file or directory: .*dangling\.py/,
    exitCodes: [2],
    maxSeconds: 20,
  },
  {
    name: 'requirements-300kb-line',
    build: (root) => [write(root, 'requirements.txt', `flask==3.0.0${' '.repeat(300_000)}--hash=sha256:abc\n`)],
    says: /requirements\.txt|No problems/,
    exitCodes: [0, 1],
    maxSeconds: 20,
  },
  {
    name: 'many-files-100000-empty-py',
    build: (root) => {
      write(root, 'CHANGELOG.md', '# Changelog\n\n## [Unreleased]\n');
      for (let i = 0; i < 100_000; i++) fs.writeFileSync(path.join(root, `m${i}.py`), '');
      return [root, '--format', 'json'];
    },
    says: /"files": 100001/,
    exitCodes: [0, 1],
    maxSeconds: 180,
  },
];

export interface HostileOutcome {
  /** The exit status, or the signal that ended the process. */
  exit: number | string;
  seconds: number;
  /** CPU seconds of the CLI process (user + system); undefined when it did not report. */
  cpuSeconds?: number;
  /** Peak resident set size in megabytes; undefined when the process did not report it. */
  peakRssMb?: number;
  /** What the user would not see as the case requires; empty when it passed. */
  problems: string[];
  /** The start of what the CLI printed, for a failing case. */
  output: string;
}

const tsx = pathToFileURL(require.resolve('tsx')).href;

/** Builds the case's workspace in a fresh folder, runs `plumbline check` on it in its own process and judges the result. */
export function runHostileCase(hostile: HostileCase): HostileOutcome {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-hostile-')));
  try {
    const args = hostile.build(root);
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', tsx, '--import', REPORT_USAGE, MAIN, 'check', ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      timeout: hostile.maxSeconds * 2000,
    });
    const seconds = (performance.now() - started) / 1000;
    const usage = /PEAK_RSS_KB (\d+) CPU_US (\d+)/.exec(run.stderr);
    const output = run.stdout + run.stderr;
    const problems = [
      !hostile.exitCodes.includes(run.status ?? -1) && `exit ${run.status ?? run.signal}, expected ${hostile.exitCodes.join(' or ')}`,
      seconds > hostile.maxSeconds && `took over ${hostile.maxSeconds} s`,
      !hostile.says.test(output) && `output does not match ${hostile.says}`,
    ].filter((problem): problem is string => typeof problem === 'string');
    return {
      exit: run.status ?? run.signal ?? 'unknown',
      seconds,
      cpuSeconds: usage ? Number(usage[2]) / 1e6 : undefined,
      peakRssMb: usage ? Number(usage[1]) / 1024 : undefined,
      problems,
      output: output.slice(0, 600),
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function main(words: readonly string[]): number {
  const selected = HOSTILE_CASES.filter((c) => words.length === 0 || words.some((word) => c.name.includes(word)));
  let failed = 0;
  console.log(`${'case'.padEnd(42)} exit  seconds  CPU s  peak RSS  result`);
  for (const hostile of selected) {
    const outcome = runHostileCase(hostile);
    if (outcome.problems.length) failed++;
    const rss = outcome.peakRssMb === undefined ? '        ?' : `${Math.round(outcome.peakRssMb)} MB`.padStart(9);
    const cpu = outcome.cpuSeconds === undefined ? '    ?' : outcome.cpuSeconds.toFixed(1).padStart(6);
    console.log(
      `${hostile.name.padEnd(42)} ${String(outcome.exit).padStart(4)} ${outcome.seconds.toFixed(1).padStart(8)} ${cpu} ${rss}  ${outcome.problems.length ? `FAIL: ${outcome.problems.join('; ')}` : 'ok'}`,
    );
    if (outcome.problems.length) console.log(`    output: ${JSON.stringify(outcome.output)}`);
  }
  console.log(failed ? `\n${failed} hostile case(s) failed.` : '\nEvery hostile case passed.');
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exit(main(process.argv.slice(2).filter((arg) => !arg.startsWith('-'))));
}
