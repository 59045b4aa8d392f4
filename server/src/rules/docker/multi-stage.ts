import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, isExemptCode, TEST_IMAGE_NOTE } from '../support/exemptCode';
import type { DockerfileModel } from '../../languages/dockerfile';
import { expandedArguments } from '../support/dockerfileFacts';
import { packageInstall, removesPackages, type PackageInstall } from './support/packageInstalls';
import { programName, programWords, runCommands, type ShellCommand, type ShellWord } from '../../languages/shell';

/** System packages that are compilers, build systems or SDKs rather than runtime dependencies. */
const TOOLCHAIN_PACKAGES = new Set([
  'build-essential',
  'build-base',
  'gcc',
  'g++',
  'gcc-c++',
  'clang',
  'llvm',
  'make',
  'cmake',
  'autoconf',
  'automake',
  'libtool',
  'pkg-config',
  'pkgconf',
  'musl-dev',
  'libc-dev',
  'libc6-dev',
  'linux-headers',
  'golang',
  'go',
  'rust',
  'rustc',
  'cargo',
  'maven',
  'gradle',
  'default-jdk',
  'openjdk',
  'nodejs-dev',
  'python3-dev',
  'python-dev',
  'ninja-build',
  'meson',
]);
/** Python packages that only build other packages. */
const PYTHON_BUILD_TOOLS = new Set(['build', 'cython', 'poetry', 'pdm', 'hatch', 'maturin', 'pip-tools', 'pybind11', 'scikit-build', 'meson-python', 'flit']);
/** Install options that leave dev dependencies out. */
const PRODUCTION_ONLY = /^(?:--omit=dev|--only=prod(?:uction)?|--production|--prod|-P|--without=dev|--no-dev|--only=main)$/;
const DEV_REQUIREMENTS = /(?:^|[/_-])(?:dev|develop|test|tests|lint|build)(?:[/_.-]|$)/;

function isToolchainPackage(name: string): boolean {
  const bare = name.replace(/[=<>~].*$/, '').toLowerCase();
  return TOOLCHAIN_PACKAGES.has(bare) || /-(?:dev|devel)$/.test(bare) || /^openjdk-\d+-jdk/.test(bare);
}

/** Option words with a separate value joined to it: `--without dev` → `--without=dev`. */
function normalisedOptions(words: readonly ShellWord[]): string[] {
  const options: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const value = words[i]!.value;
    if (!value.startsWith('-')) continue;
    const next = words[i + 1]?.value;
    if (/^--(?:without|only|omit)$/.test(value) && next !== undefined && !next.startsWith('-')) {
      options.push(`${value}=${next}`);
      i++;
    } else options.push(value);
  }
  return options;
}

interface Finding {
  what: string;
  word: ShellWord;
}

/** Builds and dev-dependency installs that are not package-manager installs. */
function buildCommandFinding(command: ShellCommand, productionEnv: boolean): Finding | undefined {
  const words = programWords(command);
  const program = programName(words[0]);
  const operands = words.slice(1).filter((word) => !word.value.startsWith('-'));
  const options = normalisedOptions(words.slice(1));
  const first = operands[0]?.value;
  const withoutDevExclusion = !productionEnv && !options.some((option) => PRODUCTION_ONLY.test(option));
  if (program === 'go' && (first === 'build' || first === 'install')) return { what: `go ${first}`, word: words[0]! };
  if (program === 'cargo' && (first === 'build' || first === 'install')) return { what: `cargo ${first}`, word: words[0]! };
  if (program === 'mvn' || program === 'mvnw') return { what: 'mvn', word: words[0]! };
  if ((program === 'gradle' || program === 'gradlew') && operands.length > 0) return { what: 'gradle', word: words[0]! };
  if (program === 'dotnet' && (first === 'build' || first === 'publish')) return { what: `dotnet ${first}`, word: words[0]! };
  if ((program === 'yarn' && (first === undefined || first === 'install')) || (program === 'pnpm' && (first === 'install' || first === 'i'))) {
    return withoutDevExclusion ? { what: `${program} install with dev dependencies`, word: words[0]! } : undefined;
  }
  if (program === 'poetry' && first === 'install' && withoutDevExclusion) {
    return { what: 'poetry install with dev dependencies', word: words[0]! };
  }
  return undefined;
}

const DEV_EXTRAS = /\[(?:[^\]]*,)?\s*(?:dev|test|tests|lint)\s*(?:,[^\]]*)?\]/;

