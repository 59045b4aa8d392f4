import { invalidConfig } from '../../../../server/src/rules/config/invalid';
import { testRule } from '../../../helpers/ruleTester';

testRule(invalidConfig, {
  valid: [
    '',
    '# only a comment\n',
    'rules:\n  PL505: off\n  config/unused-suppression: error\nignore:\n  - vendor/**\nmaxFileSize: 2048\npaths:\n  adr: docs/decisions\ncompose:\n  files: ["deploy/*.yml"]\n  sharedHost: true\n',
    'rules:\n  PL504:\n    severity: warning\n',
    { name: 'fix: unsafe opt-in', code: 'fix:\n  unsafe: true\n' },
    { name: 'paths.tests and paths.generated are lists of globs', code: 'paths:\n  tests: ["qa/**", "**/*_spec.py"]\n  generated: ["gen/**"]\n' },
    'protected:\n  - "**/.mcp.json"\n  - "ops/agents/**"\n',
  ],
  invalid: [
    {
      name: 'compose.sharedHost takes true or false; unknown compose keys name the known ones',
      code: 'compose:\n  sharedHost: yes please\n  host: shared\n',
      errors: [
        { line: 2, column: 15, endColumn: 25, message: '"compose.sharedHost" must be true or false.' },
        { line: 3, column: 3, endColumn: 7, message: 'Unknown key "compose.host" (known: files, sharedHost).' },
      ],
    },
    {
      name: 'unknown top-level key',
      code: 'rulez:\n  PL101: off\n',
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 6, message: 'Unknown key "rulez" (known: rules, ignore, maxFileSize, paths, compose, fix, protected).' },
      ],
    },
    {
      name: 'the protected list must be a list of globs',
      code: 'protected: .mcp.json\n',
      errors: [{ line: 1, column: 12, message: '"protected" must be a list of strings.' }],
    },
    {
      name: 'unknown rule code, at the key',
      code: 'rules:\n  PL999: off\n',
      errors: [{ line: 2, column: 3, endColumn: 8, message: 'Unknown rule "PL999".' }],
    },
    {
      name: 'bad severity',
      code: 'rules:\n  PL505: loud\n',
      errors: [{ line: 2, column: 10, endColumn: 14, message: 'Severity must be one of error, warning, info, hint, off.' }],
    },
    {
      name: 'unknown option names the options there are',
      code: 'rules:\n  PL505:\n    colour: red\n',
      errors: [{ line: 3, column: 5, message: 'Unknown option "colour" for PL505 (it takes only "severity").' }],
    },
    {
      name: 'wrong types',
      code: 'ignore: vendor/**\nmaxFileSize: big\npaths:\n  docs: ../elsewhere\n',
      errors: [
        { line: 1, column: 9, message: '"ignore" must be a list of strings.' },
        { line: 2, column: 14, message: '"maxFileSize" must be a positive whole number of bytes.' },
        { line: 4, column: 9, message: 'Path "docs" must stay inside the workspace.' },
      ],
    },
    {
      name: 'fix: a mapping whose only key is a boolean "unsafe"',
      code: 'fix:\n  unsafe: yes please\n  dry: true\n',
      errors: [
        { line: 2, column: 11, endColumn: 21, message: '"fix.unsafe" must be true or false.' },
        { line: 3, column: 3, endColumn: 6, message: 'Unknown key "fix.dry" (known: unsafe).' },
      ],
    },
    {
      name: 'fix: not a mapping',
      code: 'fix: unsafe\n',
      errors: [{ line: 1, column: 6, endColumn: 12, message: '"fix" must be a mapping such as { unsafe: true }.' }],
    },
    {
      name: 'paths.tests must be a list of non-empty globs',
      code: 'paths:\n  tests: qa/**\n',
      errors: [{ line: 2, column: 10, endColumn: 15, message: '"paths.tests" must be a list of strings.' }],
    },
    {
      name: 'an empty glob in paths.tests',
      code: 'paths:\n  tests: ["qa/**", " "]\n',
      errors: [{ line: 2, column: 10, message: '"paths.tests" must not contain empty globs.' }],
    },
    {
      name: 'YAML syntax error',
      code: 'rules: [\n',
      errors: [{ line: 2, column: 1, message: /^YAML syntax error: / }],
    },
    {
      name: 'not a mapping',
      code: '- PL101\n',
      errors: [{ line: 1, column: 1, message: '.plumbline.yaml must be a mapping with keys such as rules, ignore and paths.' }],
    },
  ],
});
