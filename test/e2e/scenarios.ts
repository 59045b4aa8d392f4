// The user-level scenarios both real-editor suites check: the browser suite (code-server +
// Chromium, test/e2e/run.ts) and the desktop harness (@vscode/test-electron, test/electron/).
// Fixture files are written into a copy of examples/demo-platform, so the expectations do not
// move when the demo evolves. Lines and columns are 1-based, as the Problems panel shows them.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEMO_WORKSPACE = path.resolve(__dirname, '../../examples/demo-platform');

export interface ExpectedDiagnostic {
  code: string;
  line: number;
  column: number;
}

/** Files added to the workspace copy (relative path → content). */
const FIXTURE_FILES: Record<string, string> = {
  // A builder stage on a floating tag; the final stage inherits no USER from it.
  'docker/e2e-api/Dockerfile': [
    'FROM python:latest AS base',
    'WORKDIR /srv/api',
    '',
    'FROM base AS runtime',
    'COPY app.py ./',
    'EXPOSE 8000',
    'HEALTHCHECK CMD ["python", "-c", "print(1)"]',
    'CMD ["python", "app.py"]',
    '',
  ].join('\n'),
  'docker/e2e-worker/Dockerfile': [
    'FROM python:3.12.7-slim-bookworm',
    'RUN useradd --system --uid 10003 worker',
    'WORKDIR /srv/worker',
    'COPY worker.py ./',
    'USER worker',
    'HEALTHCHECK NONE',
    'CMD python worker.py --queue jobs',
    '',
  ].join('\n'),
  'docker/e2e-unopened/Dockerfile': ['FROM node', 'USER node', 'HEALTHCHECK NONE', 'CMD ["node", "server.js"]', ''].join('\n'),
  'docker/e2e-restart/Dockerfile': ['FROM python:latest', 'USER 10001', 'HEALTHCHECK NONE', 'CMD python app.py', ''].join('\n'),
  'e2e/compose.yaml': ['services:', '  e2e-cache:', '    image: redis:latest', ''].join('\n'),
  'e2e/report.py': [
    '"""Prints the nightly report."""',
    '',
    '',
    'def build_report(rows: list[str]) -> str:',
    '    """Joins the report rows."""',
    '    try:',
    '        return "\\n".join(rows)',
    '    except:',
    '        return ""',
    '',
    '',
    'print(build_report(["ok"]))',
    '',
  ].join('\n'),
  'e2e/CHANGELOG.md': ['# Changelog', '', '## [1.0.0] - 2026-13-01', '', '### Improved', '', '- Faster reports.', ''].join('\n'),
  // A component (it has a manifest) without a CHANGELOG.md, for "Create CHANGELOG.md".
  'e2e/reports-lib/pyproject.toml': ['[project]', 'name = "reports-lib"', 'version = "0.1.0"', ''].join('\n'),
};

/** Scenarios 1, 2 and 4: an unpinned base image and no USER in the final stage. */
export const UNPINNED_DOCKERFILE = {
  path: 'docker/e2e-api/Dockerfile',
  diagnostics: [
    { code: 'PL102', line: 1, column: 6 },
    { code: 'PL101', line: 4, column: 1 },
  ] satisfies ExpectedDiagnostic[],
  /** Scenario 2: the floating tag, and the pinned one typed over it. */
  floatingTag: { line: 1, column: 13, text: 'latest' },
  pinnedTag: '3.12.7-slim-bookworm',
  /** Scenario 4. */
  suppression: {
    code: 'PL101',
    line: 4,
    actionTitle: 'Disable PL101 for this line',
    comment: '# plumbline: disable-next-line PL101',
  },
};

/** Scenario 3: a shell-form CMD and its quick fix (the title comes from rules/docker/exec-form.ts; the menu marks it unsafe). */
export const SHELL_FORM_DOCKERFILE = {
  path: 'docker/e2e-worker/Dockerfile',
  diagnostic: { code: 'PL106', line: 7, column: 5 } satisfies ExpectedDiagnostic,
  fixTitle: 'Rewrite CMD in exec form (unsafe)',
  fixedLine: 'CMD ["python", "worker.py", "--queue", "jobs"]',
};

