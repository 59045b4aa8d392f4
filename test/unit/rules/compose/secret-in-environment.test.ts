import { composeSecretInEnvironment } from '../../../../server/src/rules/compose/secret-in-environment';
import { testRule } from '../../../helpers/ruleTester';

testRule(composeSecretInEnvironment, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n      POSTGRES_USER: app\n      STRIPE_PUBLIC_KEY: pk_live_123\n',
    { name: 'list form passed through or interpolated', code: 'services:\n  api:\n    image: api:1.0.0\n    environment:\n      - API_TOKEN\n      - JWT_SECRET=${JWT_SECRET:?set it}\n      - LOG_LEVEL=info\n' },
    { name: 'empty value', code: 'services:\n  api:\n    image: api:1.0.0\n    environment:\n      API_KEY: ""\n' },
  ],
  invalid: [
    {
      name: 'map form, at the value',
      code: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
      errors: [{ line: 5, column: 26, endColumn: 33, message: 'POSTGRES_PASSWORD of service "db" is set to a literal secret in environment:; use Compose secrets: (or ${POSTGRES_PASSWORD} from an untracked .env file) so it stays out of version control.' }],
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
