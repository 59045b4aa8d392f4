import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { stageLineage, type DockerfileModel, type DockerStage } from '../../languages/dockerfile';
import { expandedArguments, isRootUser, lastInEffect } from './facts';
import { programName, programWords, runCommands } from './shell';
import { insertRuntimeInstruction } from './stageEdits';

/** useradd/adduser options (GNU shadow, Debian adduser, BusyBox) that take a value, so the value is no user name. */
const OPTIONS_WITH_VALUE = new Set([
  '-b', '-c', '-d', '-e', '-f', '-g', '-G', '-h', '-k', '-K', '-p', '-P', '-R', '-s', '-u', '-Z',
  '--base-dir', '--comment', '--home', '--home-dir', '--expiredate', '--inactive', '--gid', '--groups', '--skel',
  '--key', '--password', '--root', '--prefix', '--shell', '--uid', '--selinux-user', '--ingroup', '--gecos',
  '--firstuid', '--lastuid', '--firstgid', '--lastgid', '--conf', '--extrausers',
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

function hasRunAfter(stage: DockerStage, instruction: Instruction): boolean {
  const index = stage.instructions.indexOf(instruction);
  return stage.instructions.slice(index + 1).some((later) => later.getKeyword() === 'RUN');
}

function userFix(model: DockerfileModel, stage: DockerStage, rootUser: Instruction | undefined, user: string): Fix | undefined {
  const argumentsRange = rootUser?.getArgumentsRange();
  // A root USER that no later build step needs is simply changed; otherwise the new USER goes before startup.
  if (rootUser && argumentsRange && stage.instructions.includes(rootUser) && !hasRunAfter(stage, rootUser)) {
    return { title: `Change USER to ${user}`, edits: [{ range: argumentsRange, newText: user }], isPreferred: true };
  }
  const edit = insertRuntimeInstruction(model, stage, `USER ${user}`);
  return edit && { title: `Add USER ${user} to the final stage`, edits: [edit], isPreferred: true };
}

export const nonRootUser = defineRule({
  meta: {
    code: 'PL101',
    name: 'docker/non-root-user',
    summary: 'The final stage has no USER, or its last USER is root.',
    severity: 'warning',
    policy: 'Containers run as a non-root user.',
    fixable: 'yes',
    kinds: ['dockerfile'],
    options: {
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
        'A process that runs as root inside the container is root on the host\'s kernel: one container escape or a mounted host path away from owning the node. Kubernetes `runAsNonRoot` refuses such images outright. Only the final stage is judged, because it is the image that runs; builder stages may need root to install packages. A USER set in a stage that the final stage builds on (`FROM base`) counts, as it does in the built image.',
      bad: 'FROM python:3.12.7-slim\nRUN useradd --create-home app\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
      good: 'FROM python:3.12.7-slim\nRUN useradd --create-home app\nCOPY . /app\nUSER app\nCMD ["python", "/app/main.py"]\n',
      fix:
        'Inserts `USER <name>` before the final stage\'s CMD/ENTRYPOINT (after its last RUN, so build steps still run as before), or at the end of the stage when it has neither. The name is the last user the stage creates with useradd/adduser, else the `defaultUser` option (10001). A final `USER root` that no later RUN needs is changed in place instead. No fix is offered when the file ends inside an unterminated heredoc, where an added line would only become part of the heredoc\'s text.',
      peers:
        "hadolint DL3002 reports a last USER of root, so a Dockerfile without any USER passes it. Checkov CKV_DOCKER_3 reports a Dockerfile with no USER instruction at all, and a USER in any stage satisfies it, even a builder stage the final image never sees. PL101 reports both cases for the final stage only, treats `0`, `root:root` and `0:0` as root, follows `FROM <stage>` inheritance, expands ARG/ENV variables in USER, and offers a fix.",
    },
  },
  check(context) {
    const model = context.parsed;
    const stage = model.finalStage;
    if (!stage) return;
    const userInstruction = lastInEffect(stage, 'USER');
    const user = userInstruction ? expandedArguments(model, userInstruction) : undefined;
    if (user !== undefined && !isRootUser(user)) return;
    const newUser = userCreatedIn(model, stage) ?? context.options.defaultUser;
    const fix = userFix(model, stage, userInstruction, newUser);
    const ownRootUser = userInstruction && stage.instructions.includes(userInstruction) ? userInstruction.getArgumentsRange() : null;
    if (ownRootUser) {
      context.report({
        message: `The final stage runs as root (USER ${user}); switch to an unprivileged user such as USER ${newUser} before CMD/ENTRYPOINT.`,
        range: ownRootUser,
        fixes: fix ? [fix] : [],
      });
      return;
    }
    const message =
      user === undefined
        ? `The final stage sets no USER, so the container runs as root; add USER ${newUser} (a non-root user) before CMD/ENTRYPOINT.`
        : `The final stage inherits USER ${user} from an earlier stage, so it runs as root; add USER ${newUser} (a non-root user) before CMD/ENTRYPOINT.`;
    context.report({ message, range: stage.headRange, fixes: fix ? [fix] : [] });
  },
});
