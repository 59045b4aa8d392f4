import { SeededRandom } from '../lib/inputs';
import { generateChangelog } from './changelog';
import { generateCompose } from './compose';
import { generateDockerfile } from './dockerfile';
import { generatePythonModule } from './python';

const REQUIREMENTS = ['flask==3.0.3', 'requests>=2.31', 'psycopg[binary]', 'redis==5.0.4', 'pydantic~=2.7', 'gunicorn', 'celery==5.4.0 --hash=sha256:00', '-r base.txt'];

function requirements(random: SeededRandom): string {
  const lines = REQUIREMENTS.filter(() => random.chance(0.6));
  return `${lines.join('\n')}\n`;
}

function adr(number: number, title: string, status: string): string {
  return [
    `# ${number}. ${title}`,
    '',
    'Date: 2026-03-14',
    '',
    '## Status',
    '',
    status,
    '',
    '## Context',
    '',
    'The service grew past what one process can serve, and the team needs a shared way to decide.',
    '',
    '## Decision',
    '',
    `We will ${title.toLowerCase()}.`,
    '',
    '## Consequences',
    '',
    'Operators learn one more tool; the deployment gets simpler.',
    '',
  ].join('\n');
}

/** Files in one copy of the mixed set. */
export const MIXED_SET_FILES = 350;
const SERVICES = 10;
const MODULES_PER_SERVICE = 28;

/**
 * A workspace of every kind Plumbline checks, `copies` times over: each copy
 * holds 10 services with a Dockerfile, a Compose file that builds it, a
 * requirements file, a CHANGELOG, two ADRs and 29 Python modules (350 files
 * per copy). Seeded, so every run lints the same text.
 */
export function generateMixedWorkspace(copies: number, seed = 1313): Record<string, string> {
  const random = new SeededRandom(seed);
  const files: Record<string, string> = { '.plumbline.yaml': '# A generated mixed workspace\nrules: {}\n' };
  for (let copy = 0; copy < copies; copy++) {
    for (let service = 0; service < SERVICES; service++) {
      const name = `svc${service}`;
      const base = `copy${String(copy).padStart(2, '0')}/services/${name}`;
      files[`${base}/Dockerfile`] = generateDockerfile(random, random.int(15, 60));
      files[`${base}/compose.yaml`] = generateCompose(random, name, random.int(1, 3), 20000 + copy * 400 + service * 20, true).text;
      files[`${base}/requirements.txt`] = requirements(random);
      files[`${base}/CHANGELOG.md`] = generateChangelog(random, random.int(2, 12));
      files[`${base}/docs/adr/0001-record-architecture-decisions.md`] = adr(1, 'Record architecture decisions', 'Accepted');
      files[`${base}/docs/adr/0002-use-a-message-queue.md`] = adr(2, 'Use a message queue', random.pick(['Accepted', 'Proposed']));
      files[`${base}/src/${name}/__init__.py`] = `"""The ${name} service."""\n`;
      for (let module = 0; module < MODULES_PER_SERVICE; module++) {
        files[`${base}/src/${name}/module${String(module).padStart(2, '0')}.py`] = generatePythonModule(random, random.int(40, 160));
      }
    }
  }
  return files;
}
