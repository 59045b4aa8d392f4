import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readTextFile } from '../engine/fileSystem';
import { textDigest } from '../engine/resultCache';
import type { AnyRule } from '../engine/rule';
import type { SeverityOverrides } from '../engine/config';
import type { CancellationSignal } from '../engine/types';
import { SourceDocument } from '../engine/sourceDocument';
import type { IndexedFile, IndexReads, SharedFacts } from '../engine/workspaceIndex';
import { Workspace, type LintResult } from '../engine/workspace';
import { builtinRules } from '../rules';
import { sharedFactProviders } from '../rules/sharedFacts';
import { changesSince } from '../workflows/gitChanges';

/**
 * What a thread needs to rebuild the main thread's workspace: plain data, so
 * it crosses to a worker by structured clone. Rules cannot cross (they are
 * code), so a worker loads the registry, or `rulesModule`.
 */
export interface WorkspaceSetup {
  root: string;
  configFile?: string;
  /** Severities set outside the configuration file (the editor's `plumbline.customizations`). */
  overrides?: SeverityOverrides;
  /** The git ref of `--changed-since`; each worker asks git for the same change set. */
  changedSince?: string;
  /** A module whose `rules` export replaces the registry (a test's rule set, for instance). */
  rulesModule?: string;
  /** The main thread's scan (WorkspaceIndex.snapshot), so workers neither walk nor classify again. */
  files: readonly IndexedFile[];
  /** Facts every worker would otherwise extract for the whole workspace (sharedFactProviders), extracted once by the main thread. */
  facts?: SharedFacts;
}

/**
 * One file's outcome: not readable as text (and why), or its lint result;
 * with what the lint read and the digest of the text it linted when a
 * result cache asked.
 */
export type FileLint = { unreadable: string } | { result: LintResult; recorded?: { reads: IndexReads; textDigest: string } };

/** The rules a `rulesModule` exports (as `rules`). */
export function rulesFromModule(modulePath: string): readonly AnyRule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module named at run time, loaded in each thread
  return (require(modulePath) as { rules: readonly AnyRule[] }).rules;
}

/** A workspace like the one `setup` describes, for a worker thread. */
export function workspaceFromSetup(setup: WorkspaceSetup): Workspace {
  const rules = setup.rulesModule === undefined ? undefined : rulesFromModule(setup.rulesModule);
  const workspace = new Workspace({ root: setup.root, registry: builtinRules, configFile: setup.configFile, overrides: setup.overrides, rules });
  workspace.index.restore(setup.files);
  if (setup.facts) workspace.index.seedFacts(setup.facts);
  if (setup.changedSince !== undefined) workspace.index.changes = changesSince(setup.root, setup.changedSince);
  return workspace;
}

/** Reads a file from disk and lints it, as every thread does for each file it is handed; `record` keeps what the lint read. */
export function lintFileOnDisk(workspace: Workspace, filePath: string, record = false): FileLint {
  const read = readTextFile(filePath, workspace.configFor(filePath).maxFileSize);
  if (!read.ok) return { unreadable: read.detail };
  const document = new SourceDocument(filePath, read.text);
  if (!record) return { result: workspace.lint(document) };
  const { result, reads } = workspace.lintRecordingReads(document);
  return { result, recorded: { reads, textDigest: textDigest(read.text) } };
}

/**
 * Fewer files than this per worker and a run lints in-process. Starting a
 * worker costs about 0.1 s of CPU (loading the bundle's rules and parsers
 * again) and each one extracts the per-file facts its files read; linting
 * takes 2.5–5.5 ms per file (mixed set, stdlib), so 200 files a thread keeps
 * that overhead under about a fifth of what the thread saves.
 */
const MIN_FILES_PER_WORKER = 200;
/** Files per message: large enough that messaging is noise, small enough that the threads finish together. */
const MAX_BATCH = 32;

export interface LintFilesOptions {
  /** Threads to use; 1 lints in-process. */
  jobs: number;
  /** What a worker rebuilds the workspace from; without it (custom rule objects) the run stays in-process. */
  setup?: WorkspaceSetup;
  /** MIN_FILES_PER_WORKER unless given (tests use the pool on small workspaces). */
  minFilesPerWorker?: number;
  /** Record what each lint read, for a result cache (see FileLint). */
  recordReads?: boolean;
  /** Once set, no more batches are handed out and the run ends early (some outcomes never come). */
  signal?: CancellationSignal;
  /** Awaited before each batch is handed out: a consumer that keeps outcomes for later holds the threads back. */
  ready?: () => Promise<void>;
  /**
   * The calling thread lints batches too, as one of the `jobs` threads (the
   * CLI, which has nothing else to do meanwhile); a server keeps its thread
   * free for requests.
   */
  callerLints?: boolean;
}

/** A `--jobs` value as a number of threads: a whole number, 1 or more; undefined when it is not one. */
export function jobsFromText(value: string): number | undefined {
  const jobs = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(jobs) && jobs >= 1 ? jobs : undefined;
}

