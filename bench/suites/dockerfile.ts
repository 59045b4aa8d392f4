import * as path from 'node:path';
import { validate } from 'dockerfile-utils';
import { SourceDocument } from '../../server/src/engine/sourceDocument';
import { Workspace } from '../../server/src/engine/workspace';
import { builtinRules } from '../../server/src/rules';
import { codesOf, missingRulesReason, rulesWithCodePrefix } from '../lib/engine';
import { editLatencyRow, measureEditLatency, type EditScript } from '../lib/editLatency';
import { generateDockerfile } from '../generators/dockerfile';
import { exampleFiles, isDockerfilePath, SeededRandom, writeTree } from '../lib/inputs';
import { perFileRow, timeSideBySide } from '../lib/sideBySide';
import type { BenchSuite, SuiteContext } from '../lib/suite';
import type { SuiteReport } from '../lib/report';

const LSP_TARGET_P95_MS = 5;
const LSP_DOCUMENT_LINES = 200;

/** Cycles through the edits people make in a Dockerfile: retag the base, add and drop a RUN line, type in a comment. */
const dockerfileEdits: EditScript = (step, document) => {
  const fromLine = [...Array(document.lineCount).keys()].find((line) => document.lineText(line).startsWith('FROM '))!;
  switch (step % 4) {
    case 0: {
      const text = document.lineText(fromLine);
      const imageEnd = text.indexOf(' ', 5) === -1 ? text.length : text.indexOf(' ', 5);
      return {
        range: { start: { line: fromLine, character: 5 }, end: { line: fromLine, character: imageEnd } },
        text: step % 8 === 0 ? 'python:3.12-slim' : 'python:latest',
      };
    }
    case 1:
      return { range: { start: { line: fromLine + 1, character: 0 }, end: { line: fromLine + 1, character: 0 } }, text: `RUN echo step-${step}\n` };
    case 2:
      return { range: { start: { line: fromLine + 1, character: 0 }, end: { line: fromLine + 2, character: 0 } }, text: '' };
    default:
      return { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, text: 'x' };
  }
};

async function run(context: SuiteContext): Promise<SuiteReport> {
  const report: SuiteReport = { suite: 'dockerfile', title: 'PL1xx vs dockerfile-utils validate()', rows: [], notes: [] };
  const rules = rulesWithCodePrefix('PL1');
  const missing = missingRulesReason(rules, 'Dockerfile', 'docker');
  if (missing) return { ...report, skipped: missing };

  const smoke = context.scale === 'smoke';
  const random = new SeededRandom(101);
  const files: Record<string, string> = {};
  if (!smoke) {
    for (const [relative, text] of Object.entries(exampleFiles(context.repoRoot, isDockerfilePath))) files[`examples/${relative}`] = text;
  }
  const generatedCount = smoke ? 2 : 40;
  for (let i = 0; i < generatedCount; i++) {
    const lines = smoke ? 30 : 20 + Math.round((180 * i) / (generatedCount - 1));
    files[`generated/app${String(i).padStart(2, '0')}/Dockerfile`] = generateDockerfile(random, lines);
  }
  const root = path.join(context.workDir, 'dockerfile');
  const paths = writeTree(root, files);
  const inputs = paths.map((filePath) => ({ filePath, text: files[path.relative(root, filePath)]! }));
  const workspace = new Workspace({ root, registry: builtinRules, rules });
  workspace.index.scan();

  context.log(`dockerfile: linting ${inputs.length} Dockerfiles side by side with validate()`);
  const rounds = smoke ? 1 : 30;
  const samples = timeSideBySide(
    inputs,
    rounds,
    (input) => workspace.lint(new SourceDocument(input.filePath, input.text)),
    (input) => validate(input.text),
  );
  const examples = inputs.length - generatedCount;
  report.rows.push(
    perFileRow(samples, {
      measure: `lint one Dockerfile, all PL1xx (${inputs.length} files × ${rounds} rounds)`,
      peerName: 'validate()',
      minimumSpeedup: 1,
    }),
  );
  report.notes.push(
    `Inputs: ${examples} Dockerfile(s) from examples/demo-platform and ${generatedCount} generated ones of 20–200 lines; rules ${codesOf(rules)}.`,
    'Both sides get the same in-memory text; Plumbline goes through Workspace.lint (config lookup, parse, rules, suppressions).',
  );

  context.log('dockerfile: edit-to-diagnostics latency through the language server');
  const lspRoot = path.join(context.workDir, 'dockerfile-lsp');
  const lspText = generateDockerfile(new SeededRandom(202), LSP_DOCUMENT_LINES);
  const [lspFile] = writeTree(lspRoot, { 'docker/api/Dockerfile': lspText });
  const latency = await measureEditLatency({
    rootDir: lspRoot,
    filePath: lspFile!,
    languageId: 'dockerfile',
    text: lspText,
    script: dockerfileEdits,
    warmupEdits: smoke ? 1 : 10,
    measuredEdits: smoke ? 2 : 50,
  });
  report.rows.push(editLatencyRow(`didChange → diagnostics, ${LSP_DOCUMENT_LINES}-line Dockerfile`, latency, LSP_TARGET_P95_MS));
  report.notes.push(`Language server in-process over JSON-RPC on paired streams; the last version had ${latency.finalDiagnostics} diagnostics.`);
  return report;
}

export const dockerfileSuite: BenchSuite = { name: 'dockerfile', title: 'Dockerfile rules', run };
