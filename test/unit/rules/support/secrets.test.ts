import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeSecret, judgeSecretValue, looksLikeSecretVariable, namesSomethingAboutSecret } from '../../../../server/src/rules/support/secrets';

describe('secret judgement shared by PL105, PL206 and PL307', () => {
  it('secret-looking variables: whole words at _ and camelCase boundaries; public, file, version exempt', () => {
    for (const name of [
      'DB_PASSWORD',
      'passwd',
      'GITHUB_TOKEN',
      'apiKey',
      'APIKEY',
      'AWS_SECRET_ACCESS_KEY',
      'npmAuth',
      'GCP_CREDENTIALS',
      'ADMIN_PWORD',
      'SSH_KEY',
      'Credential',
      'POSTGRES_PW',
    ]) {
      assert.equal(looksLikeSecretVariable(name), true, name);
    }
    for (const name of [
      'PUBLIC_KEY',
      'GPG_KEY_FILE',
      'PASSWORD_FILE',
      'TOKEN_VERSION',
      'AUTHOR',
      'OAUTH_CALLBACK_URL',
      'KEYCLOAK_URL',
      'MONKEY',
      'TOKENIZER_MODEL',
      'PYTHON_VERSION',
      'PATH',
      'PWD',
    ]) {
      assert.equal(looksLikeSecretVariable(name), false, name);
    }
  });

  it('names whose last word describes the secret', () => {
    for (const name of [
      'password_file',
      'token_type',
      'POSTGRES_HOST_AUTH_METHOD',
      'AUTH_TYPE',
      'LOGIN_STATUS',
      'TOKEN_URL',
      'KEY_PATH',
      'SECRET_NAME',
      'PASSWORD_MIN_LENGTH',
      'AUTH_HEADER',
      'AWS_ACCESS_KEY_ID',
      'MINIO_ACCESS_KEY',
      'RESET_TOKEN_EXPIRE_HOURS',
      'apiKeyHeader',
      'password_title',
      'passwordPlaceholder',
    ]) {
      assert.equal(namesSomethingAboutSecret(name), true, name);
    }
    for (const name of [
      'password',
      'DB_PASSWORD',
      'SECRET_KEY',
      'AWS_SECRET_ACCESS_KEY',
      'api_token',
      'FILE_TOKEN',
      'VAULT_DEV_ROOT_TOKEN_ID',
      'APPROLE_SECRET_ID',
    ]) {
      assert.equal(namesSomethingAboutSecret(name), false, name);
    }
  });

  const cases: Array<[string, ReturnType<typeof judgeSecretValue>]> = [
    ['', 'not-a-secret'],
    ['   ', 'not-a-secret'],
    ['---', 'not-a-secret'],
    ['${DB_PASSWORD}', 'reference'],
    ['$DB_PASSWORD', 'reference'],
    ['${DB_PASSWORD:?set it}', 'reference'],
    ['${DB_PASSWORD:-}', 'reference'],
    ['${DB_PASSWORD:-s3cr3t-Default}', 'credential'],
    ['${DB_PASSWORD:-changeme}', 'placeholder'],
    ['prefix-${TOKEN}', 'reference'],
    ['/run/secrets/db-password', 'not-a-secret'],
    ['./secrets/token.txt', 'not-a-secret'],
    ['https://auth.example.com/token', 'not-a-secret'],
    ['postgres://app@db:5432/app', 'not-a-secret'],
    ['postgres://app:${DB_PASSWORD}@db:5432/app', 'reference'],
    ['postgres://app:Wq81-xz@db:5432/app', 'credential'],
    ['trust', 'not-a-secret'],
    ['scram-sha-256', 'not-a-secret'],
    ['Bearer', 'not-a-secret'],
    ['false', 'not-a-secret'],
    ['OIDC', 'not-a-secret'],
    ['{module}', 'not-a-secret'],
    ['***CHANGED***', 'not-a-secret'],
    ['******', 'not-a-secret'],
    // What an API returns in place of a hash it keeps back.
    ['REDACTED', 'not-a-secret'],
    ['<redacted>', 'not-a-secret'],
    // A program's option that says where the secret comes from.
    ['--passphrase-fd 0', 'not-a-secret'],
    ['--password-stdin', 'not-a-secret'],
    ['--8kQ2-vx', 'credential'],
    // The cache key of a rebuild lock; a user:password pair is still a credential.
    ['sumo:wiki:full-rebuild', 'not-a-secret'],
    ['admin:Wq81-xz', 'credential'],
    ['Reset your account password', 'not-a-secret'],
    ['Invalid or expired token.', 'not-a-secret'],
    ['reset_password.html', 'not-a-secret'],
    ['tls/server.key', 'not-a-secret'],
    ['server.key', 'not-a-secret'],
    ['accounts.tokens.ResetTokenGenerator', 'not-a-secret'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'credential'],
    ['correct-horse', 'credential'],
    ['changethis', 'placeholder'],
    ['changeme', 'placeholder'],
    ['change-me', 'placeholder'],
    ['changeit', 'placeholder'],
    ['supersecret', 'placeholder'],
    ['password', 'placeholder'],
    ['your-api-key', 'placeholder'],
    ['<token>', 'placeholder'],
    ['a', 'stand-in'],
    ['def', 'stand-in'],
    ['${TOKEN:-abc}', 'stand-in'],
    ['foo1', 'credential'],
    ['test', 'placeholder'],
    ['qwerty', 'placeholder'],
    ['hunter2', 'credential'],
    ['sentry', 'credential'],
    ['example_123', 'credential'],
    ['1234', 'credential'],
  ];
  for (const [value, verdict] of cases) {
    it(`"${value}" → ${verdict}`, () => assert.equal(judgeSecretValue(value), verdict));
  }

  it('a name about the secret holds no secret whatever its value', () => {
    assert.equal(judgeSecret('token_type', 'hunter2'), 'not-a-secret');
    assert.equal(judgeSecret('GPG_KEY', 'A035C8C19219BA821ECEA86B64E628F8D684696D'), 'not-a-secret');
    assert.equal(judgeSecret('SECRET_KEY_CHARSET', 'abcdefghijklmnopqrstuvwxyz0123456789'), 'not-a-secret');
    assert.equal(judgeSecret('secret_from', 'config'), 'not-a-secret');
    assert.equal(judgeSecret('RELEASE_PGP_KEY_ID', '7169605F62C751356D054A26A821E680E5FA6305'), 'not-a-secret');
    assert.equal(judgeSecret('DB_PASSWORD', 'hunter2'), 'credential');
  });

  it("an enumeration member whose value spells its name's words is a code, not a secret", () => {
    assert.equal(judgeSecret('PASSWORD_TOO_SHORT', 'password_too_short'), 'not-a-secret');
    assert.equal(judgeSecret('JWT_INVALID_TOKEN', 'invalid_token'), 'not-a-secret');
    assert.equal(judgeSecret('SECRET', 'Secret'), 'not-a-secret');
    assert.equal(judgeSecret('DB_PASSWORD', 'password'), 'placeholder');
    assert.equal(judgeSecret('PASSWORD', 'password'), 'placeholder');
    assert.equal(judgeSecret('API_TOKEN', 'token_api_9f8e'), 'credential');
  });
});
