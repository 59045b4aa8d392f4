// `npm run docs:screenshot`: regenerates docs/images/plumbline-editor.png for the README —
// the demo's worker Dockerfile with its squiggles, the Problems panel, and the quick-fix menu
// open on the shell-form CMD — from the real extension in code-server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from './codeServer';
import { buildVsix, launchChromium, openWorkbench } from './environment';
import { DEMO_WORKSPACE } from './scenarios';
import { goTo, openFile, problemRowsOf, squiggles, waitFor } from './workbench';

const SHOWN_FILE = 'docker/worker/Dockerfile';
const OUTPUT = path.join(REPO_ROOT, 'docs', 'images', 'plumbline-editor.png');

/** The last shell-form CMD of the file (1-based line, column of its arguments). */
function shellFormCmd(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index--) {
    if (/^CMD\s+[^[\s]/.test(lines[index]!)) return { line: index + 1, column: 5 };
  }
  throw new Error(`${SHOWN_FILE} in the demo has no shell-form CMD to show the quick fix on`);
}

async function main(): Promise<void> {
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-screenshot-'));
  let browser: Browser | undefined;
  try {
    const vsixPath = buildVsix(tempRoot);
    browser = await launchChromium();
    const session = await openWorkbench(browser, {
      tempRoot,
      label: 'screenshot',
      vsixPaths: [vsixPath],
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.fontSize': 14 },
      prepare: (workspace) => fs.cpSync(DEMO_WORKSPACE, workspace, { recursive: true }),
      viewport: { width: 1440, height: 900 },
    });
    let failed = true;
    try {
      const { page, workspace } = session;
      const cmd = shellFormCmd(fs.readFileSync(path.join(workspace, SHOWN_FILE), 'utf8'));
      await openFile(page, SHOWN_FILE);
      await waitFor(
        'squiggles in the Dockerfile',
        () => squiggles(page),
        (found) => found.length > 0,
      );
      await waitFor(
        'Problems rows for the Dockerfile',
        () => problemRowsOf(page, SHOWN_FILE),
        (rows) => rows.length > 0,
      );
      await goTo(page, cmd.line, cmd.column);
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget .monaco-list-row.action').first().waitFor();
      fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
      await page.screenshot({ path: OUTPUT });
      failed = false;
      console.log(`wrote ${path.relative(REPO_ROOT, OUTPUT)}`);
    } finally {
      await session.close(failed ? path.join(REPO_ROOT, 'test-results') : undefined);
    }
  } catch (error) {
    console.error(`docs:screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await browser?.close();
    fs.rmSync(tempRoot, { recursive: true, force: true });
  }
}

void main();
