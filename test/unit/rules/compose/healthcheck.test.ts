import { composeHealthcheck } from '../../../../server/src/rules/compose/healthcheck';
import { testRule } from '../../../helpers/ruleTester';

const NO_HEALTHCHECK = 'add one so Compose knows when it is ready (or healthcheck: { disable: true } to opt out).';
const curlDockerfile =
  'FROM python:3.12.7-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\nEXPOSE 8000\nCMD ["python", "-m", "api"]\n';

testRule(composeHealthcheck, {
  valid: [
    'services:\n  api:\n    image: api:1.0.0\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n',
    {
      name: 'a Compose file under a test folder is test scaffolding',
      filename: 'tests/e2e/compose.yaml',
      code: 'services:\n  db:\n    image: postgres:16.4\n',
    },
    { name: 'a one-shot test runner named docker-compose.test.yml', filename: 'docker-compose.test.yml', code: 'services:\n  db:\n    image: postgres:16.4\n' },
    {
      name: 'a one-shot seeding job declares restart: "no"',
      code: 'services:\n  seed:\n    build: ./seed\n    restart: "no"\n    profiles: [seed]\n',
      files: { 'seed/Dockerfile': 'FROM python:3.12.7-slim\nCMD ["python", "seed.py"]\n' },
    },
    { name: 'explicit opt-out', code: 'services:\n  job:\n    image: job:1.0.0\n    healthcheck:\n      disable: true\n' },
    {
      name: 'built Dockerfile has a HEALTHCHECK',
      code: 'services:\n  api:\n    build: .\n',
      files: { Dockerfile: 'FROM python:3.12.7-slim\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n' },
    },
    {
      name: 'built Dockerfile opts out with HEALTHCHECK NONE',
      code: 'services:\n  job:\n    build: .\n',
      files: { Dockerfile: 'FROM python:3.12.7-slim\nHEALTHCHECK NONE\n' },
    },
    {
      name: 'healthcheck from a merge key',
      code: 'x-hc: &hc\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  api:\n    <<: *hc\n    image: api:1.0.0\n',
    },
    {
      name: 'an overlay adds the healthcheck its base lacks: the merged service has one',
      code: 'services:\n  cache:\n    image: valkey/valkey:8.0.1\n',
      files: { 'compose.prod.yaml': 'services:\n  cache:\n    healthcheck:\n      test: ["CMD", "valkey-cli", "ping"]\n' },
    },
    {
      name: 'an overlay that only adds keys is not reported for what its base has',
      filename: 'docker-compose.override.yml',
      code: 'services:\n  db:\n    ports:\n      - "5432:5432"\n',
      files: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n' },
    },
    {
      name: 'a service that extends one in another file inherits its healthcheck',
      code: 'services:\n  worker:\n    extends:\n      file: common/services.yaml\n      service: python-app\n    command: ["worker"]\n',
      files: { 'common/services.yaml': 'services:\n  python-app:\n    image: app:2.0.1\n    healthcheck:\n      test: ["CMD", "app", "health"]\n' },
    },
  ],
  invalid: [
    {
      name: 'curl probe of the EXPOSEd port when the built Dockerfile installs curl',
      code: 'services:\n  api:\n    build: ./services/api\n    restart: unless-stopped\n',
      files: { 'services/api/Dockerfile': curlDockerfile },
      errors: [
        {
          line: 2,
          column: 3,
          endColumn: 6,
          message: `Service "api" has no healthcheck: and its Dockerfile services/api/Dockerfile has no HEALTHCHECK; ${NO_HEALTHCHECK}`,
        },
      ],
      suggestions: [[{ title: 'Add a healthcheck' }]],
      output:
        'services:\n  api:\n    build: ./services/api\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD-SHELL", "curl -fsS http://localhost:8000/health || exit 1"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n',
    },
    {
      name: 'wget probe when the Dockerfile installs wget; options apply',
      code: 'services:\n  admin:\n    build: .\n    ports:\n      - "9090:80"\n',
      files: { Dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y wget\n' },
      options: { probePath: '/ready', interval: '10s' },
      errors: [{ line: 2, column: 3, message: /has no healthcheck/ }],
      output:
        'services:\n  admin:\n    build: .\n    ports:\n      - "9090:80"\n    healthcheck:\n      test: ["CMD-SHELL", "wget -q --spider http://localhost:80/ready || exit 1"]\n      interval: 10s\n      timeout: 5s\n      retries: 3\n',
    },
    {
      name: 'well-known images get their own client, never curl',
      code: 'services:\n  db:\n    image: postgres:16.4\n  cache:\n    image: valkey/valkey:8.0.1-alpine\n    ports:\n      - "6379:6379"\n',
      errors: [
        { line: 2, column: 3, message: `Service "db" has no healthcheck:; ${NO_HEALTHCHECK}` },
        { line: 4, column: 3, message: `Service "cache" has no healthcheck:; ${NO_HEALTHCHECK}` },
      ],
      suggestions: [
        [
          {
            title: 'Add a healthcheck',
            output:
              'services:\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U \\"$${POSTGRES_USER:-postgres}\\""]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n  cache:\n    image: valkey/valkey:8.0.1-alpine\n    ports:\n      - "6379:6379"\n',
          },
        ],
        [
          {
            title: 'Add a healthcheck',
            output:
              'services:\n  db:\n    image: postgres:16.4\n  cache:\n    image: valkey/valkey:8.0.1-alpine\n    ports:\n      - "6379:6379"\n    healthcheck:\n      test: ["CMD", "valkey-cli", "ping"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n',
          },
        ],
      ],
      output:
        'services:\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U \\"$${POSTGRES_USER:-postgres}\\""]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n  cache:\n    image: valkey/valkey:8.0.1-alpine\n    ports:\n      - "6379:6379"\n    healthcheck:\n      test: ["CMD", "valkey-cli", "ping"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n',
    },
    {
      name: 'the client follows the image version: old MariaDB and MongoDB images lack healthcheck.sh and mongosh',
      code: 'services:\n  legacy-db:\n    image: mariadb:10.6.4-focal\n  db:\n    image: mariadb:11.4.4\n  legacy-docs:\n    image: mongo:4.2.0\n  docs:\n    image: mongo:7.0.14\n',
      errors: [
        { line: 2, column: 3, message: /^Service "legacy-db" has no healthcheck:/ },
        { line: 4, column: 3, message: /^Service "db" has no healthcheck:/ },
        { line: 6, column: 3, message: /^Service "legacy-docs" has no healthcheck:/ },
        { line: 8, column: 3, message: /^Service "docs" has no healthcheck:/ },
      ],
      output:
        'services:\n  legacy-db:\n    image: mariadb:10.6.4-focal\n    healthcheck:\n      test: ["CMD", "mysqladmin", "ping", "-h", "localhost"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n' +
        '  db:\n    image: mariadb:11.4.4\n    healthcheck:\n      test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n' +
        '  legacy-docs:\n    image: mongo:4.2.0\n    healthcheck:\n      test: ["CMD", "mongo", "--quiet", "--eval", "db.adminCommand(\'ping\')"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n' +
        '  docs:\n    image: mongo:7.0.14\n    healthcheck:\n      test: ["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand(\'ping\')"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n',
    },
    {
      name: 'an image built elsewhere may define its own HEALTHCHECK: an info, no probe guessed, no opt-out that could switch it off',
      code: 'services:\n  admin:\n    image: admin:0.9.1\n    ports:\n      - "9090:80"\n',
      errors: [
        {
          line: 2,
          column: 3,
          severity: 'info',
          message:
            'Service "admin" has no healthcheck: and runs the image "admin:0.9.1", which is built elsewhere: Plumbline cannot see whether it defines a HEALTHCHECK. If it does not, add one so Compose knows when the service is ready.',
        },
      ],
      suggestions: [[]],
      output: null,
    },
    {
      name: 'built on a base chosen at build time: the base may define a HEALTHCHECK, an info',
      code: 'services:\n  web:\n    build: ./web\n',
      files: { 'web/Dockerfile': 'ARG APP_IMAGE\nFROM ${APP_IMAGE}\nCOPY config.py /etc/app/\n' },
      errors: [
        {
          line: 2,
          column: 3,
          severity: 'info',
          message:
            /^Service "web" has no healthcheck: and builds web\/Dockerfile, which has none, but its base image \$\{APP_IMAGE\} may define a HEALTHCHECK that Plumbline cannot see\./,
        },
      ],
      output: null,
    },
    {
      name: 'services that run one image built elsewhere share one info, on the first of them',
      code: 'x-consumer: &consumer\n  image: "$CONSUMER_IMAGE"\nservices:\n  events:\n    <<: *consumer\n  billing:\n    <<: *consumer\n  search:\n    <<: *consumer\n  reports:\n    <<: *consumer\n  relay:\n    image: relay:24.10.0\n',
      errors: [
        {
          line: 4,
          column: 3,
          severity: 'info',
          message:
            'Services "events", "billing" and 2 more have no healthcheck: and run the image "$CONSUMER_IMAGE", which is built elsewhere: Plumbline cannot see whether it defines a HEALTHCHECK. If it does not, add one so Compose knows when the service is ready.',
        },
        { line: 12, column: 3, severity: 'info', message: /^Service "relay" has no healthcheck: and runs the image "relay:24\.10\.0"/ },
      ],
      output: null,
    },
    {
      name: 'a well-known image without a client to probe it: the message says so',
      code: 'services:\n  proxy:\n    image: nginx:1.27.2-alpine\n',
      errors: [
        {
          line: 2,
          column: 3,
          severity: 'warning',
          message: `Service "proxy" has no healthcheck:; ${NO_HEALTHCHECK} No probe is offered: the image "nginx:1.27.2-alpine" has no client Plumbline knows to probe it with; use the one its documentation recommends.`,
        },
      ],
      suggestions: [[]],
    },
    {
      name: 'built without curl or wget: the opt-out is offered, not preferred',
      code: 'services:\n  worker:\n    build: .\n    command: ["celery", "worker"]\n',
      files: { Dockerfile: 'FROM python:3.12.7-slim\nUSER 10001\n' },
      errors: [
        {
          line: 2,
          column: 3,
          message: `Service "worker" has no healthcheck: and its Dockerfile has no HEALTHCHECK; ${NO_HEALTHCHECK} No probe is offered: Dockerfile installs neither curl nor wget and exposes no port, so only its author knows what proves it ready.`,
        },
      ],
      suggestions: [
        [
          {
            title: 'Opt out with healthcheck: { disable: true }',
            output: 'services:\n  worker:\n    build: .\n    command: ["celery", "worker"]\n    healthcheck:\n      disable: true\n',
          },
        ],
      ],
      output: null,
    },
    {
      name: 'a new service that only an overlay defines is judged there',
      filename: 'compose.override.yaml',
      code: 'services:\n  cache:\n    image: redis:7.4.1\n',
      files: { 'compose.yaml': 'services:\n  api:\n    image: api:1.0.0\n    healthcheck:\n      test: ["CMD", "api", "health"]\n' },
      errors: [{ line: 2, column: 3, message: /^Service "cache" has no healthcheck:/ }],
      output:
        'services:\n  cache:\n    image: redis:7.4.1\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n',
    },
  ],
});
