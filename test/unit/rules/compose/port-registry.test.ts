import { composePortRegistry } from '../../../../server/src/rules/compose/port-registry';
import { testRule } from '../../../helpers/ruleTester';

const registry = [
  '# Port registry',
  '',
  '| Port | Service | Protocol | Owner    |',
  '|------|---------|----------|----------|',
  '| 8080 | api     | tcp      | platform |',
  '| 5432 | db      |          | data     |',
  '',
  'Ask #platform before taking a port.',
  '',
].join('\n');

testRule(composePortRegistry, {
  valid: [
    {
      name: 'the stack of a CI job runs on a runner, not on the host the registry allocates',
      filename: '.ci/compose.ci.yaml',
      code: 'services:\n  app:\n    build: ..\n    ports:\n      - "5000:5000"\n',
      files: { 'PortRegistry.md': '| Port | Service | Protocol |\n|------|---------|----------|\n| 8080 | api     | tcp      |\n' },
    },
    {
      name: 'no registry: the project is reported in its first file that publishes a port, not again in its overlay',
      filename: 'compose.override.yaml',
      code: 'services:\n  api:\n    ports:\n      - "5678:5678"\n',
      files: { 'compose.yaml': 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "8000:8000"\n' },
    },
    {
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "8080:8080"\n      - "127.0.0.1:5432:5432"\n      - "3000"\n',
      files: { 'PortRegistry.md': registry.replace('| db      |', '| api     |') },
    },
    {
      name: 'long syntax and an interpolated port default',
      code: 'services:\n  db:\n    image: postgres:16.4\n    ports:\n      - target: 5432\n        published: ${DB_PORT:-5432}\n',
      files: { 'PortRegistry.md': registry },
    },
    {
      name: 'port known only at run time',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "${API_PORT}:8080"\n',
      files: { 'PortRegistry.md': registry },
    },
    {
      name: 'configured registry path',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports: ["8080:8080"]\n',
      files: { 'docs/ports.md': registry, '.plumbline.yaml': 'paths:\n  portRegistry: docs/ports.md\n' },
    },
    { name: 'a registry that is valid', filename: 'PortRegistry.md', code: registry },
    { name: 'other Markdown files are not registries', filename: 'docs/notes.md', code: '| Port | Service |\n|---|---|\n| abc | |\n' },
  ],
  invalid: [
    {
      name: 'unlisted port: fix appends a padded row to the table',
      code: 'services:\n  worker:\n    image: worker:1.0.0\n    ports:\n      - "8081:8081"\n',
      files: { 'PortRegistry.md': registry },
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 20,
          message: 'Host port 8081/tcp of service "worker" is not in the port registry PortRegistry.md; register it there.',
        },
      ],
      output: null,
      suggestions: [[{ title: 'Add 8081 (worker) to PortRegistry.md' }]],
    },
    {
      name: 'registered to another service: no fix',
      code: 'services:\n  admin:\n    image: admin:1.0.0\n    ports:\n      - target: 80\n        published: 8080\n',
      files: { 'PortRegistry.md': registry },
      errors: [
        {
          line: 6,
          column: 20,
          endColumn: 24,
          message: 'Host port 8080/tcp of service "admin" is registered to api in PortRegistry.md; pick a free port and register it for admin.',
        },
      ],
      suggestions: [[]],
    },
    {
      name: 'protocol column narrows a row',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "8080:8080/udp"\n',
      files: { 'PortRegistry.md': registry },
      errors: [{ line: 5, column: 9, message: 'Host port 8080/udp of service "api" is not in the port registry PortRegistry.md; register it there.' }],
    },
    {
      name: 'no registry: one finding for the project, whose fix creates it with every port',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "9000-9002:9000-9002"\n  admin:\n    image: admin:0.9.1\n    ports:\n      - "8080:80"\n      - "8443:443"\n',
      files: { 'compose.override.yaml': 'services:\n  api:\n    ports:\n      - "9000-9002:9000-9002"\n      - "5678:5678"\n' },
      errors: [
        {
          line: 5,
          column: 9,
          message:
            'There is no port registry PortRegistry.md: the host ports this Compose project publishes (9000-9002/tcp (api), 8080/tcp (admin), 8443/tcp (admin), 5678/tcp (api)) are allocated nowhere. Create the registry and list them.',
        },
      ],
      suggestions: [[{ title: 'Create PortRegistry.md with these 4 ports' }]],
    },
    {
      name: 'registry problems are reported on the registry',
      filename: 'PortRegistry.md',
      code: '| Port | Service |\n|---|---|\n| 8080 | api |\n| http | web |\n| 9090 | |\n| `8080` | admin |\n',
      errors: [
        { line: 4, column: 3, endColumn: 7, message: '"http" is not a port or port range (1-65535); write the Port cell as 8080 or 9000-9010.' },
        { line: 5, column: 3, endColumn: 7, message: 'Port 9090 names no service; fill in its Service cell.' },
        { line: 6, column: 3, endColumn: 9, message: 'Port 8080 is already registered on line 3 (for api); each host port belongs to one service.' },
      ],
    },
    {
      name: 'a registry without a table',
      filename: 'PortRegistry.md',
      code: '# Ports\n\nNothing yet.\n',
      errors: [
        { line: 1, column: 1, endColumn: 8, message: 'The port registry has no table with "Port" and "Service" columns; add one, e.g. "| Port | Service |".' },
      ],
    },
  ],
});
