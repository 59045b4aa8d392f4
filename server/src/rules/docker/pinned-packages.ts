import { defineRule } from '../../engine/rule';
import { instructionsOf } from '../../languages/dockerfile';
import { packageInstall, type PackageInstall } from './packageInstalls';
import { runCommands, type ShellWord } from './shell';

/** Operands that are files, URLs or variables: no registry version to pin. */
function isLocalOrDynamic(value: string): boolean {
  return (
    value === '' ||
    value.startsWith('$') ||
    value.startsWith('.') ||
    value.startsWith('/') ||
    value.startsWith('~') ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ||
    /^(?:git\+|file:|git@|github:)/.test(value) ||
    /\.(?:deb|rpm|apk|whl|tar\.gz|tgz|zip)$/i.test(value)
  );
}

interface PinStyle {
  label: string;
  isPinned(value: string): boolean;
  /** How the pinned operand is written. */
  example(name: string): string;
}

const PIN_STYLES: Record<'apt' | 'dnf' | 'apk' | 'pip' | 'npm', PinStyle> = {
  apt: { label: 'apt', isPinned: (value) => value.includes('='), example: (name) => `${name}=<version>` },
  dnf: { label: 'dnf/yum', isPinned: (value) => /-\d/.test(value) || value.includes('='), example: (name) => `${name}-<version>` },
  apk: { label: 'apk', isPinned: (value) => /[=~<>]/.test(value), example: (name) => `${name}=<version>` },
  pip: { label: 'pip', isPinned: (value) => value.includes('==') || value.includes(' @ '), example: (name) => `${name}==<version>` },
  npm: {
    label: 'npm',
    // The version after the name's `@` must be a version, not a dist-tag such as `latest`.
    isPinned: (value) => /^(?:@[^/@]+\/)?[^@]+@[~^=v]?\d/.test(value),
    example: (name) => `${name}@<version>`,
  },
};

/** The operands to judge: npm only for global installs, pip not when a constraints file pins them. */
function judgedPackages(install: PackageInstall): ShellWord[] {
  if (install.manager === 'npm' && !install.global) return [];
  if (install.manager === 'pip' && install.constrained) return [];
  return install.packages.filter((word) => !isLocalOrDynamic(word.value));
}

function packageName(value: string): string {
  return value.replace(/^(@?[^@=<>~\[!]+).*$/, '$1');
}

export const pinnedPackages = defineRule({
  meta: {
    code: 'PL107',
    name: 'docker/pinned-packages',
    summary: '`apt-get install`, `apk add`, `pip install`, `npm install -g` of packages without a version pin.',
    severity: 'warning',
    policy: 'Containers are built reproducibly: what the image installs is pinned.',
    fixable: 'no',
    kinds: ['dockerfile'],
    docs: {
      language: 'dockerfile',
      rationale:
        'An unpinned install takes whatever the package index serves on the day of the build: two builds of the same commit differ, a cached layer hides the difference until the cache is gone, and a bad upstream release breaks a build nobody changed. Pinning makes upgrades deliberate and reviewable.',
      bad: 'FROM python:3.12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && pip install --no-cache-dir gunicorn\n',
      good: 'FROM python:3.12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n    && pip install --no-cache-dir gunicorn==23.0.0 -r requirements.txt\n',
      peers:
        'Covers what hadolint DL3008 (apt-get), DL3018 (apk), DL3013 (pip) and DL3016 (npm) cover, one diagnostic per unpinned package at the package name. PL107 accepts only an exact pin for pip (`==`; a range such as `>=` still floats), treats pip installs with `-c constraints.txt` as pinned by the constraints file, leaves `-r` requirement files to PL310, does not take npm dist-tags such as `@latest` as pins, and also judges yum/dnf installs. Files, URLs and `$VARIABLES` name no registry version and are skipped.',
    },
  },
  check(context) {
    const model = context.parsed;
    for (const { instruction } of instructionsOf(model, ['RUN'])) {
      for (const command of runCommands(model, instruction)) {
        const install = packageInstall(command);
        if (!install) continue;
        const style = PIN_STYLES[install.manager];
        for (const word of judgedPackages(install)) {
          if (style.isPinned(word.value)) continue;
          const name = packageName(word.value);
          const global = install.manager === 'npm' ? ' installed globally' : '';
          context.report({
            message: `${style.label} package "${name}"${global} has no version pin; write ${style.example(name)} so every build installs the same version.`,
            range: context.document.rangeOf(word.start, word.end),
          });
        }
      }
    }
  },
});
