import { defineRule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { stageLineage, type DockerfileModel, type DockerStage } from '../../languages/dockerfile';
import { CHECK_TESTS_OPTION, isExemptCode, TEST_IMAGE_NOTE } from '../support/exemptCode';
import { exposedPorts, lastInEffect } from '../support/dockerfileFacts';
import { parseImageReference } from '../../languages/imageReference';
import { packageInstall } from './support/packageInstalls';
import { execFormText, runCommands } from '../../languages/shell';
import { insertRuntimeInstruction } from './support/stageEdits';

const HEALTHCHECK_TIMING = '--interval=30s --timeout=5s --start-period=15s --retries=3';
/** Where the fix points the check when the image EXPOSEs nothing: a guess the user must confirm. */
const ASSUMED_PORT = 8080;

/** Whether a RUN of the stage (or a stage it builds on) installs curl with a system package manager. */
function installsCurl(model: DockerfileModel, stage: DockerStage): boolean {
  return stageLineage(stage).some((ancestor) =>
    ancestor.instructions.some(
      (instruction) =>
        instruction.getKeyword() === 'RUN' &&
        runCommands(model, instruction).some((command) => {
          const install = packageInstall(command);
          return (
            install !== undefined &&
            install.manager !== 'pip' &&
            install.manager !== 'npm' &&
            install.packages.some((word) => /^curl(?:$|[=<>~])/.test(word.value))
          );
        }),
    ),
  );
}

/**
 * A probe built only from what the image visibly has: the interpreter of a
 * Python or Node base image (slim and distroless ones ship no curl), or curl
 * when the stage installs it. Undefined otherwise: guessing curl or wget
 * gives an image a check that always fails, and an orchestrator then
 * restarts a healthy service. 127.0.0.1 rather than localhost, which may
 * resolve to ::1 while the server listens on IPv4 only.
 */
function knownProbe(model: DockerfileModel, stage: DockerStage, port: number): string | undefined {
  const root = stageLineage(stage).pop()!;
  const repository = root.resolvedImage === undefined ? '' : (parseImageReference(root.resolvedImage)?.repository ?? '');
  const runtime = repository.slice(repository.lastIndexOf('/') + 1);
  const url = `http://127.0.0.1:${port}/`;
  if (/^(?:python|pypy)/.test(runtime)) {
    return execFormText(['python3', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=4)`]);
  }
  if (/^node/.test(runtime)) {
    const script = `require('http').get('${url}', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))`;
    return execFormText(['node', '-e', script]);
  }
  return installsCurl(model, stage) ? `curl -fsS ${url} > /dev/null || exit 1` : undefined;
}

export const healthcheck = defineRule({
  meta: {
    code: 'PL103',
    name: 'docker/healthcheck',
    summary: 'The final stage has no HEALTHCHECK.',
    severity: 'warning',
    policy: 'Containers have health checks.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    otherFixApplicabilities: ['suggestion'],
    kinds: ['dockerfile'],
    options: {
      ...CHECK_TESTS_OPTION,
      command: {
        type: 'string',
        default: '',
        description:
          'The command the fix puts after `HEALTHCHECK … CMD`, with `{port}` standing for the port. Empty: a Python or Node one-liner on Python and Node base images, `curl -fsS http://127.0.0.1:{port}/ > /dev/null || exit 1` when the Dockerfile installs curl, else no probe is offered.',
      },
    },
    docs: {
      language: 'dockerfile',
      rationale:
        'Without a HEALTHCHECK, Docker and Compose only know whether the process exists, not whether it answers: a deadlocked service stays "running", `depends_on: condition: service_healthy` cannot wait for it, and rolling updates route traffic to it. `HEALTHCHECK NONE` is an explicit opt-out (e.g. for a batch job, or when the orchestrator probes instead) and is not reported. A HEALTHCHECK in a stage that the final stage builds on counts.' +
        TEST_IMAGE_NOTE,
      bad: `FROM python:3.12.7-slim
EXPOSE 8000
CMD ["python", "-m", "http.server", "8000"]
`,
      good: `FROM python:3.12.7-slim
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=4)"]
CMD ["python", "-m", "http.server", "8000"]
`,
      fix: 'Inserts a HEALTHCHECK before the final CMD/ENTRYPOINT that probes the first EXPOSEd port over HTTP on 127.0.0.1, using only what the image visibly has: the interpreter on Python and Node base images (slim and distroless images have no curl), curl when a RUN of the stage installs it, or the `command` option. It is unsafe: a failing check makes orchestrators restart the container, so `--fix` applies it only with `--unsafe-fixes`. Without an EXPOSE the port is a guess (8080) and the fix is a suggestion, never applied in bulk. When no probe tool is known (say an nginx or Go image), no probe is guessed: the fix offered is `HEALTHCHECK NONE`, the explicit opt-out, never applied in bulk either (it would also switch off a check the base image defines).',
      peers:
        'Checkov CKV_DOCKER_2 and hadolint DL3057 report a Dockerfile without a HEALTHCHECK instruction; a HEALTHCHECK in a builder stage is enough for a whole-file check although the final image has none. Neither offers a fix. PL103 judges the final stage, with what it inherits through `FROM <stage>`, accepts `HEALTHCHECK NONE` as a deliberate opt-out, and inserts a check on the EXPOSEd port.',
    },
  },
  check(context) {
    const model = context.parsed;
    if (isExemptCode(context)) return;
    const stage = model.finalStage;
    if (!stage || lastInEffect(stage, 'HEALTHCHECK')) return;
    const exposed = exposedPorts(model, stage)[0];
    const port = exposed ?? ASSUMED_PORT;
    const configured = context.options.command;
    const probe = configured ? configured.replace(/\{port\}/g, String(port)) : knownProbe(model, stage, port);
    const fixes: Fix[] = [];
    const probeEdit = probe && insertRuntimeInstruction(model, stage, `HEALTHCHECK ${HEALTHCHECK_TIMING} CMD ${probe}`);
    if (probeEdit && exposed !== undefined) {
      fixes.push({ title: `Add a HEALTHCHECK on port ${port}`, edits: [probeEdit], isPreferred: true });
    } else if (probeEdit) {
      // The port is a guess the author must confirm before the check means anything.
      fixes.push({ title: `Add a HEALTHCHECK on port ${port} (no EXPOSE: check the port)`, applicability: 'suggestion', edits: [probeEdit] });
    }
    const optOut = !probe && insertRuntimeInstruction(model, stage, 'HEALTHCHECK NONE');
    if (optOut) fixes.push({ title: 'Opt out with HEALTHCHECK NONE', edits: [optOut] });
    context.report({
      message: probe
        ? 'The final stage has no HEALTHCHECK, so a hung service still counts as running; add HEALTHCHECK CMD <probe> (or HEALTHCHECK NONE to opt out).'
        : 'The final stage has no HEALTHCHECK, so a hung service still counts as running; add HEALTHCHECK CMD <probe> using a tool the image has (its own binary; this Dockerfile installs no curl), or HEALTHCHECK NONE to opt out.',
      range: stage.headRange,
      fixes,
    });
  },
});
