/** PL206 on env files: committed `.env` files and the templates that a service loads with `env_file:`. */
import { composeSecretInEnvironment } from '../../../../server/src/rules/compose/secret-in-environment';
import { testRule } from '../../../helpers/ruleTester';

const literal = (name: string) =>
  `${name} is set to a literal secret in a committed env file; keep real values in an untracked env file (listed in .gitignore) or in Compose secrets:, and commit only a template without them.`;
const placeholder = (name: string, value: string) =>
  `${name} is set to "${value}", a well-known placeholder, in a committed env file: a deployment that does not override it runs with a published credential; leave it empty here and set the real value outside the repository.`;

const TEMPLATE = '# Copy to .env and fill in.\nDB_PASSWORD=Xq7-pl0ugh-r1ver\n';

testRule(composeSecretInEnvironment, {
  valid: [
    {
      name: 'settings, references, paths, mechanisms and names about the secret',
      filename: '.env',
      code: [
        'COMPOSE_PROJECT_NAME=shop',
        '# DB_PASSWORD=commented-out',
        'DB_PASSWORD=',
        'API_TOKEN',
        'DATABASE_URL=postgresql://shop:${DB_PASSWORD}@localhost:5432/shop',
        'SIGNING_KEY_FILE=/run/secrets/signing_key',
        'PGBOUNCER_AUTH_TYPE=scram-sha-256',
        'ACCESS_TOKEN_EXPIRE_MINUTES=30',
        '',
      ].join('\n'),
    },
    { name: 'a template documents the variables', filename: '.env.example', code: TEMPLATE },
    {
      name: 'a suppression comment',
      filename: '.env',
      code: '# plumbline: disable-next-line PL206 -- the throwaway demo database\nDB_PASSWORD=Xq7-pl0ugh-r1ver\n',
    },
    { name: 'sample.env is a template too', filename: 'deploy/sample.env', code: TEMPLATE },
    { name: 'test settings hold throwaway values', filename: '.env.test', code: TEMPLATE },
    { name: 'an env file in test code', filename: 'tests/integration/db.env', code: TEMPLATE },
    {
      name: "an env file that only a development container's stack loads",
      filename: 'development/dev.env',
      code: TEMPLATE,
      files: {
        '.devcontainer/devcontainer.json':
          '{\n  // the stack the container joins\n  "dockerComposeFile": ["../development/compose.yaml"],\n  "service": "app",\n}\n',
        'development/compose.yaml': 'services:\n  app:\n    build: ..\n    env_file: dev.env\n',
      },
    },
    {
      name: 'an env file that .gitignore keeps out of the repository holds the real values',
      filename: 'deploy/.env',
      code: TEMPLATE,
      files: { '.gitignore': '.env\n' },
    },
  ],
  invalid: [
    {
      name: 'an env file that a production stack loads too is judged, whatever else loads it',
      filename: 'development/dev.env',
      code: TEMPLATE,
      files: {
        '.devcontainer/devcontainer.json': '{ "dockerComposeFile": "../development/compose.yaml" }\n',
        'development/compose.yaml': 'services:\n  app:\n    build: ..\n    env_file: dev.env\n',
        'compose.yaml': 'services:\n  app:\n    image: shop:1.4.2\n    env_file: development/dev.env\n',
      },
      errors: [{ line: 2, column: 13, message: literal('DB_PASSWORD') }],
    },
    {
      name: 'a committed .env: literal secrets and well-known defaults, at the value; quotes and inline comments excluded',
      filename: '.env',
      code: [
        'PROJECT_NAME="Shop"',
        'SECRET_KEY=changethis',
        'FIRST_ADMIN_PASSWORD="Xq7-pl0ugh-r1ver"',
        'export SMTP_PASSWORD=n0t-a-default # the relay account',
        'POSTGRES_PW=changeit',
        '',
      ].join('\n'),
      errors: [
        { line: 2, column: 12, endColumn: 22, message: placeholder('SECRET_KEY', 'changethis') },
        { line: 3, column: 23, endColumn: 39, message: literal('FIRST_ADMIN_PASSWORD') },
        { line: 4, column: 22, endColumn: 35, message: literal('SMTP_PASSWORD') },
        { line: 5, column: 13, endColumn: 21, message: placeholder('POSTGRES_PW', 'changeit') },
      ],
    },
    {
      name: 'a stage file with CRLF line ends',
      filename: 'deploy/.env.production',
      code: 'STRIPE_API_KEY=sk_live_51HqLr\r\nLOG_LEVEL=info\r\n',
      errors: [{ line: 1, column: 16, endColumn: 30, message: literal('STRIPE_API_KEY') }],
    },
    {
      name: 'read as Compose reads it: a byte order mark, a value that starts with #, an escaped quote',
      filename: '.env',
      code: '\uFEFFDB_PASSWORD=Xq7-pl0ugh-r1ver\nADMIN_TOKEN=#t0k3n-Value-91\nSMTP_PASSWORD="n0t\\"a-default"\nLOG_LEVEL=info\n',
      errors: [
        { line: 1, column: 14, endColumn: 30, message: literal('DB_PASSWORD') },
        { line: 2, column: 13, endColumn: 28, message: literal('ADMIN_TOKEN') },
        { line: 3, column: 16, endColumn: 30, message: literal('SMTP_PASSWORD') },
      ],
    },
    {
      name: 'a template that a service loads with env_file: is configuration',
      filename: 'deploy/.env.example',
      code: TEMPLATE,
      files: { 'deploy/compose.yaml': 'services:\n  db:\n    image: postgres:16.4\n    env_file:\n      - path: ./.env.example\n        required: false\n' },
      errors: [{ line: 2, column: 13, endColumn: 29, message: literal('DB_PASSWORD') }],
    },
  ],
});
