import { composeSecretInEnvironment } from '../../../../server/src/rules/compose/secret-in-environment';
import { testRule } from '../../../helpers/ruleTester';

testRule(composeSecretInEnvironment, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n      POSTGRES_USER: app\n      STRIPE_PUBLIC_KEY: pk_live_123\n',
    {
      name: 'list form passed through or interpolated',
      code: 'services:\n  api:\n    image: api:1.0.0\n    environment:\n      - API_TOKEN\n      - JWT_SECRET=${JWT_SECRET:?set it}\n      - LOG_LEVEL=info\n',
    },
    { name: 'empty value', code: 'services:\n  api:\n    image: api:1.0.0\n    environment:\n      API_KEY: ""\n' },
    {
      name: 'values that are no credential: auth mechanisms, secret file paths, URLs without a password, names about the secret',
      code: 'services:\n  postgres:\n    image: postgres:16.4\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: "trust"\n  pooler:\n    image: pgbouncer/pgbouncer:1.23.1\n    environment:\n      AUTH_TYPE: scram-sha-256\n      AUTH_FILE: /etc/pgbouncer/userlist.txt\n  api:\n    image: api:1.0.0\n    environment:\n      - DATABASE_PASSWORD=/run/secrets/db-password\n      - OAUTH_TOKEN_URL=https://id.example.com/oauth/token\n      - AWS_ACCESS_KEY_ID=minio-reader\n      - JWT_TOKEN_EXPIRE_MINUTES=30\n      - DATABASE_URL=postgres://api:${DB_PASSWORD}@postgres/api\n',
    },
    {
      name: 'a Compose file for test runs',
      filename: 'compose.test.yaml',
      code: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: throwaway-7\n',
    },
    {
      name: 'and an override for the unit tests',
      filename: 'docker-compose.override.unit_tests.yml',
      code: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: throwaway-7\n',
    },
    {
      name: 'and one for a CI/CD pipeline',
      filename: 'docker/compose.performance_cicd.yml',
      code: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: throwaway-7\n',
    },
    {
      name: 'an escaped dollar is part of a literal, not a reference',
      code: 'services:\n  api:\n    image: api:1.0.0\n    environment:\n      LOG_FORMAT: "$$time"\n',
    },
  ],
  invalid: [
    {
      name: 'a well-known placeholder is a default credential, said so; an escaped dollar stays literal',
      code: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changethis}\n      AWS_SECRET_ACCESS_KEY: "pa$$word"\n',
      errors: [
        {
          line: 5,
          column: 26,
          endColumn: 58,
          message:
            'POSTGRES_PASSWORD of service "db" is set to "${POSTGRES_PASSWORD:-changethis}", a well-known placeholder: a deployment that does not override it runs with a published credential; require it instead (${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}) or use Compose secrets:.',
        },
        { line: 6, column: 30, endColumn: 40, message: /^AWS_SECRET_ACCESS_KEY of service "db" is set to a literal secret/ },
      ],
    },
    {
      name: 'map form, at the value',
      code: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
      errors: [
        {
          line: 5,
          column: 26,
          endColumn: 33,
          message:
            'POSTGRES_PASSWORD of service "db" is set to a literal secret in environment:; use Compose secrets: (or ${POSTGRES_PASSWORD} from an untracked .env file) so it stays out of version control.',
        },
      ],
    },
    {
      name: 'list form, at the value after =',
      code: 'services:\n  api:\n    image: api:1.0.0\n    environment:\n      - "stripeApiKey=sk_live_abc"\n      - AUTH_TOKEN=abc123\n',
      errors: [
        { line: 5, column: 23, endColumn: 34, message: /^stripeApiKey of service "api"/ },
        { line: 6, column: 20, endColumn: 26, message: /^AUTH_TOKEN of service "api"/ },
      ],
    },
  ],
});
