import { composePortConflict } from '../../../../server/src/rules/compose/port-conflict';
import { testRule } from '../../../helpers/ruleTester';

testRule(composePortConflict, {
  valid: [
    'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "8080:8080"\n      - "8080:8080/udp"\n  db:\n    image: postgres:16.4\n    ports:\n      - "127.0.0.1:5432:5432"\n  replica:\n    image: postgres:16.4\n    ports:\n      - "10.0.0.5:5432:5432"\n      - "5432"\n',
    {
      name: 'the same mapping in a base file and its override is one port',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "8080:8080"\n',
      files: { 'compose.override.yaml': 'services:\n  api:\n    ports:\n      - "8080:8080"\n' },
    },
    {
      name: 'independent sample projects side by side do not share a host',
      code: 'services:\n  web:\n    build: ./app\n    ports:\n      - "80:80"\n',
      filename: 'flask-sample/compose.yaml',
      files: {
        'django-sample/compose.yaml': 'services:\n  web:\n    build: ./app\n    ports:\n      - "80:8000"\n',
        'php-sample/compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27.2\n    ports:\n      - "80:80"\n',
      },
    },
    {
      name: 'overlays in a folder without a base file are separate projects: one CI job runs each',
      code: 'services:\n  app:\n    build: ..\n    ports:\n      - "5000:5000"\n',
      filename: '.ci/compose.ci.yaml',
      files: { '.ci/compose.e2e.yaml': 'services:\n  server:\n    build: ..\n    ports:\n      - "5000:5000"\n' },
    },
    {
      name: 'services under profiles with none in common start apart, one per host',
      code: 'services:\n  covers_nginx:\n    image: nginx:1.27.2\n    profiles: ["covers"]\n    ports:\n      - "80:80"\n  web_nginx:\n    image: nginx:1.27.2\n    profiles: ["www"]\n    ports:\n      - "80:80"\n',
    },
    {
      name: 'the default override and an environment overlay are merged into the base one at a time',
      code: 'services:\n  web:\n    image: web:1.0.0\n',
      files: {
        'compose.override.yaml': 'services:\n  web:\n    ports:\n      - "8080:8080"\n',
        'compose.production.yaml': 'services:\n  solr:\n    image: solr:9.7.0\n    ports:\n      - "8080:8983"\n',
      },
    },
    {
      name: 'sharedHost: false turns the comparison off even with a registry',
      code: 'services:\n  web:\n    image: web:1.0.0\n    ports:\n      - "3000:80"\n',
      files: {
        '.plumbline.yaml': 'compose:\n  sharedHost: false\n',
        'PortRegistry.md': '| Port | Service |\n|---|---|\n| 3000 | web |\n',
        'grafana/compose.yaml': 'services:\n  grafana:\n    image: grafana/grafana:11.3.0\n    ports:\n      - "3000:3000"\n',
      },
    },
  ],
  invalid: [
    {
      name: 'within a file: both declarations reported, each pointing at the other',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "8080:8080"\n  admin:\n    image: admin:0.9.1\n    ports:\n      - target: 80\n        published: 8080\n',
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 20,
          message: 'Host port 8080/tcp of service "api" is also published by "admin" (line 10); give each service its own port.',
        },
        {
          line: 10,
          column: 20,
          endColumn: 24,
          message: 'Host port 8080/tcp of service "admin" is also published by "api" (line 5); give each service its own port.',
        },
      ],
    },
    {
      name: 'all interfaces clash with a specific address; ranges overlap',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "127.0.0.1:9000:9000"\n  media:\n    image: media:2.0.0\n    ports:\n      - "8990-9005:8990-9005"\n',
      errors: [
        { line: 5, column: 9, message: /^Host port 9000\/tcp of service "api" is also published by "media"/ },
        { line: 9, column: 9, message: /^Host port 8990-9005\/tcp of service "media" is also published by "api"/ },
      ],
    },
    {
      name: 'across an override file',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "8080:8080"\n',
      files: { 'compose.override.yaml': 'services:\n  debug:\n    image: debug:1.0.0\n    ports:\n      - "8080:80"\n' },
      errors: [
        {
          line: 5,
          column: 9,
          message: 'Host port 8080/tcp of service "api" is also published by "debug" (compose.override.yaml:5); give each service its own port.',
        },
      ],
    },
    {
      name: 'across projects when the workspace has a port registry: one host',
      code: 'services:\n  grafana:\n    image: grafana/grafana:11.3.0\n    ports:\n      - "3000:3000"\n',
      files: {
        'PortRegistry.md': '| Port | Service |\n|---|---|\n| 3000 | grafana |\n',
        'docker/monitoring/compose.yaml': 'services:\n  grafana:\n    image: grafana/grafana:11.3.0\n    ports:\n      - "3000:3000"\n',
        'services/web/docker-compose.yml': 'services:\n  web:\n    image: web:1.0.0\n    ports:\n      - "3000:80"\n',
      },
      errors: [
        {
          line: 5,
          column: 9,
          message: /^Host port 3000\/tcp of service "grafana" is also published by "(?:grafana|web)" \(.+:5\) and 1 more; give each service its own port\.$/,
        },
      ],
    },
    {
      name: 'across projects when the configuration says they share a host',
      code: 'services:\n  web:\n    image: web:1.0.0\n    ports:\n      - "3000:80"\n',
      files: {
        '.plumbline.yaml': 'compose:\n  sharedHost: true\n',
        'grafana/compose.yaml': 'services:\n  grafana:\n    image: grafana/grafana:11.3.0\n    ports:\n      - "3000:3000"\n',
      },
      errors: [
        {
          line: 5,
          column: 9,
          message: 'Host port 3000/tcp of service "web" is also published by "grafana" (grafana/compose.yaml:5); give each service its own port.',
        },
      ],
    },
    {
      name: 'a service under a profile clashes with one that always starts, and with one that shares a profile',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - "8080:8080"\n  debug:\n    image: debug:1.0.0\n    profiles: ["dev"]\n    ports:\n      - "8080:80"\n  admin:\n    image: admin:0.9.1\n    profiles: ["dev", "ops"]\n    ports:\n      - "9090:80"\n  metrics:\n    image: metrics:2.0.0\n    profiles: ["ops"]\n    ports:\n      - "9090:9090"\n',
      errors: [
        { line: 5, column: 9, message: 'Host port 8080/tcp of service "api" is also published by "debug" (line 10); give each service its own port.' },
        { line: 10, column: 9, message: 'Host port 8080/tcp of service "debug" is also published by "api" (line 5); give each service its own port.' },
        { line: 15, column: 9, message: 'Host port 9090/tcp of service "admin" is also published by "metrics" (line 20); give each service its own port.' },
        { line: 20, column: 9, message: 'Host port 9090/tcp of service "metrics" is also published by "admin" (line 15); give each service its own port.' },
      ],
    },
    {
      name: 'across an overlay and a file its base includes',
      code: 'services:\n  api:\n    ports:\n      - "5672:8080"\n',
      filename: 'app/compose.staging.yaml',
      files: {
        'app/compose.yaml': 'include:\n  - ../shared/queue.yaml\nservices:\n  api:\n    image: api:1.0.0\n',
        'shared/queue.yaml': 'services:\n  queue:\n    image: rabbitmq:4.0.3\n    ports:\n      - "5672:5672"\n',
      },
      errors: [
        {
          line: 4,
          column: 9,
          message: 'Host port 5672/tcp of service "api" is also published by "queue" (shared/queue.yaml:5); give each service its own port.',
        },
      ],
    },
  ],
});
