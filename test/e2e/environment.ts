// What the browser suite and the screenshot script share: the vsix build, the Chromium
// launch, and a workbench session (code-server on a workspace copy, one browser page).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { collectLogFiles, REPO_ROOT, startCodeServer, type RunningCodeServer } from './codeServer';
import { waitForWorkbench } from './workbench';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep headless Chromium offline and quiet (see the shared notes on running VS Code here). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Builds the vsix with `npm run package` and copies it into `targetDir`, so another build
 * running in the same checkout cannot replace it while code-server installs it.
 */
export function buildVsix(targetDir: string): string {
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run package failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const built = path.join(REPO_ROOT, `plumbline-${manifest.version}.vsix`);
  const copy = path.join(targetDir, path.basename(built));
  fs.copyFileSync(built, copy);
  console.log(`built ${path.basename(built)} with npm run package (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return copy;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

interface WorkbenchSession {
  page: Page;
  workspace: string;
  /** Closes the page and stops code-server; with `artifactsDir`, first keeps a screenshot and the logs there. */
  close(artifactsDir?: string): Promise<void>;
}

interface WorkbenchOptions {
  tempRoot: string;
  /** Names this session's folders and artifacts. */
  label: string;
  vsixPaths: string[];
  settings: Record<string, unknown>;
  /** Fills the (not yet existing) workspace folder. */
  prepare(workspace: string): void;
  viewport?: { width: number; height: number };
}

/** Copies the server's and extension host's logs into `targetDir` and prints where they are. */
function saveLogs(server: RunningCodeServer, targetDir: string): void {
  fs.mkdirSync(targetDir, { recursive: true });
  for (const file of collectLogFiles(server)) {
    const name = path.relative(path.dirname(server.stdoutLog), file).replace(/[\\/]/g, '__');
    fs.copyFileSync(file, path.join(targetDir, name));
  }
  console.log(`    code-server and extension-host logs: ${targetDir}`);
}

/** Starts code-server on a fresh workspace and opens it in a new browser page. */
export async function openWorkbench(browser: Browser, options: WorkbenchOptions): Promise<WorkbenchSession> {
  const workspace = path.join(options.tempRoot, `${options.label}-workspace`);
  options.prepare(workspace);
  const stateDir = path.join(options.tempRoot, `${options.label}-state`);
  const server = await startCodeServer({ stateDir, workspace, vsixPaths: options.vsixPaths, settings: options.settings });
  const browserContext = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  const page = await browserContext.newPage();
  const consoleLog = path.join(stateDir, 'browser-console.log');
  page.on('console', (message) => fs.appendFileSync(consoleLog, `[${message.type()}] ${message.text()}\n`));
  const close = async (artifactsDir?: string): Promise<void> => {
    try {
      if (artifactsDir) {
        const screenshot = path.join(artifactsDir, `${options.label}-last.png`);
        await page.screenshot({ path: screenshot }).catch(() => undefined);
        console.log(`    last screenshot: ${screenshot}`);
        saveLogs(server, path.join(artifactsDir, `${options.label}-logs`));
      }
      await browserContext.close();
    } finally {
      await server.stop();
    }
  };
  try {
    await waitForWorkbench(page, server.workspaceUrl);
  } catch (error) {
    await close(path.join(REPO_ROOT, 'test-results'));
    throw error;
  }
  return { page, workspace, close };
}
