import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint as markdownlint } from 'markdownlint/sync';
import { walkFiles } from '../../server/src/engine/fileSystem';
import { SourceDocument } from '../../server/src/engine/sourceDocument';
import { Workspace } from '../../server/src/engine/workspace';
import { builtinRules, findRule } from '../../server/src/rules';
import { generateChangelog } from '../generators/changelog';
import { exampleFiles, SeededRandom, writeTree } from '../lib/inputs';
import type { SuiteReport } from '../lib/report';
import { perFileRow, timeSideBySide } from '../lib/sideBySide';
import { median, percentile, timed } from '../lib/stats';
import type { BenchSuite, SuiteContext } from '../lib/suite';

const RECHECK_TARGET_MS = 20;
const CHANGELOG = 'CHANGELOG.md';

function isChangelogPath(relativePath: string): boolean {
  return /changelog[^/]*\.md$/i.test(path.posix.basename(relativePath));
}

/** Every input becomes `<dir>/CHANGELOG.md`, since PL401 judges files by that name. */
function changelogInputs(context: SuiteContext): { files: Record<string, string>; sources: string } {
  const smoke = context.scale === 'smoke';
  const texts: string[] = [];
  if (!smoke) {
    texts.push(...Object.values(exampleFiles(context.repoRoot, isChangelogPath)));
    const fixtures = path.join(context.repoRoot, 'test', 'fixtures', 'markdown');
    if (fs.existsSync(fixtures)) {
      for (const relative of walkFiles(fixtures)) {
        if (isChangelogPath(relative)) texts.push(fs.readFileSync(path.join(fixtures, relative), 'utf8'));
      }
    }
  }
  const borrowed = texts.length;
  const random = new SeededRandom(505);
  const generated = smoke ? 2 : 30;
  for (let i = 0; i < generated; i++) texts.push(generateChangelog(random, smoke ? 3 : 2 + i * 2));
  const files: Record<string, string> = {};
  texts.forEach((text, i) => (files[`c${String(i).padStart(3, '0')}/${CHANGELOG}`] = text));
  return { files, sources: `${borrowed} from examples/demo-platform and test/fixtures/markdown, ${generated} generated (2–60 releases, 40–1,100 lines)` };
}

function comparePl401(context: SuiteContext, report: SuiteReport): void {
  const rule = findRule('PL401');
  if (!rule) {
    report.rows.push({ measure: 'lint one CHANGELOG.md, PL401', target: 'no slower than markdownlint', skipped: 'PL401 has not landed' });
    return;
  }
  const { files, sources } = changelogInputs(context);
  const root = path.join(context.workDir, 'markdown');
  const paths = writeTree(root, files);
  const inputs = paths.map((filePath) => ({ filePath, text: files[path.relative(root, filePath)]! }));
  const workspace = new Workspace({ root, registry: builtinRules, rules: [rule] });
  workspace.index.scan();
  const rounds = context.scale === 'smoke' ? 1 : 5;
  context.log(`markdown: linting ${inputs.length} changelogs side by side with markdownlint`);
  const samples = timeSideBySide(
    inputs,
    rounds,
    (input) => workspace.lint(new SourceDocument(input.filePath, input.text)),
    (input) => markdownlint({ strings: { [input.filePath]: input.text } }),
  );
  report.rows.push(
    perFileRow(samples, { measure: `lint one CHANGELOG.md, PL401 (${inputs.length} files × ${rounds} rounds)`, peerName: 'markdownlint', minimumSpeedup: 1 }),
  );
  report.notes.push(`PL401 inputs: ${sources}. markdownlint: the library's lint() with its default rules, on the same in-memory text.`);
}

function measurePl402(context: SuiteContext, report: SuiteReport): void {
  const measure = 'CHANGELOG.md created → PL402 re-evaluated';
  const rule = findRule('PL402');
  if (!rule) {
    report.rows.push({ measure, target: `< ${RECHECK_TARGET_MS} ms`, skipped: 'PL402 has not landed' });
    return;
  }
  const smoke = context.scale === 'smoke';
  const directories = smoke ? 10 : 5000;
  const files: Record<string, string> = { [CHANGELOG]: generateChangelog(new SeededRandom(1), 1) };
  for (let i = 0; i < directories; i++) {
    const name = `components/c${String(i).padStart(4, '0')}`;
    files[`${name}/pyproject.toml`] = `[project]\nname = "c${i}"\nversion = "0.1.0"\n`;
    if (i % 2 === 1) files[`${name}/${CHANGELOG}`] = files[CHANGELOG]!;
  }
  const root = path.join(context.workDir, 'markdown-pl402');
  writeTree(root, files);
  const workspace = new Workspace({ root, registry: builtinRules, rules: [rule] });
  context.log(`markdown: PL402 over ${directories} component directories`);
  workspace.index.scan();
  const manifests = workspace.index.filesOfKind('manifest').map((file) => file.path);
  const hasPl402 = (filePath: string) => workspace.lint(workspace.index.document(filePath)!).diagnostics.some((d) => d.code === 'PL402');
  const fullPass = () => manifests.filter(hasPl402).length;
  const before = fullPass();

  const creations = smoke ? 2 : 30;
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let resolved = 0;
  for (let i = 0; i < creations; i++) {
    const manifest = path.join(root, 'components', `c${String(i * 2).padStart(4, '0')}`, 'pyproject.toml');
    const changelog = path.join(path.dirname(manifest), CHANGELOG);
    fs.writeFileSync(changelog, files[CHANGELOG]!);
    const timing = timed(() => {
      workspace.index.applyChanges([{ type: 'created', path: changelog }]);
      return hasPl402(manifest);
    });
    samples.push(timing.ms);
    cpuSamples.push(timing.cpuMs);
    if (!timing.result) resolved++;
  }
  const whole = timed(fullPass);
  report.rows.push(
    {
      measure: `${measure} (${directories} dirs, ${creations} creations)`,
      median: median(samples),
      p95: percentile(samples, 0.95),
      cpu: median(cpuSamples),
      target: `< ${RECHECK_TARGET_MS} ms`,
      pass: median(samples) < RECHECK_TARGET_MS,
    },
    { measure: `re-evaluate PL402 on all ${manifests.length} component roots`, median: whole.ms, cpu: whole.cpuMs, target: 'informational' },
  );
  report.notes.push(
    `PL402: a workspace of ${directories} component directories (pyproject.toml each, half with a CHANGELOG.md). Each creation writes one CHANGELOG.md, applies the file event to the index and re-lints that directory's manifest; PL402 went away in ${resolved} of ${creations} creations. Directories reported before/after all creations: ${before} → ${whole.result}.`,
  );
}

async function run(context: SuiteContext): Promise<SuiteReport> {
  const report: SuiteReport = { suite: 'markdown', title: 'PL401 vs markdownlint, PL402 re-evaluation', rows: [], notes: [] };
  if (!findRule('PL401') && !findRule('PL402'))
    return { ...report, skipped: 'no Markdown rules yet (server/src/rules/changelog lists neither PL401 nor PL402)' };
  comparePl401(context, report);
  measurePl402(context, report);
  return report;
}

export const markdownSuite: BenchSuite = { name: 'markdown', title: 'Markdown rules', run };
