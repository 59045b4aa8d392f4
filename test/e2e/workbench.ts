// What a user sees and does in the VS Code workbench, read from and done through the DOM of
// code-server in Chromium. Every wait is on a selector or a condition, with a timeout.
import type { Page } from 'playwright-core';

/** How long the suite waits for anything the editor or the language server must do. */
export const UI_TIMEOUT_MS = 30_000;

export interface ProblemRow {
  /** Workspace-relative path of the file the row is listed under. */
  file: string;
  message: string;
  source: string;
  code: string;
  line: number;
  column: number;
}

interface Squiggle {
  line: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
}

/** Renders a row as the Problems panel shows it, for failure messages. */
export function describeRow(row: ProblemRow): string {
  return `${row.file}: ${row.message} ${row.source}(${row.code}) [Ln ${row.line}, Col ${row.column}]`;
}

/** Polls `read` until `accept` holds; fails with the last value seen, so a failure says what was on screen. */
export async function waitFor<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last, null, 1)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function waitForWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
}

const explorerRow = (page: Page, name: string, level: number) =>
  page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"][aria-level="${level}"]`);

/**
 * Opens a workspace file by clicking through the Explorer (Ctrl+P is the browser's print in
 * Chromium). Folders are collapsed first, so each name is unique at its depth.
 */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await runPaletteCommand(page, 'Collapse Folders in Explorer');
  await page.locator('.explorer-folders-view .monaco-list-row[aria-level="2"]').first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  const segments = relativePath.split('/');
  for (const [index, name] of segments.entries()) {
    const row = explorerRow(page, name, index + 1);
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    const isFile = index === segments.length - 1;
    if (isFile) await row.click();
    else if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
  const fileName = segments[segments.length - 1]!;
  await page.locator(`.tabs-container .tab.active[data-resource-name="${fileName}"]`).waitFor({ timeout: UI_TIMEOUT_MS });
  await activeEditor(page).locator('.view-lines .view-line').first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/** The part of the browser's DOM the editor readers use (the project compiles without the DOM lib). */
interface DomElement {
  className: string;
  textContent: string | null;
  style: { top: string };
  parentElement: DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

function activeEditor(page: Page) {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/** Squiggles in the visible part of the active editor, with the 1-based line each sits on. */
export async function squiggles(page: Page): Promise<Squiggle[]> {
  return activeEditor(page).evaluate((element) => {
    const editor = element as unknown as DomElement;
    const lineAtTop = new Map<string, number>();
    for (const marginLine of editor.querySelectorAll('.margin-view-overlays > div')) {
      const number = Number(marginLine.textContent?.trim());
      if (number > 0) lineAtTop.set(marginLine.style.top, number);
    }
    const found: { line: number; severity: 'error' | 'warning' | 'info' | 'hint' }[] = [];
    for (const decoration of editor.querySelectorAll('.view-overlays [class*="squiggly-"]')) {
      const severity = /squiggly-(error|warning|info|hint)/.exec(decoration.className)?.[1];
      const line = lineAtTop.get(decoration.parentElement?.style.top ?? '');
      if (severity && line) found.push({ line, severity: severity as 'error' | 'warning' | 'info' | 'hint' });
    }
    return found.sort((a, b) => a.line - b.line);
  });
}

/** The text of a visible line of the active editor, as rendered. */
export async function lineText(page: Page, line: number): Promise<string> {
  return activeEditor(page).evaluate((element, wanted) => {
    const editor = element as unknown as DomElement;
    let top: string | undefined;
    for (const marginLine of editor.querySelectorAll('.margin-view-overlays > div')) {
      if (Number(marginLine.textContent?.trim()) === wanted) top = marginLine.style.top;
    }
    for (const viewLine of editor.querySelectorAll('.view-lines .view-line')) {
      if (viewLine.style.top === top) return (viewLine.textContent ?? '').replace(/\u00a0/g, ' ');
    }
    return '';
  }, line);
}

/** The text of every rendered line of the active editor, top to bottom. */
export async function visibleText(page: Page): Promise<string> {
  return activeEditor(page).evaluate((element) => {
    const editor = element as unknown as DomElement;
    const lines = [...editor.querySelectorAll('.view-lines .view-line')]
      .map((line) => ({ top: parseFloat(line.style.top), text: (line.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top);
    return lines.map((line) => line.text).join('\n');
  });
}

/** Moves the cursor with "Go to Line/Column" (Ctrl+G). */
export async function goTo(page: Page, line: number, column = 1): Promise<void> {
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: UI_TIMEOUT_MS });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  await waitFor(
    `the cursor at Ln ${line}, Col ${column}`,
    () => page.locator('#status\\.editor\\.selection').innerText(),
    (text) => text.trim() === `Ln ${line}, Col ${column}`,
  );
}

/**
 * Opens the quick-fix menu (Ctrl+.) at the cursor and applies the action with this exact title,
 * with the keyboard: the menu's pointer guard swallows synthetic clicks.
 */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ timeout: UI_TIMEOUT_MS });
  const actionTitles = () => menu.locator('.monaco-list-row.action').allInnerTexts();
  const offered = await waitFor('the quick-fix menu to list its actions', actionTitles, (titles) => titles.length > 0);
  if (!offered.some((text) => text.trim() === title)) {
    throw new Error(`The quick-fix menu has no "${title}"; it offers: ${JSON.stringify(offered.map((text) => text.trim()))}`);
  }
  const focused = menu.locator('.monaco-list-row.action.focused');
  for (let step = 0; step <= offered.length; step++) {
    if ((await focused.count()) > 0 && (await focused.first().innerText()).trim() === title) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Runs a command from the palette (F1), as a user types its title. */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: UI_TIMEOUT_MS });
  await input.fill(`>${title}`);
  const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await entry.waitFor({ timeout: UI_TIMEOUT_MS });
  await entry.click();
}

