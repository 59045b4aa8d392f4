import { extractSharedFacts, lintFiles, threadCount, type FileLint, type WorkspaceSetup } from '../parallel/lintPool';
import { configFileOf, type Folder, type Folders } from './folders';
import type { Linter, Logger } from './linting';
import type { PassLinter } from './workspaceDiagnostics';

export interface PoolSettings {
  /** Threads to use; 1 keeps every pass in-process. */
  jobs: number;
  /** The pool's threshold (lintPool's MIN_FILES_PER_WORKER unless given; tests force the pool with 1). */
  minFilesPerWorker?: number;
}

/** Every file linted on the main thread, a batch at a time, after the facts they read over the workspace. */
export function inProcessPass(linter: Linter, folders: Folders): PassLinter {
  return (filePaths) => {
    const byFolder = new Map<Folder, number>();
    for (const filePath of filePaths) {
      const folder = folders.folderFor(filePath);
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    }
    for (const [folder, fileCount] of byFolder) extractSharedFacts(folder.workspace, fileCount);
    return async (batch, signal, known) => linter.lintFiles(batch, signal, known);
  };
}

/** What a worker thread needs to rebuild a folder's workspace (the server's rules are the registry's). */
function setupOf(folder: Folder): WorkspaceSetup {
  return {
    root: folder.root,
    configFile: configFileOf(folder.root, folder.settings),
    overrides: folder.settings.customizations,
    changedSince: folder.settings.changedSince || undefined,
    files: folder.workspace.index.snapshot(),
  };
}

/**
 * Outcomes held for the pass at most: enough that the threads need not wait
 * for the main thread's reports, few enough that a main thread slower than
 * the threads does not hold the workspace's findings (fixes included).
 */
const MAX_HELD = 256;

/** Outcomes of the pool's files, held from when a worker answers until the pass's batch takes them. */
class PooledOutcomes {
  private readonly arrived = new Map<string, FileLint>();
  private roomWaiters: Array<() => void> = [];
  private readonly waiting = new Map<string, (outcome: FileLint | undefined) => void>();
  private readonly expected = new Set<string>();

  expect(filePaths: readonly string[]): void {
    for (const filePath of filePaths) this.expected.add(filePath);
  }

  arrive(filePath: string, outcome: FileLint): void {
    this.expected.delete(filePath);
    const waiter = this.waiting.get(filePath);
    this.waiting.delete(filePath);
    if (waiter) waiter(outcome);
    else this.arrived.set(filePath, outcome);
  }

  /** The run that was to lint these files ended: what did not arrive will not. */
  ended(filePaths: readonly string[]): void {
    for (const filePath of filePaths) {
      if (!this.expected.delete(filePath)) continue;
      this.waiting.get(filePath)?.(undefined);
      this.waiting.delete(filePath);
    }
  }

  /** Resolves once fewer than MAX_HELD outcomes wait to be taken (outcomes come and are taken in order, so this cannot stall the pass). */
  room(): Promise<void> {
    if (this.arrived.size < MAX_HELD) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** The file's outcome, once in; undefined for a file the pool does not (or no longer will) lint. */
  take(filePath: string): Promise<FileLint | undefined> {
    const outcome = this.arrived.get(filePath);
    this.arrived.delete(filePath);
    if (this.arrived.size < MAX_HELD && this.roomWaiters.length > 0) {
      for (const resolve of this.roomWaiters) resolve();
      this.roomWaiters = [];
    }
    if (outcome || !this.expected.has(filePath)) return Promise.resolve(outcome);
    return new Promise((resolve) => this.waiting.set(filePath, resolve));
  }
}

/**
 * The workspace pass on worker threads: the closed files that a pass lints
 * from disk go to lintPool (one folder after another, each worker
 * rebuilding the folder's workspace from its scan), everything else stays
 * in-process, and every report (result id, digest, cache) is made on the
 * main thread in the pass's order. Workers read the disk, so a folder with
 * an open buffer that differs from its file is linted in-process for that
 * pass: its cross-file facts must be the buffer's; so is the rest of a pass
 * during which a buffer comes to differ. A worker's lint that a change made
 * stale before its report, or a pool that failed, falls back to linting
 * in-process.
 */
export function pooledPass(linter: Linter, folders: Folders, pool: PoolSettings, logger: Logger): PassLinter {
  return (filePaths, signal) => {
    const generation = linter.diskGeneration;
    const outcomes = new PooledOutcomes();
    const perFolder = new Map<Folder, string[]>();
    for (const filePath of filePaths) {
      if (!linter.lintsFromDisk(filePath)) continue;
      const folder = folders.folderFor(filePath);
      const paths = perFolder.get(folder) ?? [];
      paths.push(filePath);
      perFolder.set(folder, paths);
    }
    const runs: Array<[Folder, string[]]> = [...perFolder].filter(
      ([folder, paths]) => threadCount(paths.length, pool.jobs, pool.minFilesPerWorker) > 0 && !folders.hasUnsavedBuffer(folder),
    );
    for (const [, paths] of runs) outcomes.expect(paths);
    void (async () => {
      for (const [folder, paths] of runs) {
        logger.info(`Checking ${paths.length} files of ${folder.root} on ${threadCount(paths.length, pool.jobs, pool.minFilesPerWorker)} worker threads.`);
        const options = { jobs: pool.jobs, minFilesPerWorker: pool.minFilesPerWorker, setup: setupOf(folder), signal, ready: () => outcomes.room() };
        try {
          await lintFiles(folder.workspace, paths, options, (outcome, position) => outcomes.arrive(paths[position]!, outcome));
        } catch (error) {
          logger.error(`The lint workers failed; checking ${folder.root} in-process: ${(error as Error)?.stack ?? error}`);
        }
        outcomes.ended(paths);
      }
    })();
    // Typing during the pass: once a buffer differs from its file, the workers' facts (from disk) are not the buffer's.
    let buffersSeenAt = linter.currentGeneration;
    let buffersDiffer = false;
    return async (batch, batchSignal, known) => {
      const linted = await Promise.all(batch.map((filePath) => outcomes.take(filePath)));
      if (!buffersDiffer && buffersSeenAt !== linter.currentGeneration) {
        buffersSeenAt = linter.currentGeneration;
        buffersDiffer = runs.some(([folder]) => folders.hasUnsavedBuffer(folder));
      }
      return linter.lintFiles(batch, batchSignal, known, (filePath, position) => {
        const outcome = buffersDiffer ? undefined : linted[position];
        return outcome && 'result' in outcome ? linter.reportOfLinted(filePath, outcome.result, generation) : undefined;
      });
    };
  };
}
