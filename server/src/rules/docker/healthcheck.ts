import { defineRule } from '../../engine/rule';
import { stageLineage, type DockerStage } from '../../languages/dockerfile';
import { exposedPorts, lastInEffect } from './facts';
import { parseImageReference } from './imageReference';
import { execFormText } from './shell';
import { insertRuntimeInstruction } from './stageEdits';

const HEALTHCHECK_TIMING = '--interval=30s --timeout=5s --start-period=15s --retries=3';
/** Where the fix points the check when the image EXPOSEs nothing: a guess the user must confirm. */
const ASSUMED_PORT = 8080;

interface Probe {
  command: string;
  /** Why the fix is only a suggestion: something in it is a guess the user must check. */
  caveat: string | undefined;
}

/**
 * A probe that needs nothing the image may lack: the image's own interpreter
 * when the base is a Python or Node image (slim and distroless ones ship no
 * curl, and distroless no shell), else curl — which scratch and distroless
 * images lack, so there the fix is only a suggestion. 127.0.0.1 rather than
 * localhost, which may resolve to ::1 while the server listens on IPv4 only.
 */
function defaultProbe(stage: DockerStage, port: number): Probe {
  const root = stageLineage(stage).pop()!;
  const repository = root.resolvedImage === undefined ? '' : (parseImageReference(root.resolvedImage)?.repository ?? '');
  const runtime = repository.slice(repository.lastIndexOf('/') + 1);
  const url = `http://127.0.0.1:${port}/`;
  if (/^(?:python|pypy)/.test(runtime)) {
    return { command: execFormText(['python3', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=4)`]), caveat: undefined };
  }
  if (/^node/.test(runtime)) {
    const script = `require('http').get('${url}', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))`;
    return { command: execFormText(['node', '-e', script]), caveat: undefined };
  }
  const bare = root.isScratch || /distroless|chainguard|^static$/.test(repository);
  return { command: `curl -fsS ${url} > /dev/null || exit 1`, caveat: bare ? 'the image has no curl: adjust the command' : undefined };
}

export const healthcheck = defineRule({
  meta: {
    code: 'PL103',
    name: 'docker/healthcheck',
    summary: 'The final stage has no HEALTHCHECK.',
    severity: 'warning',
    policy: 'Containers have health checks.',
    fixable: 'yes',
    kinds: ['dockerfile'],
    options: {
      command: {
        type: 'string',
        default: '',
        description:
          'The command the fix puts after `HEALTHCHECK … CMD`, with `{port}` standing for the port. Empty: a Python or Node one-liner on Python and Node base images, else `curl -fsS http://127.0.0.1:{port}/ > /dev/null || exit 1`.',
      },
    },
    docs: {
      language: 'dockerfile',
      rationale:
        'Without a HEALTHCHECK, Docker and Compose only know whether the process exists, not whether it answers: a deadlocked service stays "running", `depends_on: condition: service_healthy` cannot wait for it, and rolling updates route traffic to it. `HEALTHCHECK NONE` is an explicit opt-out (e.g. for a batch job, or when the orchestrator probes instead) and is not reported. A HEALTHCHECK in a stage that the final stage builds on counts.',
      bad: 'FROM python:3.12.7-slim\nEXPOSE 8000\nCMD ["python", "-m", "http.server", "8000"]\n',
      good:
        'FROM python:3.12.7-slim\nEXPOSE 8000\nHEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/\', timeout=4)"]\nCMD ["python", "-m", "http.server", "8000"]\n',
      fix:
        'Inserts a HEALTHCHECK before the final CMD/ENTRYPOINT that probes the first EXPOSEd port over HTTP on 127.0.0.1. On Python and Node base images it uses the interpreter (slim and distroless images have no curl); otherwise curl; the `command` option replaces the probe. Without an EXPOSE the port is a guess (8080), and scratch or distroless images have no curl, so in those cases the fix is still offered but not applied by `--fix`: check it, add EXPOSE, or set `command`. No fix is offered when the file ends inside an unterminated heredoc, where an added line would only become part of the heredoc\'s text.',
      peers:
        "Checkov CKV_DOCKER_2 and hadolint DL3057 report a Dockerfile without a HEALTHCHECK instruction; a HEALTHCHECK in a builder stage is enough for a whole-file check although the final image has none. Neither offers a fix. PL103 judges the final stage, with what it inherits through `FROM <stage>`, accepts `HEALTHCHECK NONE` as a deliberate opt-out, and inserts a check on the EXPOSEd port.",
    },
  },
  check(context) {
    const model = context.parsed;
    const stage = model.finalStage;
    if (!stage || lastInEffect(stage, 'HEALTHCHECK')) return;
    const exposed = exposedPorts(model, stage)[0];
    const port = exposed ?? ASSUMED_PORT;
    const configured = context.options.command;
    const probe = configured ? { command: configured.replace(/\{port\}/g, String(port)), caveat: undefined } : defaultProbe(stage, port);
    const caveat = exposed === undefined ? 'no EXPOSE: check the port' : probe.caveat;
    const edit = insertRuntimeInstruction(model, stage, `HEALTHCHECK ${HEALTHCHECK_TIMING} CMD ${probe.command}`);
    const fix = !edit
      ? undefined
      : caveat
        ? { title: `Add a HEALTHCHECK on port ${port} (${caveat})`, edits: [edit] }
        : { title: `Add a HEALTHCHECK on port ${port}`, edits: [edit], isPreferred: true };
    context.report({
      message:
        'The final stage has no HEALTHCHECK, so a hung service still counts as running; add HEALTHCHECK CMD <probe> (or HEALTHCHECK NONE to opt out).',
      range: stage.headRange,
      fixes: fix ? [fix] : [],
    });
  },
});
