import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { stageLineage, type DockerfileModel, type DockerStage } from '../../languages/dockerfile';
import { CHECK_TESTS_OPTION, isExemptCode, TEST_IMAGE_NOTE } from '../support/exemptCode';
import { expandedArguments, isRootUser, lastInEffect, privilegeDropper } from '../support/dockerfileFacts';
import { describeWellKnownImages, wellKnownImage } from '../support/wellKnownImages';
import { programName, programWords, runCommands } from '../../languages/shell';
import { insertRuntimeInstruction } from './support/stageEdits';

/** useradd/adduser options (GNU shadow, Debian adduser, BusyBox) that take a value, so the value is no user name. */
const OPTIONS_WITH_VALUE = new Set([
  '-b',
  '-c',
  '-d',
  '-e',
  '-f',
  '-g',
  '-G',
  '-h',
  '-k',
  '-K',
  '-p',
  '-P',
  '-R',
  '-s',
  '-u',
  '-Z',
  '--base-dir',
  '--comment',
  '--home',
  '--home-dir',
  '--expiredate',
  '--inactive',
  '--gid',
  '--groups',
  '--skel',
  '--key',
  '--password',
  '--root',
  '--prefix',
  '--shell',
  '--uid',
  '--selinux-user',
  '--ingroup',
  '--gecos',
  '--firstuid',
  '--lastuid',
  '--firstgid',
  '--lastgid',
  '--conf',
  '--extrausers',
]);

/** The user a useradd/adduser command creates: its first operand. */
function createdUser(words: readonly { value: string }[]): string | undefined {
  for (let i = 1; i < words.length; i++) {
    const value = words[i]!.value;
    if (value.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(value)) i++;
      continue;
    }
    return /^[a-z_][a-z0-9_.-]*\$?$/i.test(value) ? value : undefined;
  }
  return undefined;
}

/** The last user that the stage (or a stage it builds on) creates with useradd or adduser. */
function userCreatedIn(model: DockerfileModel, stage: DockerStage): string | undefined {
  for (const ancestor of stageLineage(stage)) {
    let found: string | undefined;
    for (const instruction of ancestor.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const command of runCommands(model, instruction)) {
        const words = programWords(command);
        const program = programName(words[0]);
        if (program !== 'useradd' && program !== 'adduser') continue;
        found = createdUser(words) ?? found;
      }
    }
    if (found) return found;
  }
  return undefined;
}

/** The instructions the final stage runs, its ancestors' first, in build order. */
function instructionsInBuildOrder(stage: DockerStage): Instruction[] {
  return stageLineage(stage)
    .reverse()
    .flatMap((ancestor) => ancestor.instructions);
}

/**
 * The user to switch back to after an explicit root USER that build steps
 * needed: the last non-root USER before it. Undefined when root was set for
 * runtime (no RUN after it: the author meant it) or no earlier user is known.
 */
function userToRestore(model: DockerfileModel, stage: DockerStage, rootUser: Instruction): string | undefined {
  const ordered = instructionsInBuildOrder(stage);
  const at = ordered.indexOf(rootUser);
  if (!ordered.slice(at + 1).some((later) => later.getKeyword() === 'RUN')) return undefined;
  for (let i = at - 1; i >= 0; i--) {
    if (ordered[i]!.getKeyword() !== 'USER') continue;
    const user = expandedArguments(model, ordered[i]!);
    if (!isRootUser(user)) return user;
  }
  return userCreatedIn(model, stage);
}

function addUserFix(model: DockerfileModel, stage: DockerStage, user: string, title: string): Fix[] {
  const edit = insertRuntimeInstruction(model, stage, `USER ${user}`);
  return edit ? [{ title, edits: [edit], isPreferred: true }] : [];
}

