/**
 * What other packs need to know about a Dockerfile without linting it: its
 * stages, the user and health check each stage ends with, its exposed ports.
 * Compose rules (PL202, PL203, PL210) read these through the workspace index.
 */
import type { Healthcheck, Instruction } from 'dockerfile-ast';
import type { FactProvider } from '../../engine/workspaceIndex';
import { parseAs } from '../../languages';
import { stageLineage, substituteVariables, variablesAt, type DockerfileModel, type DockerStage } from '../../languages/dockerfile';

export interface DockerStageFacts {
  /** The `AS name`, lowercased. */
  name: string | undefined;
  index: number;
  /** The FROM image with global ARG defaults substituted (as written when they cannot be), or the parent stage's name. */
  baseImage: string;
  /** The USER in effect at the end of the stage, inherited from parent stages. */
  user: string | undefined;
  /** No USER in effect, or a root one. */
  runsAsRoot: boolean;
  /** The tool (`gosu`, `su-exec`, s6-overlay …) the stage installs or runs to switch user at startup, when it starts as root on purpose. */
  privilegeDropper: string | undefined;
  /** A HEALTHCHECK with a command is in effect at the end of the stage. */
  hasHealthcheck: boolean;
  /** The HEALTHCHECK in effect is `HEALTHCHECK NONE`: an explicit opt-out. */
  healthcheckDisabled: boolean;
  exposedPorts: number[];
  /** HTTP clients (`curl`, `wget`) that a RUN of the stage or its parents installs with a package manager. */
  httpClients: string[];
}

export interface DockerfileFacts {
  /** In file order; the last one is the final stage. */
  stages: DockerStageFacts[];
}

/** `root`, `0`, `root:<group>`, `0:<group>`: the process runs with uid 0. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0]!;
  return name === 'root' || /^0+$/.test(name);
}

/** The last instruction with this keyword in effect at the end of the stage, parents included. */
export function lastInEffect(stage: DockerStage, keyword: string): Instruction | undefined {
  for (const ancestor of stageLineage(stage)) {
    for (let i = ancestor.instructions.length - 1; i >= 0; i--) {
      if (ancestor.instructions[i]!.getKeyword() === keyword) return ancestor.instructions[i];
    }
  }
  return undefined;
}

/** The text of an instruction's arguments with its variables expanded where they are known. */
export function expandedArguments(model: DockerfileModel, instruction: Instruction): string {
  const raw = model.logicalArguments(instruction).text.trim();
  return substituteVariables(raw, variablesAt(model, instruction), model.escapeChar) ?? raw;
}

function isHealthcheckNone(instruction: Instruction): boolean {
  return (instruction as Healthcheck).getSubcommand?.()?.getValue().toUpperCase() === 'NONE';
}

const MAX_PORTS_PER_RANGE = 1000;

/** The ports of the EXPOSE instructions in effect, in order, without duplicates. */
export function exposedPorts(model: DockerfileModel, stage: DockerStage): number[] {
  const ports = new Set<number>();
  for (const ancestor of stageLineage(stage).reverse()) {
    for (const instruction of ancestor.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const word of expandedArguments(model, instruction).split(/\s+/)) {
        const match = /^(\d+)(?:-(\d+))?(?:\/(?:tcp|udp|sctp))?$/i.exec(word);
        if (!match) continue;
        const first = Number(match[1]);
        const last = Math.min(Number(match[2] ?? match[1]), first + MAX_PORTS_PER_RANGE - 1);
        for (let port = first; port <= Math.min(last, 65535); port++) ports.add(port);
      }
    }
  }
  return [...ports];
}

/** In order of preference for a health probe. */
const HTTP_CLIENTS = ['curl', 'wget'];
const PACKAGE_INSTALL = /\b(?:apt-get|apt|apk|yum|dnf|microdnf|zypper)\s+(?:-\S+\s+)*(?:install|add)\b[^;&|]*/g;

/** The HTTP clients a health probe may call because the stage visibly installs them. */
function installedHttpClients(model: DockerfileModel, stage: DockerStage): string[] {
  const found = new Set<string>();
  for (const ancestor of stageLineage(stage)) {
    for (const instruction of ancestor.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const install of expandedArguments(model, instruction).matchAll(PACKAGE_INSTALL)) {
        for (const client of HTTP_CLIENTS) if (new RegExp(`(?:^|\\s)${client}(?:[=\\s]|$)`).test(install[0])) found.add(client);
      }
    }
  }
  return HTTP_CLIENTS.filter((client) => found.has(client));
}

/** Tools an entrypoint uses to start as root and run the service as another user (the official images' pattern). */
const PRIVILEGE_DROPPERS = /\b(gosu|su-exec|s6-setuidgid|s6-overlay|setpriv\s+--reuid|chpst\s+-u)\b/;

/** The privilege-dropping tool the stage (or a stage it builds on) installs or runs, if any. */
export function privilegeDropper(model: DockerfileModel, stage: DockerStage): string | undefined {
  for (const ancestor of stageLineage(stage)) {
    for (const instruction of ancestor.instructions) {
      if (!['RUN', 'COPY', 'ADD', 'ENTRYPOINT', 'CMD'].includes(instruction.getKeyword())) continue;
      const found = PRIVILEGE_DROPPERS.exec(model.logicalArguments(instruction).text)?.[1];
      if (found) return found.replace(/\s+.*/, '');
    }
  }
  return undefined;
}

function stageFacts(model: DockerfileModel, stage: DockerStage): DockerStageFacts {
  const userInstruction = lastInEffect(stage, 'USER');
  const user = userInstruction ? expandedArguments(model, userInstruction) : undefined;
  const healthcheck = lastInEffect(stage, 'HEALTHCHECK');
  const disabled = healthcheck !== undefined && isHealthcheckNone(healthcheck);
  return {
    name: stage.name,
    index: stage.index,
    baseImage: stage.resolvedImage ?? stage.imageText ?? '',
    user,
    runsAsRoot: user === undefined || isRootUser(user),
    privilegeDropper: user === undefined ? privilegeDropper(model, stage) : undefined,
    hasHealthcheck: healthcheck !== undefined && !disabled,
    healthcheckDisabled: disabled,
    exposedPorts: exposedPorts(model, stage),
    httpClients: installedHttpClients(model, stage),
  };
}

export const dockerfileFacts: FactProvider<DockerfileFacts> = {
  id: 'docker/stages',
  appliesTo: (file) => file.kind === 'dockerfile',
  extract(document) {
    const model = parseAs('dockerfile', document);
    return { stages: model.stages.map((stage) => stageFacts(model, stage)) };
  },
};
