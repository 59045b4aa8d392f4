// Runs the desktop harness's Mocha suite (test/electron/) inside code-server's extension host,
// so the API-level scenarios are proven in a real VS Code here, where no desktop VS Code can
// be downloaded. A throwaway extension, installed next to Plumbline, loads the bundled suite
// once the workbench has started and writes its report, and whether it failed, to a file.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './codeServer';

interface HostSuiteResult {
  failed: boolean;
  output: string;
}

function runnerSource(suiteEntry: string, resultsFile: string): string {
  return `const fs = require('fs');
exports.activate = async () => {
  let result;
  try {
    result = { failed: false, output: await require(${JSON.stringify(suiteEntry)}).run() };
  } catch (error) {
    result = { failed: true, output: String(error && error.message) };
  }
  // Written whole, then renamed, so the suite never reads half a result.
  fs.writeFileSync(${JSON.stringify(resultsFile + '.partial')}, JSON.stringify(result));
  fs.renameSync(${JSON.stringify(resultsFile + '.partial')}, ${JSON.stringify(resultsFile)});
};
`;
}

/** Packages the runner extension into `directory` and returns the vsix path. */
export function packageHostRunner(directory: string, suiteEntry: string, resultsFile: string): string {
  fs.mkdirSync(directory, { recursive: true });
  const manifest = {
    name: 'plumbline-e2e-host-runner',
    displayName: 'Plumbline e2e host runner',
    description: 'Runs the desktop harness suite in the extension host (test only).',
    version: '0.0.1',
    publisher: 'plumbline',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    activationEvents: ['onStartupFinished'],
    main: './runner.js',
  };
  fs.writeFileSync(path.join(directory, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(directory, 'runner.js'), runnerSource(suiteEntry, resultsFile));
  fs.writeFileSync(path.join(directory, 'README.md'), '# Plumbline e2e host runner\n\nTest-only extension.\n');
  const vsix = path.join(directory, 'host-runner.vsix');
  const result = spawnSync(
    path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
    { cwd: directory, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`packaging the host runner failed:\n${result.stdout}\n${result.stderr}`);
  return vsix;
}

/** Resolves with the suite's result once the runner has written it. */
export async function waitForHostSuite(resultsFile: string, timeoutMs: number): Promise<HostSuiteResult> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(resultsFile)) {
    if (Date.now() > deadline) throw new Error(`The extension-host suite wrote no result to ${resultsFile} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as HostSuiteResult;
}
