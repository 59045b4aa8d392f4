import { docsLocation } from '../../../../server/src/rules/markdown/location';
import { testRule } from '../../../helpers/ruleTester';

testRule(docsLocation, {
  valid: [
    { name: 'under the docs root', filename: 'docs/runbooks/restart.md', code: '# Restart\n' },
    { name: 'README next to the code', filename: 'services/api/README.md', code: '# API\n' },
    { name: 'CHANGELOG next to the code', filename: 'services/api/CHANGELOG.md', code: '# Changelog\n' },
    { name: 'workspace root files', filename: 'PortRegistry.md', code: '# Ports\n' },
    { name: '.github templates', filename: '.github/pull_request_template.md', code: '## Summary\n' },
    { name: 'configured ADR folder elsewhere', filename: 'architecture/0001-x.md', code: '# 1. X\n', files: { '.plumbline.yaml': 'paths:\n  adr: architecture\n' } },
    { name: 'configured docs root', filename: 'handbook/ops.md', code: '# Ops\n', files: { '.plumbline.yaml': 'paths:\n  docs: handbook\n' } },
    { name: 'README.md stays allowed when the allow list is replaced', filename: 'services/api/README.md', code: '# API\n', options: { allow: [] } },
    { name: 'allowed by option', filename: 'services/api/NOTES.md', code: '# Notes\n', options: { allow: ['services/*/NOTES.md'] } },
  ],
  invalid: [
    {
      name: 'design notes inside a service',
      filename: 'services/api/DESIGN.md',
      code: '# API design\n\nText.\n',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 13,
          message: 'Documentation belongs under docs/, not in a code directory; move DESIGN.md there (only README.md and CHANGELOG.md stay next to the code).',
        },
      ],
    },
    {
      name: 'empty file: zero-width range at the start',
      filename: 'scripts/notes.md',
      code: '',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: 'replacing the allow list drops the other defaults',
      filename: 'services/api/CONTRIBUTING.md',
      code: '# Contributing\n',
      options: { allow: [] },
      errors: [{ line: 1, column: 1, message: /move CONTRIBUTING\.md there/ }],
    },
  ],
});
