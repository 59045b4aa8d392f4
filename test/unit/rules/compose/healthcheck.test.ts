import { composeHealthcheck } from '../../../../server/src/rules/compose/healthcheck';
import { testRule } from '../../../helpers/ruleTester';

testRule(composeHealthcheck, {
  valid: [
    'services:\n  api:\n    image: api:1.0.0\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n',
    { name: 'explicit opt-out', code: 'services:\n  job:\n    image: job:1.0.0\n    healthcheck:\n      disable: true\n' },
    { name: 'built Dockerfile has a HEALTHCHECK', code: 'services:\n  api:\n    build: .\n', files: { Dockerfile: 'FROM python:3.12.7-slim\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n' } },
    { name: 'built Dockerfile opts out with HEALTHCHECK NONE', code: 'services:\n  job:\n    build: .\n', files: { Dockerfile: 'FROM python:3.12.7-slim\nHEALTHCHECK NONE\n' } },
    { name: 'healthcheck from a merge key', code: 'x-hc: &hc\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  api:\n    <<: *hc\n    image: api:1.0.0\n' },
  ],
  invalid: [
    {
      name: 'probe built from the EXPOSEd port of the built Dockerfile',
      code: 'services:\n  api:\n    build: ./services/api\n    restart: unless-stopped\n',
      files: { 'services/api/Dockerfile': 'FROM python:3.12.7-slim\nEXPOSE 8000\nCMD ["python", "-m", "api"]\n' },
      errors: [{ line: 2, column: 3, endColumn: 6, message: 'Service "api" has no healthcheck: and its Dockerfile services/api/Dockerfile has no HEALTHCHECK; add one so Compose knows when it is ready (or healthcheck: { disable: true } to opt out).' }],
      output:
        'services:\n  api:\n    build: ./services/api\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD-SHELL", "curl -fsS http://localhost:8000/health || exit 1"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n',
    },
    {
      name: 'well-known image gets its own probe',
      code: 'services:\n  db:\n    image: postgres:16.4\n  cache:\n    image: redis:7.4.1\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
      errors: [{ line: 2, column: 3, message: 'Service "db" has no healthcheck:; add one so Compose knows when it is ready (or healthcheck: { disable: true } to opt out).' }],
      output:
        'services:\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD", "pg_isready", "-U", "postgres"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n  cache:\n    image: redis:7.4.1\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
    },
    {
      name: 'port from ports: when no Dockerfile is known; options apply',
      code: 'services:\n  admin:\n    image: admin:0.9.1\n    ports:\n      - "9090:80"\n',
      options: { probePath: '/ready', interval: '10s' },
      errors: [{ line: 2, column: 3, message: /has no healthcheck/ }],
      output: 'services:\n  admin:\n    image: admin:0.9.1\n    ports:\n      - "9090:80"\n    healthcheck:\n      test: ["CMD-SHELL", "curl -fsS http://localhost:80/ready || exit 1"]\n      interval: 10s\n      timeout: 5s\n      retries: 3\n',
    },
    {
      name: 'no port and no known image: reported without a fix',
      code: 'services:\n  worker:\n    image: worker:1.0.0\n',
      errors: [{ line: 2, column: 3, message: /has no healthcheck/ }],
      output: null,
    },
  ],
});
