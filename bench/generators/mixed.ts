import { exampleFiles, type SeededRandom } from '../lib/inputs';
import { generateChangelog } from './changelog';
import { BUILD_DOCKERFILE, generateCompose, generatePortRegistry } from './compose';
import { generateDockerfile } from './dockerfile';
import { generatePythonModule } from './python';

const REQUIREMENTS = ['flask==3.0.3', 'requests>=2.31', 'psycopg[binary]==3.2.1', 'pydantic', 'uvicorn==0.30.1', 'celery>=5.3,<6', 'redis==5.0.7', 'boto3'];
const SCRIPT = ['#!/usr/bin/env bash', 'set -euo pipefail', '', 'cd "$(dirname "$0")/.."', 'docker compose build', 'docker compose up -d', ''].join('\n');
const LOOSE_SCRIPT = ['#!/bin/sh', 'cd $(dirname $0)', 'docker compose pull', 'docker compose up -d', ''].join('\n');

/**
 * One copy of the benchmark's mixed workspace (355 files): the bundled
 * example platform plus generated components, each with a Dockerfile, a
 * Compose file that builds it, Python modules, requirements, a CHANGELOG.md
 * and scripts, in the proportions of a service monorepo.
 */
export function generateMixedSet(random: SeededRandom, repoRoot: string, components = 38): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [relative, text] of Object.entries(exampleFiles(repoRoot, () => true))) files[`platform/${relative}`] = text;
  const registryRows: Array<{ port: number; service: string }> = [];
  for (let i = 0; i < components; i++) {
    const component = `services/svc${String(i).padStart(2, '0')}`;
    const builds = i % 3 === 0;
    const stack = generateCompose(random, `svc${i}`, 2 + (i % 4), 20000 + i * 20, builds);
    files[`${component}/compose.yaml`] = stack.text;
    for (const service of stack.services) for (const port of service.ports) if (random.chance(0.8)) registryRows.push({ port, service: service.name });
    files[`${component}/Dockerfile`] = builds ? BUILD_DOCKERFILE : generateDockerfile(random, random.int(20, 150));
    if (i % 4 === 0) files[`${component}/tools/Dockerfile`] = generateDockerfile(random, random.int(20, 80));
    for (let m = 0; m < 3; m++) files[`${component}/app/module${m}.py`] = generatePythonModule(random, random.int(80, 400));
    files[`${component}/requirements.txt`] = `${Array.from({ length: random.int(2, 6) }, () => random.pick(REQUIREMENTS))
      .filter((line, n, all) => all.indexOf(line) === n)
      .join('\n')}\n`;
    files[`${component}/CHANGELOG.md`] = generateChangelog(random, random.int(3, 25));
    files[`${component}/scripts/start.sh`] = random.chance(0.5) ? SCRIPT : LOOSE_SCRIPT;
  }
  files['PortRegistry.md'] = generatePortRegistry(registryRows);
  return files;
}