/** What a package-manager install brings in that belongs in a build stage. */
function installFindings(install: PackageInstall, productionEnv: boolean): Finding[] {
  switch (install.manager) {
    case 'apt':
    case 'apk':
    case 'dnf':
      return install.packages.filter((word) => isToolchainPackage(word.value)).map((word) => ({ what: word.value, word }));
    case 'pip': {
      const findings: Finding[] = [];
      for (const word of install.packages) {
        const name = word.value.replace(/[=<>~![;].*$/, '').toLowerCase();
        if (PYTHON_BUILD_TOOLS.has(name)) findings.push({ what: `pip install ${name}`, word });
        else if (DEV_EXTRAS.test(word.value)) findings.push({ what: `pip install ${word.value}`, word });
      }
      for (const file of install.requirementFiles.filter((file) => DEV_REQUIREMENTS.test(file))) {
        findings.push({ what: `pip install -r ${file}`, word: install.program });
      }
      return findings;
    }
    case 'npm': {
      const keepsDevDependencies = !productionEnv && !install.options.some((option) => PRODUCTION_ONLY.test(option));
      const installsProject = !install.global && install.packages.length === 0;
      return installsProject && keepsDevDependencies ? [{ what: `npm ${install.subcommand} without --omit=dev`, word: install.program }] : [];
    }
  }
}

/** What one RUN installs or builds that belongs in a build stage. */
function findingsIn(model: DockerfileModel, instruction: Instruction, productionEnv: boolean): Finding[] {
  const commands = runCommands(model, instruction);
  // Installed, used and removed again in one RUN: the layer keeps none of it.
  const cleansUp = commands.some(removesPackages);
  const findings: Finding[] = [];
  for (const command of commands) {
    const install = packageInstall(command);
    if (!install) {
      const finding = buildCommandFinding(command, productionEnv);
      if (finding) findings.push(finding);
    } else if (!(cleansUp && (install.manager === 'apt' || install.manager === 'apk' || install.manager === 'dnf'))) {
      findings.push(...installFindings(install, productionEnv));
    }
  }
  return findings;
}

/** `ENV NODE_ENV=production` makes npm and yarn leave dev dependencies out from there on. */
function setsProductionEnv(model: DockerfileModel, instruction: Instruction): boolean {
  return instruction.getKeyword() === 'ENV' && /\bNODE_ENV[= ]+["']?production\b/.test(expandedArguments(model, instruction));
}

export const multiStage = defineRule({
  meta: {
    code: 'PL104',
    name: 'docker/multi-stage',
    summary: 'A single-stage Dockerfile that installs build toolchains or dev dependencies.',
    severity: 'info',
    policy: 'Images ship only what runs: build tooling stays in a build stage.',
    fixable: 'no',
    kinds: ['dockerfile'],
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'dockerfile',
      rationale:
        'Compilers, headers, SDKs and dev dependencies make the runtime image several times larger, slower to pull and scan, and give an attacker who gets in a ready toolchain. A multi-stage build compiles in one stage and copies only the artefacts (wheels, a binary, `node_modules` without dev dependencies) into a slim final stage. A RUN that installs, uses and removes its build packages in one step (`apk add --virtual .build-deps … && apk del .build-deps`) leaves nothing behind and is not reported.' +
        TEST_IMAGE_NOTE,
      bad: `FROM python:3.12.7-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.8-0+deb12u1
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
`,
      good: `FROM python:3.12.7-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.8-0+deb12u1
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:3.12.7-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
`,
      peers:
        'No peer rule: hadolint and Checkov do not judge stage structure. PL104 looks only at Dockerfiles with one FROM, and reports once per RUN at the first offending word: toolchain system packages (build-essential, gcc, make, `*-dev`/`*-devel`, JDKs …), `npm install`/`npm ci`/`yarn`/`pnpm install` that keep dev dependencies (no `--omit=dev`/`--production` and no `ENV NODE_ENV=production`), `go build`, `cargo build`, `mvn`, `gradle`, `dotnet build/publish`, `poetry install` with dev groups, and pip installs of build tools or dev requirement files and extras.',
    },
  },
  check(context) {
    const model = context.parsed;
    if (model.stages.length !== 1 || isExemptCode(context)) return;
    let productionEnv = false;
    for (const instruction of model.stages[0]!.instructions) {
      productionEnv ||= setsProductionEnv(model, instruction);
      if (instruction.getKeyword() !== 'RUN') continue;
      const findings = findingsIn(model, instruction, productionEnv);
      if (findings.length === 0) continue;
      const names = [...new Set(findings.map((finding) => finding.what))];
      const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
      const first = findings[0]!.word;
      context.report({
        message: `This single-stage image keeps its build tooling (${listed}); build in a separate stage and COPY only the artefacts into a slim final stage.`,
        range: context.document.rangeOf(first.start, first.end),
      });
    }
  },
});
