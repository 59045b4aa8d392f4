import { configFromText } from '../../engine/config';
import { defineRule } from '../../engine/rule';
import { adrDirOutsideWorkspace } from '../../languages/adrRecord';

export const invalidConfig = defineRule({
  meta: {
    code: 'PL504',
    name: 'config/invalid',
    summary: 'An invalid `.plumbline.yaml`: unknown keys, wrong types, unknown rule codes.',
    severity: 'error',
    policy: 'The configuration that tunes the policy must itself be valid, so that nobody believes a rule is tuned when it is not.',
    fixable: 'no',
    kinds: ['plumbline-config'],
    docs: {
      language: 'yaml',
      exampleFile: '.plumbline.yaml',
      rationale:
        'A typo in the configuration silently does nothing: `PL1O1: off` (letter O) leaves PL101 on, `requireDigset: true` pins nothing. Plumbline reports each problem at the offending key or value, and applies the rest of the file as written. Paths and globs are checked too: an empty or malformed glob, a path or folder option that leaves the workspace, YAML nested too deep to read, and an adr-tools `.adr-dir` beside the file that points outside the workspace (it is not used).',
      bad: `rules:
  PL999: off
  PL102:
    requireDigset: true
ignore: vendor/**
`,
      good: `rules:
  PL102:
    requireDigest: true
ignore:
  - vendor/**
`,
    },
  },
  check(context) {
    const config = configFromText(context.document.text, {
      root: context.config.root,
      file: context.document.path,
      lookup: context.rules,
    });
    for (const problem of config.problems) context.report({ message: problem.message, range: problem.range });
    const outside = adrDirOutsideWorkspace(config, (filePath) => context.index.document(filePath)?.text);
    if (outside) {
      context.report({
        message: `.adr-dir names "${outside}", outside the workspace, so it is not used and ADRs are looked for in the conventional folders (doc/adr, docs/adr, docs/decisions …); set paths.adr to a folder in the workspace.`,
        range: context.document.lineRange(0),
      });
    }
  },
});
