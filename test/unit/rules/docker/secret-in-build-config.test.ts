import { secretInBuildConfig } from '../../../../server/src/rules/docker/secret-in-build-config';
import { testRule } from '../../../helpers/ruleTester';

const message = (keyword: 'ENV' | 'ARG', name: string, id: string) =>
  `${keyword} "${name}" looks like a secret, and ${keyword} values stay readable in the image's ${keyword === 'ENV' ? 'config' : 'history'}; use RUN --mount=type=secret,id=${id} and read /run/secrets/${id} instead.`;

testRule(secretInBuildConfig, {
  valid: [
    'FROM python:3.12.7-slim\nENV PYTHONUNBUFFERED=1 PORT=8000\nARG PYTHON_VERSION=3.12\n',
    { name: 'exempt names', code: 'FROM alpine:3.20.3\nENV GPG_KEY_FILE=/keys/pub.asc PUBLIC_KEY=abc\nARG NODE_VERSION\n' },
    {
      name: "an ENV in a builder stage stays in that stage; the image copies only the build's output",
      code: 'FROM node:22.11.0-slim AS ui\nARG ANALYTICS_API_KEY=""\nENV ANALYTICS_API_KEY=$ANALYTICS_API_KEY\nRUN npm run build\nFROM nginx:1.27.2\nCOPY --from=ui /app/dist /usr/share/nginx/html\n',
    },
    {
      name: 'an ARG without a value whose name describes the secret: a switch, an address',
      code: 'FROM node:22.11.0-slim\nARG VITE_AUTH_REGISTRATION_ENABLED\nARG TOKEN_URL\n',
    },
    { name: 'secret mount instead', code: 'FROM alpine:3.20.3\nRUN --mount=type=secret,id=token cat /run/secrets/token\n' },
    { name: 'a value that mentions a secret is not a name', code: 'FROM alpine:3.20.3\nENV HINT=password\n' },
    { name: 'empty file', code: '' },
    {
      name: 'literal values that are no credential: a secret file path, a mechanism, an empty value, a name about the secret',
      code: 'FROM postgres:16.4\nENV POSTGRES_PASSWORD=/run/secrets/db_password POSTGRES_HOST_AUTH_METHOD=scram-sha-256\nENV AUTH=none DB_PASSWORD=""\nARG TOKEN_URL=https://auth.example.com/token\n',
    },
  ],
  invalid: [
    {
      name: 'a reference still bakes the build argument into the image; a placeholder is still a credential',
      code: 'FROM alpine:3.20.3\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN} ADMIN_PASSWORD=changeme\n',
      errors: [
        { line: 2, column: 5, endColumn: 14, message: message('ARG', 'NPM_TOKEN', 'npm_token') },
        { line: 3, column: 5, endColumn: 14, message: message('ENV', 'NPM_TOKEN', 'npm_token') },
        { line: 3, column: 28, endColumn: 42, message: message('ENV', 'ADMIN_PASSWORD', 'admin_password') },
      ],
    },
    {
      name: "a builder stage's build argument is recorded all the same; its ENV is not reported",
      code: 'FROM node:22.11.0-slim AS ui\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\nRUN npm ci\nFROM nginx:1.27.2\nCOPY --from=ui /app/dist /usr/share/nginx/html\n',
      errors: [{ line: 2, column: 5, endColumn: 14, message: message('ARG', 'NPM_TOKEN', 'npm_token') }],
    },
    {
      name: 'ENV key=value: the key is the range',
      code: 'FROM python:3.12.7-slim\nENV DB_PASSWORD=hunter2\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16, message: message('ENV', 'DB_PASSWORD', 'db_password'), severity: 'error' }],
    },
    {
      name: 'global ARG without default, and ARG in a stage',
      code: 'ARG GITHUB_TOKEN\nFROM alpine:3.20.3\nARG npmAuthToken=abc\n',
      errors: [
        { line: 1, column: 5, endColumn: 17, message: message('ARG', 'GITHUB_TOKEN', 'github_token') },
        { line: 3, column: 5, endColumn: 17, message: message('ARG', 'npmAuthToken', 'npm_auth_token') },
      ],
    },
    {
      name: 'several keys in one ENV, legacy ENV form, lowercase',
      code: 'FROM alpine:3.20.3\nENV A=1 API_KEY=x \\\n    SECRET_KEY_BASE=y\nenv JWT_SECRET changeme\n',
      errors: [
        { line: 2, column: 9, endColumn: 16, message: message('ENV', 'API_KEY', 'api_key') },
        { line: 3, column: 5, endColumn: 20 },
        { line: 4, column: 5, endColumn: 15 },
      ],
    },
  ],
});