/** Scenario 5: one file per pack, with a diagnostic each that must be squiggled and listed. */
export const PACK_FILES: { pack: string; path: string; diagnostics: ExpectedDiagnostic[] }[] = [
  { pack: 'compose', path: 'e2e/compose.yaml', diagnostics: [{ code: 'PL201', line: 3, column: 12 }] },
  {
    pack: 'python',
    path: 'e2e/report.py',
    diagnostics: [
      { code: 'PL304', line: 8, column: 5 },
      { code: 'PL303', line: 12, column: 1 },
    ],
  },
  { pack: 'markdown', path: 'e2e/CHANGELOG.md', diagnostics: [{ code: 'PL401', line: 3, column: 14 }] },
];

/** Scenario 8: a file no scenario opens, whose problems must still be listed. */
export const UNOPENED_FILE = {
  path: 'docker/e2e-unopened/Dockerfile',
  diagnostic: { code: 'PL102', line: 1, column: 6 } satisfies ExpectedDiagnostic,
};

/**
 * Scenario 11: the server process is killed; the client starts another, and its diagnostics
 * are the ones shown: PL106 stays listed, and pinning the tag removes PL102.
 */
export const RESTART_DOCKERFILE = {
  path: 'docker/e2e-restart/Dockerfile',
  diagnostics: [
    { code: 'PL102', line: 1, column: 6 },
    { code: 'PL106', line: 4, column: 5 },
  ] satisfies ExpectedDiagnostic[],
  floatingTag: { line: 1, column: 13 },
  pinnedTag: '3.12.7-slim-bookworm',
};

/**
 * Scenario 6: the demo has no templates/template.md and its records are
 * Nygard's, so the default template follows them: a Nygard record.
 */
export const NEW_ADR = {
  commandId: 'plumbline.newAdr',
  commandTitle: 'Plumbline: New ADR',
  title: 'Use Redis for the job queue',
  slug: 'use-redis-for-the-job-queue',
  directory: 'docs/adr',
  /** The entry picked when the command asks for the template. */
  template: 'Default',
  templateHeading: '## Status\n\nProposed\n\n## Context',
};

/** The file name the next ADR gets: one past the highest number in the ADR folder. */
export function nextAdrFileName(workspace: string): string {
  const numbers = fs
    .readdirSync(path.join(workspace, NEW_ADR.directory))
    .map((name) => /^(\d{4})-/.exec(name)?.[1])
    .filter((number): number is string => number !== undefined)
    .map(Number);
  const next = Math.max(0, ...numbers) + 1;
  return `${String(next).padStart(4, '0')}-${NEW_ADR.slug}.md`;
}

/** Scenario 7. */
export const CREATE_CHANGELOG = {
  commandId: 'plumbline.createChangelog',
  commandTitle: 'Plumbline: Create CHANGELOG.md',
  folder: 'e2e/reports-lib',
  templateHeading: '## [Unreleased]',
  /** What the second run tells the user. */
  existingNotice: 'CHANGELOG.md already exists; opened it instead.',
};

/** Copies the demo workspace to `target` and adds the fixture files. */
export function prepareWorkspace(target: string): void {
  fs.cpSync(DEMO_WORKSPACE, target, { recursive: true });
  for (const [relative, content] of Object.entries(FIXTURE_FILES)) {
    const file = path.join(target, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** The titles of the extension's palette commands, as the palette shows them ("Category: Title"). */
export function contributedCommandTitles(packageJsonPath: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as {
    contributes?: { commands?: { title: string; category?: string }[] };
  };
  return (manifest.contributes?.commands ?? []).map((command) => (command.category ? `${command.category}: ${command.title}` : command.title));
}