/** Answers an open input box (e.g. a title prompt) with `text` and Enter. */
export async function answerInputBox(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: UI_TIMEOUT_MS });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Picks the entry with this label from an open quick pick. */
export async function pickQuickPickItem(page: Page, label: string): Promise<void> {
  const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await entry.waitFor({ timeout: UI_TIMEOUT_MS });
  await entry.click();
}

/**
 * Shows the Problems panel (without toggling it closed) filtered to `filter`. Idempotent, so
 * readers call it on every poll: the panel can drop a filter typed while it was still opening.
 */
export async function showProblems(page: Page, filter: string): Promise<void> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: UI_TIMEOUT_MS });
  }
  const filterInput = page.locator('.viewpane-filter input[aria-label="Filter Problems"]');
  if ((await filterInput.inputValue()) !== filter) await filterInput.fill(filter);
}

/** The Problems panel's rows for `file`, with the panel open and filtered to it. */
export async function problemRowsOf(page: Page, file: string): Promise<ProblemRow[]> {
  await showProblems(page, file);
  return (await problemRows(page)).filter((row) => row.file === file);
}

/** The rows the Problems panel shows (it must be open), each under the file it is grouped by. */
async function problemRows(page: Page): Promise<ProblemRow[]> {
  const rows = await page
    .locator('.markers-panel .monaco-list-row')
    .evaluateAll((elements) => elements.map((element) => ({ label: element.getAttribute('aria-label') ?? '', text: element.textContent ?? '' })));
  const parsed: ProblemRow[] = [];
  let file = '';
  for (const { label, text } of rows) {
    const header = /^\d+ problems? in file (.+) of folder (.+)$/.exec(label);
    if (header) {
      file = header[2] === '.' ? header[1]! : `${header[2]}/${header[1]}`;
      continue;
    }
    const marker = /^(.*?)(plumbline)(PL\d{3})\[Ln (\d+), Col (\d+)\]$/s.exec(text);
    if (marker) {
      parsed.push({ file, message: marker[1]!, source: marker[2]!, code: marker[3]!, line: Number(marker[4]), column: Number(marker[5]) });
    }
  }
  return parsed;
}

/** The workbench's problem totals from the status bar ("Errors: 8, Warnings: 67, Infos: 11"). */
export async function statusBarProblemCount(page: Page): Promise<number> {
  const label = (await page.locator('#status\\.problems').getAttribute('aria-label')) ?? '';
  return [...label.matchAll(/(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** The text of Plumbline's language status item ("Plumbline: 36 rules, 86 problems"). */
export async function languageStatusLabel(page: Page): Promise<string> {
  return (await page.locator('#status\\.languageStatus').getAttribute('aria-label')) ?? '';
}

export async function saveActiveEditor(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}
