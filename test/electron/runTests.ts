// `npm run test:electron`: the desktop harness. Bundles the Mocha suite, builds the extension,
// copies the demo workspace with the shared fixtures, and runs the suite inside a desktop
// VS Code through @vscode/test-electron — the one in VSCODE_EXECUTABLE_PATH if set, else a
// downloaded one (VSCODE_VERSION, default stable; needs network).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace } from '../e2e/scenarios';
import { bundleDesktopSuite } from './bundle';

const REPO_ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<number> {
  const extensionBuild = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (extensionBuild.status !== 0) return extensionBuild.status ?? 1;
  const suiteEntry = await bundleDesktopSuite();
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-electron-'));
  const workspace = path.join(tempRoot, 'workspace');
  prepareWorkspace(workspace);
  try {
    const executable = process.env.VSCODE_EXECUTABLE_PATH;
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: suiteEntry,
      // runTests itself adds --disable-workspace-trust, --skip-welcome and the test paths.
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(tempRoot, 'user-data')}`],
    });
    return 0;
  } catch (error) {
    console.error(`Desktop harness failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!process.env.VSCODE_EXECUTABLE_PATH) {
      console.error('Without network, point VSCODE_EXECUTABLE_PATH at an installed VS Code, or use the browser suite: npm run test:e2e');
    }
    return 1;
  } finally {
    fs.rmSync(tempRoot, { recursive: true, force: true });
  }
}

// main() reports its own failures and returns the exit code.
void main().then((code) => {
  process.exitCode = code;
});
