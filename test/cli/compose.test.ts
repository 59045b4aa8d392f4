import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { runInProcess } from './cliRunner';

const REGISTRY = '| Port | Service |\n|---|---|\n| 8080 | api |\n';
const COMPOSE = 'services:\n  api:\n    image: api:1.4.2\n    ports:\n      - "8080:8080"\n  admin:\n    image: admin:latest\n    ports:\n      - "8080:80"\n';
/** The Compose pack alone: the other packs' findings in the same workspace are their own tests' business. */
const CONFIG = 'rules:\n  PL402: off\n';
/** A team that has agreed on limits for its ordinary services: PL204's fix sets them. */
const TEAM_LIMITS = 'rules:\n  PL402: off\n  PL204:\n    memory: 512M\n    cpus: "0.50"\n';

describe('plumbline check on Compose files', () => {
  it('reports the Compose findings with 1-based positions and rule names; placeholder limits are no auto-fix', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': CONFIG, 'PortRegistry.md': REGISTRY, 'compose.yaml': COMPOSE });
    try {
      const run = await runInProcess(['check'], root);
      assert.equal(run.status, 1);
      assert.equal(
        run.stdout,
        [
          'compose.yaml:2:3: info PL202 Service "api" sets no user: and runs the image "api:1.4.2", which is built elsewhere: Plumbline cannot see which USER it runs as. If it runs as root, add user: "10001:10001" or set a non-root USER in its Dockerfile. [compose/non-root-user]',
          'compose.yaml:2:3: info PL203 Service "api" has no healthcheck: and runs the image "api:1.4.2", which is built elsewhere: Plumbline cannot see whether it defines a HEALTHCHECK. If it does not, add one so Compose knows when the service is ready. [compose/healthcheck]',
          'compose.yaml:2:3: warning PL204 Service "api" has no memory or CPU limit; set deploy.resources.limits.memory and deploy.resources.limits.cpus so one service cannot starve the host. No value is suggested: measure its peak (docker stats) and set the limit above it, or set the rule\'s memory and cpus options to the team\'s values. [compose/resource-limits]',
          'compose.yaml:5:9: error PL208 Host port 8080/tcp of service "api" is also published by "admin" (line 9); give each service its own port. [compose/port-conflict]',
          'compose.yaml:6:3: info PL202 Service "admin" sets no user: and runs the image "admin:latest", which is built elsewhere: Plumbline cannot see which USER it runs as. If it runs as root, add user: "10001:10001" or set a non-root USER in its Dockerfile. [compose/non-root-user]',
          'compose.yaml:6:3: info PL203 Service "admin" has no healthcheck: and runs the image "admin:latest", which is built elsewhere: Plumbline cannot see whether it defines a HEALTHCHECK. If it does not, add one so Compose knows when the service is ready. [compose/healthcheck]',
          'compose.yaml:6:3: warning PL204 Service "admin" has no memory or CPU limit; set deploy.resources.limits.memory and deploy.resources.limits.cpus so one service cannot starve the host. No value is suggested: measure its peak (docker stats) and set the limit above it, or set the rule\'s memory and cpus options to the team\'s values. [compose/resource-limits]',
          'compose.yaml:7:12: warning PL201 Image "admin:latest" of service "admin" uses the floating tag "latest"; pin a version tag so every deploy runs the same image. [compose/pinned-image]',
          'compose.yaml:9:9: warning PL207 Host port 8080/tcp of service "admin" is registered to api in PortRegistry.md; pick a free port and register it for admin. [compose/port-registry]',
          'compose.yaml:9:9: error PL208 Host port 8080/tcp of service "admin" is also published by "api" (line 5); give each service its own port. [compose/port-conflict]',
          '✖ 10 problems (2 errors, 4 warnings, 4 infos) in 3 files (workspace root: .)',
          '',
        ].join('\n'),
      );
    } finally {
      removeWorkspace(root);
    }
  });

  it("--fix --unsafe-fixes inserts user:, healthcheck: and the team's limits in place and leaves the registry alone", async () => {
    // Built from a Dockerfile that runs as root on a python base and installs curl: the fixes know what the image has.
    const api = COMPOSE.replace('image: api:1.4.2', 'build: ./api');
    const dockerfile = 'FROM python:3.12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 8080\n';
    const root = makeWorkspace({
      '.plumbline.yaml': TEAM_LIMITS,
      'PortRegistry.md': REGISTRY,
      'compose.yaml': api.replace('"8080:80"', '"8081:80"'),
      'api/Dockerfile': dockerfile,
    });
    try {
      const run = await runInProcess(['check', '--fix', '--unsafe-fixes'], root);
      assert.equal(run.status, 0, 'only warnings remain');
      assert.match(
        run.stdout,
        /^compose\.yaml:18:12: warning PL201 .*\ncompose\.yaml:20:9: warning PL207 Host port 8081\/tcp of service "admin" is not in the port registry PortRegistry\.md; register it there\. \[compose\/port-registry\]\n/m,
      );
      const fixed = fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8');
      assert.equal(
        fixed.split('  admin:')[0],
        'services:\n  api:\n    build: ./api\n    ports:\n      - "8080:8080"\n    user: "10001:10001"\n    healthcheck:\n      test: ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "0.50"\n',
      );
      assert.equal(fs.readFileSync(path.join(root, 'PortRegistry.md'), 'utf8'), REGISTRY);
    } finally {
      removeWorkspace(root);
    }
  });
});
