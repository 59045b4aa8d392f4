// Entry point @vscode/test-electron loads inside the extension host: runs the Mocha suite
// (bundled next to this file). It rejects when any test fails, so the launcher exits non-zero,
// and the report is also the resolved value, because the extension host's console cannot be
// read back by a caller (the browser suite runs this through a helper extension).
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<string> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  mocha.addFile(path.join(__dirname, 'scenarios.test.js'));
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      lines.push(`desktop harness: ${passes} passed, ${failures} failed, ${pending} skipped`);
      const report = lines.join('\n');
      console.log(report);
      if (failures > 0 || passes === 0) reject(new Error(report));
      else resolve(report);
    });
    runner.on('pass', (test) => lines.push(`✔ ${test.title}`));
    runner.on('pending', (test) => lines.push(`- skipped: ${test.title}`));
    runner.on('fail', (test, error: Error) => lines.push(`✖ ${test.title}\n  ${error.message.replace(/\n/g, '\n  ')}`));
  });
}
