import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { looksSecret, secretInBuildConfig } from '../../../../server/src/rules/docker/secret-in-build-config';
import { testRule } from '../../../helpers/ruleTester';

it('secret-looking names: whole words at _ and camelCase boundaries; public, file, version exempt', () => {
  for (const name of ['DB_PASSWORD', 'passwd', 'GITHUB_TOKEN', 'apiKey', 'APIKEY', 'AWS_SECRET_ACCESS_KEY', 'npmAuth', 'GCP_CREDENTIALS', 'ADMIN_PWORD', 'SSH_KEY', 'Credential']) {
    assert.equal(looksSecret(name), true, name);
  }
  for (const name of ['PUBLIC_KEY', 'GPG_KEY_FILE', 'PASSWORD_FILE', 'TOKEN_VERSION', 'AUTHOR', 'OAUTH_CALLBACK_URL', 'KEYCLOAK_URL', 'MONKEY', 'TOKENIZER_MODEL', 'PYTHON_VERSION', 'PATH']) {
    assert.equal(looksSecret(name), false, name);
  }
});

const message = (keyword: 'ENV' | 'ARG', name: string, id: string) =>
  `${keyword} "${name}" looks like a secret, and ${keyword} values stay readable in the image's ${keyword === 'ENV' ? 'config' : 'history'}; use RUN --mount=type=secret,id=${id} and read /run/secrets/${id} instead.`;

testRule(secretInBuildConfig, {
  valid: [
    'FROM python:3.12.7-slim\nENV PYTHONUNBUFFERED=1 PORT=8000\nARG PYTHON_VERSION=3.12\n',
    { name: 'exempt names', code: 'FROM alpine:3.20.3\nENV GPG_KEY_FILE=/keys/pub.asc PUBLIC_KEY=abc\nARG NODE_VERSION\n' },
    { name: 'secret mount instead', code: 'FROM alpine:3.20.3\nRUN --mount=type=secret,id=token cat /run/secrets/token\n' },
    { name: 'a value that mentions a secret is not a name', code: 'FROM alpine:3.20.3\nENV HINT=password\n' },
    { name: 'empty file', code: '' },
  ],
  invalid: [
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