export const nonRootUser = defineRule({
  meta: {
    code: 'PL101',
    name: 'docker/non-root-user',
    summary: 'The final stage has no USER, or its last USER is root.',
    severity: 'warning',
    policy: 'Containers run as a non-root user.',
    fixable: 'some',
    fixApplicability: 'unsafe',
    kinds: ['dockerfile'],
    options: {
      ...CHECK_TESTS_OPTION,
      defaultUser: {
        type: 'string',
        default: '10001',
        description:
          'The user the fix inserts when the final stage creates none with useradd/adduser. A numeric uid needs no /etc/passwd entry, so it works on scratch and distroless images too.',
      },
    },
    docs: {
      language: 'dockerfile',
      rationale:
        "A process that runs as root inside the container is root on the host's kernel: one container escape or a mounted host path away from owning the node. Kubernetes `runAsNonRoot` refuses such images outright. Only the final stage is judged, because it is the image that runs; builder stages may need root to install packages. A USER set in a stage that the final stage builds on (`FROM base`) counts, as it does in the built image." +
        TEST_IMAGE_NOTE,
      bad: `FROM python:3.12.7-slim
RUN useradd --create-home app
COPY . /app
CMD ["python", "/app/main.py"]
`,
      good: `FROM python:3.12.7-slim
RUN useradd --create-home app
COPY . /app
USER app
CMD ["python", "/app/main.py"]
`,
      fix:
        "Inserts `USER <name>` before the final stage's CMD/ENTRYPOINT (after its last RUN, so build steps still run as before), or at the end of the stage when it has neither. The name is the last user the stage creates with useradd/adduser, else the `defaultUser` option (10001). After an explicit `USER root`/`USER 0` that build steps needed (a RUN follows it), the fix switches back to the non-root user in effect before it; a root USER with no RUN after it is the author's choice and gets no fix, nor does a build that never names a non-root user. " +
        `A stage built on an image that manages its own user gets no USER: on an image whose own USER is non-root (${describeWellKnownImages((image) => image.runsAsNonRoot)}) it is not reported at all; on one that starts as root and switches user itself (${describeWellKnownImages((image) => !image.runsAsNonRoot)}) the message says so instead, since a USER would break its startup. ` +
        'A base image chosen at build time (`FROM ${BASE_IMAGE}` with no default) cannot be seen, so that case is an `info` without a fix. ' +
        'The fix is unsafe (the process may no longer read its files or bind its port): `--fix` applies it only with `--unsafe-fixes`.',
      peers:
        'hadolint DL3002 reports a last USER of root, so a Dockerfile without any USER passes it. Checkov CKV_DOCKER_3 reports a Dockerfile with no USER instruction at all, and a USER in any stage satisfies it, even a builder stage the final image never sees. PL101 reports both cases for the final stage only, treats `0`, `root:root` and `0:0` as root, follows `FROM <stage>` inheritance, expands ARG/ENV variables in USER, and offers a fix. A final stage without USER that installs or runs `gosu`, `su-exec`, `s6-setuidgid` (s6-overlay), `setpriv --reuid` or `chpst -u` starts as root to prepare and then runs the service as another user, as the official images do: that is an `info` without a fix, since Plumbline cannot follow the entrypoint script.',
    },
  },
  check(context) {
    const model = context.parsed;
    if (isExemptCode(context)) return;
    const stage = model.finalStage;
    if (!stage) return;
    const userInstruction = lastInEffect(stage, 'USER');
    if (userInstruction) {
      const user = expandedArguments(model, userInstruction);
      if (!isRootUser(user)) return;
      const restore = userToRestore(model, stage, userInstruction);
      const own = stage.instructions.includes(userInstruction);
      const range = own ? (userInstruction.getArgumentsRange() ?? stage.headRange) : stage.headRange;
      const where = own ? `runs as root (USER ${user})` : `inherits USER ${user} from an earlier stage, so it runs as root`;
      const message = restore
        ? `The final stage ${where} after the build steps that needed it; switch back to USER ${restore} before CMD/ENTRYPOINT.`
        : `The final stage ${where}, as this Dockerfile asks; if only build steps need root, add USER <non-root user> after them, otherwise suppress this line with the reason.`;
      context.report({ message, range, fixes: restore ? addUserFix(model, stage, restore, `Switch back to USER ${restore} before startup`) : [] });
      return;
    }
    const root = stageLineage(stage).pop()!;
    if (root.imageText !== undefined && root.resolvedImage === undefined) {
      // `FROM ${BASE_IMAGE}` without a default: the image, and so its USER, is chosen at build time.
      context.report({
        message: `The final stage sets no USER and its base image ${root.imageText} is chosen at build time, so Plumbline cannot see which user it runs as; if that is root, add USER <non-root user> before CMD/ENTRYPOINT.`,
        range: stage.headRange,
        severity: 'info',
      });
      return;
    }
    const base = wellKnownImage(root.resolvedImage);
    if (base?.runsAsNonRoot) return; // Its own USER is in effect.
    if (base) {
      context.report({
        message: `The final stage sets no USER; its base image ${base.name} manages its own user (${base.ownUser}), so a USER here would break its startup: use its non-root variant or its documented rootless setup.`,
        range: stage.headRange,
      });
      return;
    }
    const dropper = privilegeDropper(model, stage);
    if (dropper) {
      context.report({
        message: `The final stage sets no USER and starts as root, with ${dropper} to switch user at startup; Plumbline cannot follow that into the entrypoint: make sure the main process runs as a non-root user.`,
        range: stage.headRange,
        severity: 'info',
      });
      return;
    }
    const newUser = userCreatedIn(model, stage) ?? context.options.defaultUser;
    context.report({
      message: `The final stage sets no USER, so the container runs as root; add USER ${newUser} (a non-root user) before CMD/ENTRYPOINT.`,
      range: stage.headRange,
      fixes: addUserFix(model, stage, newUser, `Add USER ${newUser} to the final stage`),
    });
  },
});
