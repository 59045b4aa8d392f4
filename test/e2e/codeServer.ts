// Lifecycle of one code-server instance for the browser suite: a throwaway user-data and
// extensions dir, the vsix installed the supported way, a free loopback port, readiness by
// polling its health endpoint, and shutdown by the PID we started (never by name).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = path.resolve(__dirname, '../..');
const INSTALL_DIR = path.join(REPO_ROOT, '.e2e-cache', `code-server-${CODE_SERVER_VERSION}`);
const CODE_SERVER_BIN = path.join(INSTALL_DIR, 'node_modules', '.bin', 'code-server');

interface CodeServerOptions {
  /** Parent folder for this instance's user-data, extensions and log files. */
  stateDir: string;
  workspace: string;
  /** Extensions to install, each a .vsix file. */
  vsixPaths: string[];
  /** Extra user settings merged over the suite's defaults. */
  settings?: Record<string, unknown>;
}

export interface RunningCodeServer {
  /** Workbench URL that opens the workspace folder. */
  workspaceUrl: string;
  /** The server's own output; the other logs live next to it. */
  stdoutLog: string;
  stop(): Promise<void>;
}

/** Settings that keep the workbench free of modal prompts and start-up noise. */
const BASE_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'explorer.compactFolders': false,
  'explorer.autoReveal': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function assertCodeServerInstalled(): void {
  if (!fs.existsSync(path.join(INSTALL_DIR, '.install-complete'))) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${INSTALL_DIR}; run: bash test/e2e/setup.sh`);
  }
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Keeps every file code-server writes (config, settings, extensions) inside this instance's folders. */
function isolationArgs(userDataDir: string, extensionsDir: string): string[] {
  return ['--config', path.join(userDataDir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

function installExtension(userDataDir: string, extensionsDir: string, vsixPath: string): void {
  const result = spawnSync(CODE_SERVER_BIN, [...isolationArgs(userDataDir, extensionsDir), '--install-extension', vsixPath], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
    throw new Error(`code-server --install-extension ${vsixPath} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

async function waitUntilHealthy(url: string, child: ChildProcess, stdoutLog: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode} before it was ready; see ${stdoutLog}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet: poll again.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms; see ${stdoutLog}`);
}

/**
 * Process groups of the servers this process started. Each server runs in its own group, so
 * signalling the group also ends its extension host, file watcher and language server.
 */
const runningGroups = new Set<number>();

function signalGroup(groupId: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-groupId, signal);
  } catch {
    // The group is already gone.
  }
}

// An interrupted or crashing run must not leave servers behind.
process.once('exit', () => {
  for (const groupId of runningGroups) signalGroup(groupId, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const groupId of runningGroups) signalGroup(groupId, 'SIGTERM');
    process.exit(130);
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  assertCodeServerInstalled();
  const userDataDir = path.join(options.stateDir, 'user-data');
  const extensionsDir = path.join(options.stateDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...options.settings }, null, 2));
  for (const vsixPath of options.vsixPaths) installExtension(userDataDir, extensionsDir, vsixPath);

  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const stdoutLog = path.join(options.stateDir, 'code-server.log');
  const logFd = fs.openSync(stdoutLog, 'a');
  const child = spawn(
    CODE_SERVER_BIN,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...isolationArgs(userDataDir, extensionsDir),
      options.workspace,
    ],
    { stdio: ['ignore', logFd, logFd], detached: true },
  );
  fs.closeSync(logFd);

  const groupId = child.pid;
  if (groupId === undefined) throw new Error(`code-server did not start; see ${stdoutLog}`);
  runningGroups.add(groupId);
  const stop = async (): Promise<void> => {
    if (!runningGroups.delete(groupId)) return;
    const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    signalGroup(groupId, 'SIGTERM');
    const killTimer = setTimeout(() => signalGroup(groupId, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(killTimer);
  };

  try {
    await waitUntilHealthy(url, child, stdoutLog, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const folderQuery = encodeURIComponent(options.workspace).replace(/%2F/g, '/');
  return { workspaceUrl: `${url}/?folder=${folderQuery}`, stdoutLog, stop };
}

/** Every log file of this instance: the server's output, the browser console, the extension host's and Plumbline's output channel. */
export function collectLogFiles(running: RunningCodeServer): string[] {
  const found: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory() && entry.name !== 'extensions') walk(full);
      else if (entry.isFile() && entry.name.endsWith('.log')) found.push(full);
    }
  };
  walk(path.dirname(running.stdoutLog));
  return found;
}