/** The default `--jobs`: every core the process may use. */
export function defaultJobs(): number {
  return os.availableParallelism();
}

/** How many threads a run of `fileCount` files is worth linting on; 0 means in-process. */
export function threadCount(fileCount: number, jobs: number, minFilesPerWorker = MIN_FILES_PER_WORKER): number {
  const worthIt = Math.min(jobs, Math.floor(fileCount / minFilesPerWorker));
  return worthIt >= 2 ? worthIt : 0;
}

/**
 * Before one thread lints many files: the facts their rules read over the
 * whole workspace, each file read and parsed once for all of them (see
 * WorkspaceIndex.extractFacts), rather than once per kind of fact as the
 * first lint to ask for each would.
 */
export function extractSharedFacts(workspace: Workspace, fileCount: number, minFiles = MIN_FILES_PER_WORKER): void {
  if (fileCount >= minFiles) workspace.index.extractFacts(sharedFactProviders);
}

/**
 * Lints files, on worker threads when there are enough of them, and hands
 * each outcome to `onOutcome` in the order of `paths` as soon as it and every
 * outcome before it are in (so a long run does not hold them all). The
 * values are the same whichever thread linted which file (each worker
 * rebuilds the same index and reads the same disk), so a front end's output
 * does not depend on `jobs`.
 */
export async function lintFiles(
  workspace: Workspace,
  paths: readonly string[],
  options: LintFilesOptions,
  onOutcome: (outcome: FileLint, position: number) => void,
): Promise<void> {
  const threads = options.setup ? threadCount(paths.length, options.jobs, options.minFilesPerWorker) : 0;
  const record = options.recordReads ?? false;
  if (threads === 0) {
    if (options.setup) extractSharedFacts(workspace, paths.length, options.minFilesPerWorker);
    paths.forEach((filePath, position) => onOutcome(lintFileOnDisk(workspace, filePath, record), position));
  } else
    await lintOnThreads(
      paths,
      { ...options.setup!, facts: workspace.index.exportFacts(sharedFactProviders) },
      { threads, caller: options.callerLints ? workspace : undefined },
      { ...options, recordReads: record },
      onOutcome,
    );
}

/**
 * A worker's young generation, in MB: V8's default for a main thread, so a
 * worker collects garbage as often as the calling thread does. Capped at 16
 * MB, a worker scavenged twice as often, and a two-thread run over the
 * bench's mixed workspace took 15.8 s (28 s CPU) instead of 14.3 s (25.4 s
 * CPU) in runs side by side. The cap dated from runs with a worker per core
 * beside an idle main thread; with the caller linting too there is one
 * worker fewer, and the stdlib peaks at 267-270 MB at 48 (245-262 MB at 16).
 */
const WORKER_YOUNG_GENERATION_MB = 48;

/**
 * Starts a worker on its script: the bundle built beside this one
 * (dist/lintWorker.js, next to dist/cli.js and dist/server.js), or from the
 * sources the TypeScript file, loaded through tsx (a worker does not inherit
 * `--import` loaders on Node 20).
 */
