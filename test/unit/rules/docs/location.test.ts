import { docsLocation } from '../../../../server/src/rules/docs/location';
import { testRule } from '../../../helpers/ruleTester';

const SERVICE_CODE = { 'services/api/main.py': 'def run():\n    return 1\n' };
const MESSAGE = (name: string) =>
  `Documentation belongs under docs/, not in a directory that holds code; move ${name} there (README, CHANGELOG and the other conventional files stay next to the code).`;

testRule(docsLocation, {
  valid: [
    { name: 'under the docs root', filename: 'docs/runbooks/restart.md', code: '# Restart\n', files: SERVICE_CODE },
    { name: 'README next to the code', filename: 'services/api/README.md', code: '# API\n', files: SERVICE_CODE },
    { name: 'CHANGELOG next to the code', filename: 'services/api/CHANGELOG.md', code: '# Changelog\n', files: SERVICE_CODE },
    { name: 'conventional files in any letter case and with a suffix', filename: 'services/api/readme.de.md', code: '# API\n', files: SERVICE_CODE },
    {
      name: 'lower-case readme beside Rust code',
      filename: 'samples/rust/backend/readme.md',
      code: '# Backend\n',
      files: { 'samples/rust/backend/src/main.rs': 'fn main() {}\n' },
    },
    ...[
      'CONTRIBUTING.md',
      'Security.md',
      'code_of_conduct.md',
      'LICENSE-MIT.md',
      'AGENTS.md',
      'CHANGES.md',
      'History.md',
      'NOTICE.md',
      'AUTHORS.md',
      'SUPPORT.md',
    ].map((name) => ({
      name: `conventional file ${name}`,
      filename: `services/api/${name}`,
      code: '# Text\n',
      files: SERVICE_CODE,
    })),
    { name: 'workspace root files', filename: 'PortRegistry.md', code: '# Ports\n', files: SERVICE_CODE },
    { name: 'a docs folder at any depth', filename: 'services/api/docs/design.md', code: '# Design\n', files: SERVICE_CODE },
    { name: 'a documentation folder at any depth', filename: 'services/api/Documentation/design.md', code: '# Design\n', files: SERVICE_CODE },
    { name: 'hidden folders (agent skills)', filename: 'services/api/.agents/skills/lint/SKILL.md', code: '# Skill\n', files: SERVICE_CODE },
    { name: '.github templates', filename: '.github/pull_request_template.md', code: '## Summary\n', files: SERVICE_CODE },
    { name: 'a template folder', filename: 'services/api/templates/email.md', code: '# Hello\n', files: SERVICE_CODE },
    { name: 'a template file beside code', filename: 'services/api/template.md', code: '# NUMBER. TITLE\n', files: SERVICE_CODE },
    {
      name: "Markdown that the code beside it reads by name (a tool's template)",
      filename: 'tool/src/first-record.md',
      code: '# 1. Record decisions\n',
      files: { 'tool/src/tool-init': '#!/bin/sh\ncp "$(dirname "$0")/first-record.md" "$target"\n' },
    },
    { name: 'an ADR folder found by convention', filename: 'tool/doc/adr/0001-x.md', code: '# 1. X\n', files: { 'tool/doc/adr/run.sh': 'echo\n' } },
    {
      name: 'configured ADR folder elsewhere',
      filename: 'architecture/0001-x.md',
      code: '# 1. X\n',
      files: { '.plumbline.yaml': 'paths:\n  adr: architecture\n', 'architecture/gen.py': 'X = 1\n' },
    },
    {
      name: 'configured docs root',
      filename: 'handbook/ops.md',
      code: '# Ops\n',
      files: { '.plumbline.yaml': 'paths:\n  docs: handbook\n', 'handbook/build.sh': 'echo\n' },
    },
    { name: 'allowed by option', filename: 'services/api/NOTES.md', code: '# Notes\n', options: { allow: ['services/*/NOTES.md'] }, files: SERVICE_CODE },
    {
      name: 'a docs-only repository: guides in folders without code',
      filename: 'locales/en/examples/use-postgres/index.md',
      code: '# Use PostgreSQL\n',
      files: { 'locales/en/examples/index.md': '# Examples\n', 'CITATION.cff': 'cff-version: 1.2.0\n', 'locales/en/.locale-peer-id': 'x\n' },
    },
    {
      name: 'Compose and YAML are not code',
      filename: 'samples/redis/NOTES.md',
      code: '# Notes\n',
      files: { 'samples/redis/compose.yaml': 'services: {}\n', 'samples/redis/app.yaml': 'a: 1\n' },
    },
  ],
  invalid: [
    {
      name: 'design notes beside the code of a service',
      filename: 'services/api/DESIGN.md',
      code: '# API design\n\nText.\n',
      files: SERVICE_CODE,
      errors: [{ line: 1, column: 1, endColumn: 13, message: MESSAGE('DESIGN.md') }],
    },
    {
      name: 'the code is in a subfolder: the directory still holds code',
      filename: 'services/billing/notes.md',
      code: '# Notes\n',
      files: { 'services/billing/src/billing/ledger.go': 'package billing\n' },
      errors: [{ line: 1, column: 1, message: MESSAGE('notes.md') }],
    },
    {
      name: 'empty file beside a Dockerfile: zero-width range at the start',
      filename: 'scripts/notes.md',
      code: '',
      files: { 'scripts/Dockerfile': 'FROM scratch\n' },
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: 'code that does not name the file does not make it a resource',
      filename: 'tool/src/usage.md',
      code: '# Usage\n',
      files: { 'tool/src/tool-init': '#!/bin/sh\ncp "$(dirname "$0")/first-record.md" "$target"\n' },
      errors: [{ line: 1, column: 1, message: MESSAGE('usage.md') }],
    },
  ],
});
