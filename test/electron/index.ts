// Entry point @vscode/test-electron loads inside the extension host: runs the Mocha suite
// (bundled next to this file) and rejects when any test fails, so the launcher exits non-zero.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000 });
  mocha.addFile(path.join(__dirname, 'scenarios.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} desktop scenario(s) failed`)) : resolve()));
  });
}
