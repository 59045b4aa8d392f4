import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { composeRules } from '../../server/src/rules/compose';
import { configRules } from '../../server/src/rules/config';
import { dockerRules } from '../../server/src/rules/docker';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, where, type Session } from './harness';

const REGISTRY = '| Port | Service | Protocol |\n|------|---------|----------|\n| 8080 | api     | tcp      |\n';
const API = [
  'services:',
  '  api:',
  '    build: ./api',
  '    ports:',
  '      - "8080:8080"',
  '    deploy:',
  '      resources:',
  '        limits: { cpus: "1", memory: 512M }',
  '',
].join('\n');
const WORKER =
  'services:\n  worker:\n    image: worker:1.0.0\n    user: "10001"\n    healthcheck:\n      disable: true\n    mem_limit: 256m\n    cpus: 0.5\n    ports:\n      - "8081:8081"\n';

describe('language server on Compose files', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({
      'PortRegistry.md': REGISTRY,
      'compose.yaml': API,
      'api/Dockerfile': 'FROM python:3.12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 8080\n',
      'tools/compose.yaml': WORKER,
    });
    session = await startSession({ root, pull: true, server: { rules: [...composeRules, ...dockerRules, ...configRules] } });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  const located = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => String(d.code).startsWith('PL2')).map((d) => `${d.code} ${where(d.range)}`);
  const pulled = async (file: string) => located((await session.pullFull(file)).items);

  test('didOpen → Compose diagnostics that follow build: into the Dockerfile', async () => {
    await session.open('compose.yaml', API, 'dockercompose');
    await session.open('tools/compose.yaml', WORKER, 'dockercompose');
    assert.deepEqual(await pulled('compose.yaml'), ['PL202 2:3-2:6', 'PL203 2:3-2:6']);
    assert.deepEqual(await pulled('tools/compose.yaml'), ['PL207 10:9-10:20']);
  });

  test('the healthcheck quick fix probes the EXPOSEd port with the curl the Dockerfile installs, offered as unsafe', async () => {
    const diagnostics = (await session.pullFull('compose.yaml')).items;
    const healthcheck = diagnostics.find((d) => d.code === 'PL203')!;
    const actions = await session.codeActions('compose.yaml', healthcheck.range, [healthcheck]);
    assert.equal(
      actions.find((action) => action.isPreferred),
      undefined,
      'an unsafe fix is never the preferred one',
    );
    const fix = actions.find((action) => action.title.endsWith(' (unsafe)'));
    assert.ok(fix?.edit, 'an unsafe fix');
    const text = await session.applyToBuffer('compose.yaml', fix.edit);
    assert.match(text, /\n    healthcheck:\n      test: \["CMD-SHELL", "curl -fsS http:\/\/localhost:8080\/health \|\| exit 1"\]\n/);
    assert.deepEqual(await pulled('compose.yaml'), ['PL202 2:3-2:6']);
  });

  test('editing the Dockerfile refreshes the open Compose file', async () => {
    const refreshed = session.refreshes.next(() => true);
    await session.open(
      'api/Dockerfile',
      'FROM python:3.12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 8080\nUSER app\n',
      'dockerfile',
    );
    await refreshed;
    assert.deepEqual(await pulled('compose.yaml'), []);
  });

  test('editing the port registry refreshes the Compose diagnostics; a clash appears across files', async () => {
    await session.open('PortRegistry.md', REGISTRY, 'markdown');
    let refreshed = session.refreshes.next(() => true);
    await session.change('PortRegistry.md', REGISTRY + '| 8081 | worker  | tcp      |\n');
    await refreshed;
    assert.deepEqual(await pulled('tools/compose.yaml'), []);

    refreshed = session.refreshes.next(() => true);
    await session.change('tools/compose.yaml', WORKER.replace('"8081:8081"', '"8080:8081"'));
    await refreshed;
    const [clash] = (await session.pullFull('compose.yaml')).items.filter((d) => d.code === 'PL208');
    assert.equal(clash?.message, 'Host port 8080/tcp of service "api" is also published by "worker" (tools/compose.yaml:10); give each service its own port.');
    assert.equal(clash?.relatedInformation?.[0]?.location.uri, session.uri('tools/compose.yaml'));
  });
});

describe('language server on a Compose project with an overlay', () => {
  const BASE = 'services:\n  api:\n    build: ./api\n  db:\n    image: postgres:16.4\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n';
  const PROD = 'services:\n  api:\n    restart: always\n';
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({
      'compose.yaml': BASE,
      'compose.prod.yaml': PROD,
      'api/Dockerfile': 'FROM python:3.12.7-slim\nHEALTHCHECK CMD ["python", "-m", "api.health"]\n',
    });
    session = await startSession({ root, pull: true, server: { rules: [...composeRules, ...dockerRules, ...configRules] } });
    await session.open('compose.yaml', BASE, 'dockercompose');
    await session.open('compose.prod.yaml', PROD, 'dockercompose');
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  const perService = async (file: string) =>
    (await session.pullFull(file)).items.filter((d) => ['PL202', 'PL203', 'PL204'].includes(String(d.code))).map((d) => `${d.code} ${where(d.range)}`);

  test('the overlay is not reported for what its base defines; the base is reported once', async () => {
    assert.deepEqual(await perService('compose.prod.yaml'), []);
    assert.deepEqual(await perService('compose.yaml'), ['PL202 2:3-2:6', 'PL204 2:3-2:6', 'PL204 4:3-4:5']);
  });

  test('typing user: and limits into the overlay clears the merged service in the base', async () => {
    await session.change('compose.prod.yaml', PROD + '    user: "10001:10001"\n    mem_limit: 1g\n    cpus: 1\n');
    assert.deepEqual(await perService('compose.yaml'), ['PL204 4:3-4:5']);
    assert.deepEqual(await perService('compose.prod.yaml'), []);
  });
});
