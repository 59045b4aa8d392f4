import { composeResourceLimits } from '../../../../server/src/rules/compose/resource-limits';
import { testRule } from '../../../helpers/ruleTester';

testRule(composeResourceLimits, {
  valid: [
    'services:\n  api:\n    image: api:1.0.0\n    deploy:\n      resources:\n        limits:\n          cpus: "1"\n          memory: 1G\n',
    { name: 'older syntax', code: 'services:\n  api:\n    image: api:1.0.0\n    mem_limit: 1g\n    cpus: 0.5\n' },
    {
      name: 'limits from a merge key',
      code: 'x-limits: &limits\n  deploy:\n    resources:\n      limits: { cpus: "0.5", memory: 256M }\nservices:\n  api:\n    <<: *limits\n    image: api:1.0.0\n',
    },
    {
      name: 'extends a service of a file that is not in the workspace: not judged',
      code: 'services:\n  api:\n    extends:\n      file: base.yaml\n      service: api\n',
    },
    {
      name: 'extends a service of another file that sets the limits',
      code: 'services:\n  api:\n    extends:\n      file: common.yaml\n      service: base\n',
      files: { 'common.yaml': 'services:\n  base:\n    image: api:1.0.0\n    mem_limit: 1g\n    cpus: 1\n' },
    },
    {
      name: 'a production overlay sets the limits: deploy merges key by key with the base',
      code: 'services:\n  api:\n    image: api:1.0.0\n    deploy:\n      replicas: 2\n',
      files: { 'compose.prod.yaml': 'services:\n  api:\n    deploy:\n      resources:\n        limits: { cpus: "1", memory: 1G }\n' },
    },
    {
      name: 'a Compose file under a test folder is test scaffolding',
      filename: '_integration-test/fixtures/docker-compose.test.yml',
      code: 'services:\n  fixture:\n    image: nginx:1.27.3-alpine\n',
    },
    {
      name: 'a one-shot test runner named compose.test.yaml',
      filename: 'compose.test.yaml',
      code: 'services:\n  tests:\n    build: .\n    command: ["pytest"]\n',
    },
    {
      name: 'the stack of a CI job: any Compose file in a .ci/ folder',
      filename: '.ci/compose.cypress.yaml',
      code: 'services:\n  server:\n    build: ..\n',
    },
    {
      name: 'the stack of a development container',
      filename: '.devcontainer/docker-compose.yml',
      code: 'services:\n  workspace:\n    build: .\n    command: sleep infinity\n',
    },
    {
      name: 'a second way into the development container: a stack elsewhere that builds its Dockerfile',
      filename: '.sandbox/compose.yaml',
      code: 'services:\n  shop:\n    build:\n      context: ..\n      dockerfile: .devcontainer/Dockerfile\n    command: sleep infinity\n  db:\n    image: postgres:16\n',
      files: { '.devcontainer/Dockerfile': 'FROM python:3.12\n' },
    },
    {
      name: 'the stack a devcontainer.json names, wherever it is kept',
      filename: 'development/docker-compose.yml',
      code: 'services:\n  nautilus:\n    build:\n      context: ..\n      target: dev\n  db:\n    image: postgres:16\n',
      files: {
        '.devcontainer/devcontainer.json':
          '{\n  "name": "dev",\n  "dockerComposeFile": ["../development/docker-compose.yml", "../development/docker-compose.dev.yml"],\n}\n',
      },
    },
    {
      name: 'the stack of a CI job: compose.ci.yaml',
      filename: 'compose.ci.yaml',
      code: 'services:\n  app:\n    build: .\n',
    },
    {
      name: 'an override that only adds keys is not reported for what its base lacks',
      filename: 'compose.override.yaml',
      code: 'services:\n  api:\n    environment:\n      DEBUG: "1"\n',
      files: { 'compose.yaml': 'services:\n  api:\n    image: api:1.0.0\n' },
    },
  ],
  invalid: [
    {
      name: 'a root Compose file that a devcontainer.json reuses may be what production runs: still judged',
      filename: 'docker-compose.yml',
      code: 'services:\n  web:\n    image: shop:1.4.2\n',
      files: { '.devcontainer/devcontainer.json': '{ "dockerComposeFile": ["../docker-compose.yml", "docker-compose.yml"] }\n' },
      errors: [{ line: 2, column: 3, endColumn: 6, message: /^Service "web" has no memory or CPU limit/ }],
    },
    {
      name: 'no limits and no team values: a suggestion lays out the whole deploy block with placeholders',
      code: 'services:\n  api:\n    image: api:1.0.0\n    # listens on 8080\n    restart: always\n',
      errors: [
        {
          line: 2,
          column: 3,
          endColumn: 6,
          message:
            'Service "api" has no memory or CPU limit; set deploy.resources.limits.memory and deploy.resources.limits.cpus so one service cannot starve the host. No value is suggested: measure its peak (docker stats) and set the limit above it, or set the rule\'s memory and cpus options to the team\'s values.',
        },
      ],
      suggestions: [
        [
          {
            title: 'Add memory and CPU limits to fill in',
            applicability: 'suggestion',
            output:
              'services:\n  api:\n    image: api:1.0.0\n    # listens on 8080\n    restart: always\n    deploy:\n      resources:\n        limits:\n          memory: "${API_MEMORY_LIMIT:?set from the measured peak memory of api}"\n          cpus: "${API_CPU_LIMIT:?set the CPU limit of api}"\n',
          },
        ],
      ],
      output: null,
    },
    {
      name: "the team's values: an unsafe fix adds the whole deploy block",
      code: 'services:\n  api:\n    image: api:1.0.0\n    # listens on 8080\n    restart: always\n',
      options: { memory: '512M', cpus: '0.50' },
      errors: [
        {
          line: 2,
          column: 3,
          endColumn: 6,
          message:
            'Service "api" has no memory or CPU limit; set deploy.resources.limits.memory and deploy.resources.limits.cpus so one service cannot starve the host.',
        },
      ],
      suggestions: [[{ title: 'Add memory and CPU limits', applicability: 'unsafe' }]],
      output:
        'services:\n  api:\n    image: api:1.0.0\n    # listens on 8080\n    restart: always\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "0.50"\n',
    },
    {
      name: 'deploy exists: only the missing levels are added',
      code: 'services:\n  api:\n    image: api:1.0.0\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: 1G\n',
      options: { cpus: '2' },
      errors: [{ line: 2, column: 3, message: 'Service "api" has no CPU limit; set deploy.resources.limits.cpus so one service cannot starve the host.' }],
      output:
        'services:\n  api:\n    image: api:1.0.0\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: 1G\n          cpus: "2"\n',
    },
    {
      name: 'older syntax gets the older key',
      code: "services:\n  api:\n    image: 'api:1.0.0'\n    mem_limit: 1g\n",
      options: { memory: '512M', cpus: '0.50' },
      errors: [{ line: 2, column: 3, message: /has no CPU limit/ }],
      output: "services:\n  api:\n    image: 'api:1.0.0'\n    mem_limit: 1g\n    cpus: '0.50'\n",
    },
    {
      name: 'a byte-order mark does not change the detected indentation; CRLF line breaks are kept',
      code: '\ufeffservices:\r\n    api:\r\n        image: api:1.0.0\r\n',
      options: { memory: '512M', cpus: '0.50' },
      errors: [{ line: 2, column: 5, message: /no memory or CPU limit/ }],
      output:
        '\ufeffservices:\r\n    api:\r\n        image: api:1.0.0\r\n        deploy:\r\n            resources:\r\n                limits:\r\n                    memory: 512M\r\n                    cpus: "0.50"\r\n',
    },
    {
      name: 'a block scalar as the last value: the limits go after it',
      code: 'services:\n  job:\n    image: job:1.0.0\n    command: |\n      run --all\n  other:\n    image: x:1.0.0\n    mem_limit: 1g\n    cpus: 1\n',
      options: { memory: '512M', cpus: '0.50' },
      errors: [{ line: 2, column: 3, message: /no memory or CPU limit/ }],
      output:
        'services:\n  job:\n    image: job:1.0.0\n    command: |\n      run --all\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "0.50"\n  other:\n    image: x:1.0.0\n    mem_limit: 1g\n    cpus: 1\n',
    },
    {
      name: 'a database gets no guessed value: a suggestion lays out the keys with placeholders the author must fill',
      code: 'services:\n  search-db:\n    image: postgres:16.4-bookworm\n',
      errors: [
        {
          line: 2,
          column: 3,
          message:
            'Service "search-db" has no memory or CPU limit; set deploy.resources.limits.memory and deploy.resources.limits.cpus so one service cannot starve the host. No value is suggested: the memory of postgres grows with its data, and a guessed limit gets it killed under load; measure its peak (docker stats) and set the limit above it.',
        },
      ],
      suggestions: [
        [
          {
            title: 'Add memory and CPU limits to fill in',
            output:
              'services:\n  search-db:\n    image: postgres:16.4-bookworm\n    deploy:\n      resources:\n        limits:\n          memory: "${SEARCH_DB_MEMORY_LIMIT:?set from the measured peak memory of search-db}"\n          cpus: "${SEARCH_DB_CPU_LIMIT:?set the CPU limit of search-db}"\n',
          },
        ],
      ],
      output: null,
    },
    {
      name: 'a database gets placeholders even when the team set values for ordinary services',
      code: 'services:\n  cache:\n    image: valkey/valkey:8.0.1\n',
      options: { memory: '512M', cpus: '0.50' },
      errors: [{ line: 2, column: 3, message: /No value is suggested: the memory of valkey grows with its data/ }],
      suggestions: [[{ title: 'Add memory and CPU limits to fill in', applicability: 'suggestion' }]],
      output: null,
    },
    {
      name: 'only a memory value configured: the CPU limit stays a placeholder, so the fix is a suggestion',
      code: 'services:\n  api:\n    image: api:1.0.0\n',
      options: { memory: '1G' },
      errors: [{ line: 2, column: 3, message: /^Service "api" has no memory or CPU limit/ }],
      suggestions: [
        [
          {
            title: 'Add memory and CPU limits to fill in',
            output:
              'services:\n  api:\n    image: api:1.0.0\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n          cpus: "${API_CPU_LIMIT:?set the CPU limit of api}"\n',
          },
        ],
      ],
      output: null,
    },
    {
      name: 'a broker built from its official image is judged like the image',
      code: 'services:\n  broker:\n    build: ./broker\n',
      files: { 'broker/Dockerfile': 'FROM rabbitmq:4.0.3-management\nCOPY definitions.json /etc/rabbitmq/\n' },
      errors: [{ line: 2, column: 3, message: /No value is suggested: the memory of rabbitmq grows with its data/ }],
      output: null,
    },
    {
      name: 'the base is reported once and fixed in the base, whatever its overlays add',
      code: 'services:\n  api:\n    image: api:1.0.0\n',
      options: { memory: '512M', cpus: '0.50' },
      files: {
        'compose.override.yaml': 'services:\n  api:\n    ports:\n      - "8000:8000"\n',
        'compose.dev.yaml': 'services:\n  api:\n    command: ["api", "--reload"]\n',
      },
      errors: [{ line: 2, column: 3, message: /^Service "api" has no memory or CPU limit/ }],
      output: 'services:\n  api:\n    image: api:1.0.0\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "0.50"\n',
    },
    {
      name: 'deploy from a merge key is not overwritten by the fix',
      code: 'x-deploy: &deploy\n  deploy:\n    replicas: 2\nservices:\n  api:\n    <<: *deploy\n    image: api:1.0.0\n',
      errors: [{ line: 5, column: 3, message: /no memory or CPU limit/ }],
      output: null,
    },
  ],
});