function startWorker(setup: WorkspaceSetup): Worker {
  const options = { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } };
  const bundled = path.join(__dirname, 'lintWorker.js');
  if (fs.existsSync(bundled)) return new Worker(bundled, options);
  const source = path.join(__dirname, 'lintWorker.ts');
  // tsx resolved from the sources' checkout, at run time: the bundle neither needs nor carries it.
  const bootstrap = `const load = require('node:module').createRequire(${JSON.stringify(source)}); load('tsx/cjs'); load(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** A batch of files handed to a worker, and what it answers. */
export interface LintRequest {
  batch: number;
  paths: string[];
  recordReads: boolean;
}
export interface LintResponse {
  batch: number;
  outcomes: FileLint[];
}

/** Hands on items put at any position in position order, each as soon as every one before it is in. */
export class InOrder<T> {
  private readonly early = new Map<number, T>();
  private nextPosition = 0;

  constructor(private readonly deliver: (item: T, position: number) => void) {}

  /** How many items have been handed on. */
  get delivered(): number {
    return this.nextPosition;
  }

  put(position: number, item: T): void {
    this.early.set(position, item);
    for (let waiting = this.early.get(this.nextPosition); waiting !== undefined; waiting = this.early.get(this.nextPosition)) {
      this.early.delete(this.nextPosition);
      this.deliver(waiting, this.nextPosition++);
    }
  }
}

/**
 * Batches a worker has been handed and not answered yet. Two mean a worker
 * never waits for the main thread between batches; a main thread that lints
 * too answers only between its own batches, so each worker gets one more.
 */
function batchesInFlight(callerLints: boolean): number {
  return callerLints ? 3 : 2;
}

/**
 * Which batch each thread lints next. With `runs` > 1 the batches are cut
 * into that many contiguous runs, one per thread: a thread then lints files
 * that lie next to each other, and a directory's derived values (its
 * Compose project, its CHANGELOG's component, the facts its files read)
 * are computed by one thread instead of by every thread that drew one of
 * its files. With interleaved batches a two-thread run over the bench's
 * mixed workspace cost 33-36 s of CPU against 24-26 s on one thread; with
 * contiguous runs (and workers' default young generation) 28.6 against
 * 23.5 s. A thread whose run is done takes the last batch of the run with
 * most left.
 */
export class BatchRuns {
  private readonly next: number[] = [];
  private readonly end: number[] = [];

  constructor(batchCount: number, runs: number) {
    for (let run = 0; run < runs; run++) {
      this.next.push(Math.floor((run * batchCount) / runs));
      this.end.push(Math.floor(((run + 1) * batchCount) / runs));
    }
  }

  /** The next batch for the thread of `run`; undefined when none is left. */
  take(run: number): number | undefined {
    const own = run % this.next.length;
    if (this.next[own]! < this.end[own]!) return this.next[own]!++;
    let fullest = -1;
    for (let other = 0, most = 0; other < this.next.length; other++) {
      const left = this.end[other]! - this.next[other]!;
      if (left > most) [fullest, most] = [other, left];
    }
    return fullest === -1 ? undefined : --this.end[fullest]!;
  }

  /** No batch is handed out any more. */
  stop(): void {
    this.next.forEach((_, run) => (this.next[run] = this.end[run]!));
  }
}

/**
 * Lints `paths` in batches on `threads` threads: worker threads, and the
 * calling thread as one of them when `caller` (its workspace) is given.
 * Each takes its next batch from BatchRuns when it is free.
 */
function lintOnThreads(
  paths: readonly string[],
  setup: WorkspaceSetup,
  { threads, caller }: { threads: number; caller: Workspace | undefined },
  { recordReads, signal, ready }: Pick<LintFilesOptions, 'signal' | 'ready'> & { recordReads: boolean },
  onOutcome: (outcome: FileLint, position: number) => void,
): Promise<void> {
  const size = Math.max(1, Math.min(MAX_BATCH, Math.ceil(paths.length / (threads * 8))));
  const batchCount = Math.ceil(paths.length / size);
  const batches = new InOrder<FileLint[]>((outcomes, batch) => outcomes.forEach((outcome, offset) => onOutcome(outcome, batch * size + offset)));
  // The caller's outcomes (the first run) are handed on as they come; the workers' wait their turn in `batches`.
  // A server's pool keeps one run: what waits there is not bounded by its `ready`.
  const runs = new BatchRuns(batchCount, caller ? threads : 1);
  let settled = false;
  const workers = Array.from({ length: caller ? threads - 1 : threads }, () => startWorker(setup));
  const stopAll = () => Promise.all(workers.map((worker) => worker.terminate()));
  return new Promise<void>((resolve, reject) => {
    const finish = () => {
      settled = true;
      void stopAll().then(() => resolve(), reject);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void stopAll();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    /** Takes in a batch's outcomes; false once the run is over (all in, failed or cancelled). */
    const arrived = (batch: number, outcomes: FileLint[]): boolean => {
      if (settled) return false;
      if (signal?.isCancellationRequested) {
        runs.stop();
        finish();
        return false;
      }
      try {
        batches.put(batch, outcomes);
      } catch (error) {
        fail(error);
        return false;
      }
      if (batches.delivered === batchCount) finish();
      return !settled;
    };
    const takeBatch = (run: number): LintRequest | undefined => {
      const batch = runs.take(run);
      return batch === undefined ? undefined : { batch, paths: paths.slice(batch * size, (batch + 1) * size), recordReads };
    };
    const handOut = (worker: Worker, run: number) => {
      const request = takeBatch(run);
      if (!request) return;
      if (ready) void ready().then(() => worker.postMessage(request));
      else worker.postMessage(request);
    };
    // The caller, when it lints, has the first run.
    const firstWorkerRun = caller ? 1 : 0;
    workers.forEach((worker, i) => {
      const run = firstWorkerRun + i;
      worker.on('message', (response: LintResponse) => {
        if (arrived(response.batch, response.outcomes)) handOut(worker, run);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!settled) fail(new Error(`a lint worker stopped (exit code ${code}) before the run ended`));
      });
      for (let inFlight = 0; inFlight < batchesInFlight(caller !== undefined); inFlight++) handOut(worker, run);
    });
    if (caller) void lintOnCaller(caller, () => takeBatch(0), arrived, { recordReads, ready }).catch(fail);
  });
}

/** The calling thread's share: a batch at a time, yielding between batches so that the workers' answers come in. */
async function lintOnCaller(
  workspace: Workspace,
  takeBatch: () => LintRequest | undefined,
  arrived: (batch: number, outcomes: FileLint[]) => boolean,
  { recordReads, ready }: Pick<LintFilesOptions, 'ready'> & { recordReads: boolean },
): Promise<void> {
  for (let request = takeBatch(); request; request = takeBatch()) {
    if (ready) await ready();
    const outcomes = request.paths.map((filePath) => lintFileOnDisk(workspace, filePath, recordReads));
    if (!arrived(request.batch, outcomes)) return;
    await new Promise((resume) => setImmediate(resume));
  }
}
