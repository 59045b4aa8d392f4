import { composeNonRootUser } from '../../../../server/src/rules/compose/non-root-user';
import { testRule } from '../../../helpers/ruleTester';

const nonRootDockerfile = 'FROM python:3.12.7-slim AS runtime\nRUN useradd --uid 10001 app\nUSER app\nCMD ["python", "-m", "api"]\n';
const rootDockerfile = 'FROM python:3.12.7-slim AS builder\nUSER app\nFROM python:3.12.7-slim AS runtime\nCMD ["python", "-m", "api"]\n';

testRule(composeNonRootUser, {
  valid: [
    'services:\n  worker:\n    image: registry.example.com/worker:2.3.0\n    user: "10001:10001"\n',
    {
      name: "an integration test's Compose file under a test folder is test scaffolding",
      filename: '_integration-test/custom-ca/docker-compose.test.yml',
      code: 'services:\n  fixture:\n    build: .\n    user: root\n',
      files: { '_integration-test/custom-ca/Dockerfile': 'FROM python:3.12.7-slim\nCMD ["python", "serve.py"]\n' },
    },
    {
      name: 'a service built from a Dockerfile whose entrypoint switches user with gosu: PL101 says so on the Dockerfile',
      filename: 'compose.yaml',
      code: 'services:\n  app:\n    build: ./app\n',
      files: {
        'app/Dockerfile':
          'FROM python:3.12.7-slim\nRUN useradd -r app && apt-get update && apt-get install -y --no-install-recommends gosu=1.14-1+b10\nENTRYPOINT ["/entrypoint.sh"]\n',
      },
    },
    {
      name: 'a one-shot test runner named compose.test.yaml',
      filename: 'compose.test.yaml',
      code: 'services:\n  tests:\n    image: registry.example.com/api-tests:1.0.0\n',
    },
    {
      name: 'built from a Dockerfile whose final stage is non-root',
      code: 'services:\n  api:\n    build: ./services/api\n',
      files: { 'services/api/Dockerfile': nonRootDockerfile },
    },
    {
      name: 'build with context, dockerfile and target',
      code: 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api/Dockerfile\n      target: runtime\n',
      files: { 'docker/api/Dockerfile': nonRootDockerfile + 'FROM runtime AS debug\nUSER root\n' },
    },
    { name: 'user from a merge key', code: 'x-base: &base\n  user: "1000"\nservices:\n  worker:\n    <<: *base\n    image: worker:1.0.0\n' },
    { name: 'user from an extended service', code: 'services:\n  base:\n    image: worker:1.0.0\n    user: app\n  worker:\n    extends: base\n' },
    {
      name: 'an override file amends a service the base file defines',
      filename: 'compose.override.yaml',
      code: 'services:\n  worker:\n    environment:\n      LOG_LEVEL: debug\n',
      files: { 'compose.yaml': 'services:\n  worker:\n    image: worker:1.0.0\n' },
    },
    {
      name: 'an unknown build target is left to PL210',
      code: 'services:\n  api:\n    build:\n      context: .\n      target: prod\n',
      files: { Dockerfile: rootDockerfile },
    },
    { name: 'user known only at run time', code: 'services:\n  worker:\n    image: worker:1.0.0\n    user: ${APP_UID}\n' },
    {
      name: 'images that manage their own user are not reported',
      code: 'services:\n  db:\n    image: postgres:16.4-bookworm\n  cache:\n    image: "valkey/valkey:8.0.1-alpine"\n  web:\n    image: nginx:1.27.2-alpine\n  search:\n    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.3\n  media:\n    image: lscr.io/linuxserver/plex:1.41.2\n',
    },
    {
      name: 'a service that mounts the Docker socket is left to PL205',
      code: 'services:\n  proxy:\n    image: traefik:v3.2.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
    },
    {
      name: 'built from a well-known image without USER: the image manages its user',
      code: 'services:\n  proxy:\n    build: ./proxy\n',
      files: { 'proxy/Dockerfile': 'FROM nginx:1.27.2-alpine\nCOPY nginx.conf /etc/nginx/nginx.conf\n' },
    },
    {
      name: 'built on a well-known image that build.args passes to FROM ${BASE_IMAGE}',
      code: 'services:\n  analytics:\n    build:\n      context: ./analytics\n      args:\n        BASE_IMAGE: "altinity/clickhouse-server:24.8.14.10459.altinitystable"\n',
      files: { 'analytics/Dockerfile': 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY config.d /etc/clickhouse-server/config.d\n' },
    },
    {
      name: 'an overlay that sets the user its base lacks: the merged service is non-root',
      code: 'services:\n  api:\n    build: ./api\n',
      files: { 'api/Dockerfile': rootDockerfile, 'compose.prod.yaml': 'services:\n  api:\n    user: "10001:10001"\n' },
    },
    {
      name: 'extends a service of another file that sets the user',
      code: 'services:\n  worker:\n    extends:\n      file: ../common/base.yaml\n      service: app\n',
      filename: 'deploy/compose.yaml',
      files: { 'common/base.yaml': 'services:\n  app:\n    image: app:2.0.1\n    user: "10001"\n' },
    },
    {
      name: 'files that include each other end the walk',
      code: 'include:\n  - compose.shared.yaml\nservices:\n  api:\n    image: api:1.0.0\n    user: "10001"\n',
      files: { 'compose.shared.yaml': 'include:\n  - compose.yaml\nservices:\n  api:\n    build: .\n' },
    },
    {
      name: 'included files are judged in their own right, not in the file that includes them',
      code: 'include:\n  - ../shared/monitoring.yaml\nservices:\n  api:\n    image: api:1.0.0\n    user: "10001"\n',
      filename: 'app/compose.yaml',
      files: { 'shared/monitoring.yaml': 'services:\n  exporter:\n    image: exporter:1.0.0\n' },
    },
  ],
  invalid: [
    {
      name: 'image built elsewhere: an info that says what cannot be verified, without a fix',
      code: 'services:\n  worker:\n    image: registry.example.com/worker:2.3.0  # pinned\n    command: ["worker"]\n  # the cache\n  cache:\n    image: redis:7.4.1\n',
      errors: [
        {
          line: 2,
          column: 3,
          endColumn: 9,
          severity: 'info',
          message:
            'Service "worker" sets no user: and runs the image "registry.example.com/worker:2.3.0", which is built elsewhere: Plumbline cannot see which USER it runs as. If it runs as root, add user: "10001:10001" or set a non-root USER in its Dockerfile.',
        },
      ],
      suggestions: [[]],
      output: null,
    },
    {
      name: "an override's build: { target: } keeps the base file's context and Dockerfile, as Compose merges build key by key",
      code: 'services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.app\n      target: release\n',
      files: {
        'compose.override.yaml': 'services:\n  web:\n    build:\n      target: dev\n',
        'Dockerfile.app':
          'FROM python:3.12.7-slim AS dev\nCMD ["flask", "run"]\n\nFROM python:3.12.7-slim AS release\nUSER 10001\nCMD ["gunicorn", "app:app"]\n',
      },
      errors: [{ line: 2, column: 3, message: /^Service "web" runs as root: its Dockerfile Dockerfile.app sets no USER on top of python:3.12.7-slim/ }],
      output: 'services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.app\n      target: release\n    user: "10001:10001"\n',
    },
    {
      name: 'services that run one image built elsewhere share one info, on the first of them',
      code: 'services:\n  api:\n    image: "$APP_IMAGE"\n  worker:\n    image: "$APP_IMAGE"\n    command: ["worker"]\n',
      errors: [
        {
          line: 2,
          column: 3,
          severity: 'info',
          message: /^Services "api" and "worker" set no user: and run the image "\$APP_IMAGE", which is built elsewhere/,
        },
      ],
    },
    {
      name: 'built stage runs as root on a python base; 4-space indentation and single quotes kept',
      code: "services:\n    api:\n        build: ./services/api\n        command: 'serve'\n",
      files: { 'services/api/Dockerfile': rootDockerfile },
      errors: [
        {
          line: 2,
          column: 5,
          severity: 'warning',
          message:
            'Service "api" runs as root: its Dockerfile services/api/Dockerfile sets no USER on top of python:3.12.7-slim, which runs as root. Add user: "10001:10001" to the service or a non-root USER to the Dockerfile.',
        },
      ],
      output: "services:\n    api:\n        build: ./services/api\n        command: 'serve'\n        user: '10001:10001'\n",
    },
    {
      name: 'built stage ends with USER 0: maybe deliberate, so the fix is offered but not preferred',
      code: 'services:\n  cron:\n    build: ./cron\n',
      files: { 'cron/Dockerfile': 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nUSER 0\nRUN apt-get update\n' },
      errors: [
        {
          line: 2,
          column: 3,
          severity: 'warning',
          message:
            'Service "cron" runs as root: its Dockerfile cron/Dockerfile ends with USER 0. Add user: "10001:10001" to the service or a non-root USER to the Dockerfile, unless its entrypoint needs root and drops privileges itself.',
        },
      ],
      suggestions: [[{ title: 'Add user: "10001:10001"', output: 'services:\n  cron:\n    build: ./cron\n    user: "10001:10001"\n' }]],
      output: null,
    },
    {
      name: 'built on a base chosen at build time: the base decides, an info',
      code: 'services:\n  web:\n    build:\n      context: ./app\n',
      files: { 'app/Dockerfile': 'ARG APP_IMAGE\nFROM ${APP_IMAGE}\nRUN pip install plugin==1.2.0\n' },
      errors: [
        {
          line: 2,
          column: 3,
          severity: 'info',
          message:
            'Service "web" sets no user: and builds app/Dockerfile, which sets no USER: it runs as whatever user the base image ${APP_IMAGE} sets, which Plumbline cannot see.',
        },
      ],
      output: null,
    },
    {
      name: 'explicit root user is replaced',
      code: 'services:\n  worker:\n    image: worker:1.0.0\n    user: root\n',
      errors: [{ line: 4, column: 11, endColumn: 15, message: 'Service "worker" runs as root (user: root); set a non-root user such as "10001:10001".' }],
      output: 'services:\n  worker:\n    image: worker:1.0.0\n    user: "10001:10001"\n',
    },
    {
      name: 'explicit root on an image that manages its own user: no uid is suggested',
      code: 'services:\n  db:\n    image: postgres:16.4\n    user: "0"\n',
      errors: [
        {
          line: 4,
          column: 11,
          message:
            'Service "db" runs as root (user: 0); remove user: and let the image choose its user: its entrypoint starts as root to prepare its data directory, then runs the server as the postgres user.',
        },
      ],
      suggestions: [[]],
      output: null,
    },
    {
      name: 'configured uid, file without a final newline',
      code: 'services:\n  worker:\n    build: .',
      files: { Dockerfile: 'FROM node:22.11.0-bookworm-slim\nCMD ["node", "worker.js"]\n' },
      options: { user: '2000:2000' },
      errors: [{ line: 2, column: 3, message: /Add user: "2000:2000"/ }],
      output: 'services:\n  worker:\n    build: .\n    user: "2000:2000"',
    },
    {
      name: 'a new service in an override file is judged there, as merged',
      filename: 'compose.override.yaml',
      code: 'services:\n  adminer:\n    build: ./adminer\n',
      files: { 'compose.yaml': 'services:\n  worker:\n    image: worker:1.0.0\n    user: "10001"\n', 'adminer/Dockerfile': 'FROM php:8.3.13-cli\n' },
      errors: [{ line: 2, column: 3, message: /^Service "adminer" runs as root: its Dockerfile adminer\/Dockerfile sets no USER on top of php:8\.3\.13-cli/ }],
      output: 'services:\n  adminer:\n    build: ./adminer\n    user: "10001:10001"\n',
    },
    {
      name: 'the base is reported once, on its definition; the fix writes into the base, not the overlay',
      code: 'services:\n  api:\n    build: ./api\n',
      files: {
        'api/Dockerfile': rootDockerfile,
        'compose.override.yaml': 'services:\n  api:\n    environment:\n      DEBUG: "1"\n',
        'compose.prod.yaml': 'services:\n  api:\n    restart: always\n',
      },
      errors: [{ line: 2, column: 3, message: /^Service "api" runs as root/ }],
      output: 'services:\n  api:\n    build: ./api\n    user: "10001:10001"\n',
    },
    {
      name: 'flow-style service gets no fix',
      code: 'services:\n  worker: { build: "." }\n',
      files: { Dockerfile: 'FROM golang:1.23.3\n' },
      errors: [{ line: 2, column: 3, message: /runs as root/ }],
      output: null,
    },
  ],
});
