import * as path from 'node:path';
import { defineRule } from '../../engine/rule';

export const dockerConfigLocation = defineRule({
  meta: {
    code: 'PL502',
    name: 'layout/docker-config-location',
    summary: 'Dockerfiles and Compose files outside the docker root (default `docker/`), when the workspace opts in.',
    severity: 'info',
    enabledByDefault: false,
    policy: 'Container configuration lives in one place: the docker root.',
    fixable: 'no',
    kinds: ['dockerfile', 'compose'],
    docs: {
      language: 'text',
      rationale:
        'When Dockerfiles and Compose files are scattered across service folders, nobody can see at a glance what the platform runs or review container changes in one place. Teams that keep them under one docker root (`paths.docker`, default `docker/`) turn this rule on (`rules: { PL502: info }`); it is off by default because many repositories keep a Dockerfile beside each service on purpose.',
      bad: `services/api/Dockerfile
services/api/compose.yaml
`,
      good: `docker/api/Dockerfile
docker/compose.yaml
`,
      peers: "No peer tool checks where container configuration lives; this is Plumbline's own rule.",
    },
  },
  check(context) {
    const dockerRoot = context.config.paths.docker;
    if (context.relativePath.startsWith(`${dockerRoot}/`)) return;
    const what = context.kind === 'dockerfile' ? 'Dockerfile' : 'Compose file';
    const name = path.posix.basename(context.relativePath);
    context.report({
      message: `This ${what} is outside the docker root ${dockerRoot}/; move it under ${dockerRoot}/ (for example ${dockerRoot}/${name}).`,
      range: context.document.lineRange(0),
    });
  },
});
