import { composeNonRootUser } from '../../../../server/src/rules/compose/non-root-user';
import { testRule } from '../../../helpers/ruleTester';

const nonRootDockerfile = 'FROM python:3.12.7-slim AS runtime\nRUN useradd --uid 10001 app\nUSER app\nCMD ["python", "-m", "api"]\n';
const rootDockerfile = 'FROM python:3.12.7-slim AS builder\nUSER app\nFROM python:3.12.7-slim AS runtime\nCMD ["python", "-m", "api"]\n';

testRule(composeNonRootUser, {
  valid: [
    'services:\n  worker:\n    image: registry.example.com/worker:2.3.0\n    user: "10001:10001"\n',
    { name: 'built from a Dockerfile whose final stage is non-root', code: 'services:\n  api:\n    build: ./services/api\n', files: { 'services/api/Dockerfile': nonRootDockerfile } },
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
  ],
  invalid: [
    {
      name: 'image not built here: fix appends user: after the last key, keeping comments',
      code: 'services:\n  worker:\n    image: registry.example.com/worker:2.3.0  # pinned\n    command: ["worker"]\n  # the cache\n  cache:\n    image: redis:7.4.1\n    user: "999"\n',
      errors: [{ line: 2, column: 3, endColumn: 9, message: 'Service "worker" runs as root: the image "registry.example.com/worker:2.3.0" is not built here, so its USER cannot be checked. Add user: "10001:10001" to the service.' }],
      output: 'services:\n  worker:\n    image: registry.example.com/worker:2.3.0  # pinned\n    command: ["worker"]\n    user: "10001:10001"\n  # the cache\n  cache:\n    image: redis:7.4.1\n    user: "999"\n',
    },
    {
      name: 'built stage runs as root; 4-space indentation and single quotes kept',
      code: "services:\n    api:\n        build: ./services/api\n        command: 'serve'\n",
      files: { 'services/api/Dockerfile': rootDockerfile },
      errors: [{ line: 2, column: 5, message: 'Service "api" runs as root: its Dockerfile services/api/Dockerfile ends without a non-root USER. Add user: "10001:10001" to the service or a USER to the Dockerfile.' }],
      output: "services:\n    api:\n        build: ./services/api\n        command: 'serve'\n        user: '10001:10001'\n",
    },
    {
      name: 'explicit root user is replaced',
      code: 'services:\n  worker:\n    image: worker:1.0.0\n    user: root\n',
      errors: [{ line: 4, column: 11, endColumn: 15, message: 'Service "worker" runs as root (user: root); set a non-root user such as "10001:10001".' }],
      output: 'services:\n  worker:\n    image: worker:1.0.0\n    user: "10001:10001"\n',
    },
    {
      name: 'configured uid, file without a final newline',
      code: 'services:\n  worker:\n    image: worker:1.0.0',
      options: { user: '2000:2000' },
      errors: [{ line: 2, column: 3, message: /Add user: "2000:2000"/ }],
      output: 'services:\n  worker:\n    image: worker:1.0.0\n    user: "2000:2000"',
    },
    {
      name: 'a new service in an override file is judged',
      filename: 'compose.override.yaml',
      code: 'services:\n  adminer:\n    image: adminer:4.8.1\n',
      files: { 'compose.yaml': 'services:\n  worker:\n    image: worker:1.0.0\n' },
      errors: [{ line: 2, column: 3, message: /^Service "adminer" runs as root/ }],
      output: 'services:\n  adminer:\n    image: adminer:4.8.1\n    user: "10001:10001"\n',
    },
    {
      name: 'flow-style service gets no fix',
      code: 'services:\n  worker: { image: "worker:1.0.0" }\n',
      errors: [{ line: 2, column: 3, message: /runs as root/ }],
      output: null,
    },
  ],
});
