import { defineRule } from '../../engine/rule';
import { instructionsOf } from '../../languages/dockerfile';
import { packageInstall, type PackageInstall } from './support/packageInstalls';
import { runCommands, type ShellWord } from '../../languages/shell';
import { addToGroup } from '../../engine/maps';
import { CHECK_TESTS_OPTION, isExemptCode, TEST_IMAGE_NOTE } from '../support/exemptCode';

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
    // The version after the name's `@` must be a version (or a build argument that holds one), not a dist-tag such as `latest`.
    isPinned: (value) => /^(?:@[^/@]+\/)?[^@]+@(?:[~^=v]?\d|\$)/.test(value),
    example: (name) => `${name}@<version>`,
  },
};

/** The operands to judge: npm only for global installs, pip not when a constraints file pins them. */
function judgedPackages(install: PackageInstall): ShellWord[] {
  if (install.manager === 'npm' && !install.global) return [];
  if (install.manager === 'pip' && install.constrained) return [];
  return install.packages.filter((word) => !isLocalOrDynamic(word.value));
}

interface UnpinnedPackage {
  word: ShellWord;
  name: string;
  style: PinStyle;
  global: boolean;
}

/** One message per RUN: the package, or every unpinned package grouped by package manager. */
function unpinnedMessage(all: readonly UnpinnedPackage[]): string {
  // A package installed in two branches of one RUN (`if …; then apt-get install git; else …`) is one package to pin.
  const unpinned = all.filter((each, i) => all.findIndex((other) => other.name === each.name && other.style === each.style) === i);
  const advice = `write ${unpinned.map(({ name, style }) => style.example(name)).join(', ')} so every build installs the same version.`;
  if (unpinned.length === 1) {
    const { name, style, global } = unpinned[0]!;
    return `${style.label} package "${name}"${global ? ' installed globally' : ''} has no version pin; ${advice}`;
  }
  const groups = new Map<string, string[]>();
  for (const { name, style, global } of unpinned) {
    const label = global ? `${style.label} (global)` : style.label;
    addToGroup(groups, label, `"${name}"`);
  }
  const listed = [...groups].map(([label, names]) => `${label} ${names.join(', ')}`).join('; ');
  return `This RUN installs ${unpinned.length} packages without a version pin (${listed}); ${advice}`;
}

function packageName(value: string): string {
  return value.replace(/^(@?[^@=<>~[!]+).*$/, '$1');
}

export const pinnedPackages = defineRule({
  meta: {
    code: 'PL107',
    name: 'docker/pinned-packages',
    summary: '`apt-get install`, `apk add`, `pip install`, `npm install -g` of packages without a version pin.',
    severity: 'warning',
    peerCodes: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3033', 'DL3041'],
    policy: 'Containers are built reproducibly: what the image installs is pinned.',
    fixable: 'no',
    kinds: ['dockerfile'],
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'dockerfile',
      rationale:
        'An unpinned install takes whatever the package index serves on the day of the build: two builds of the same commit differ, a cached layer hides the difference until the cache is gone, and a bad upstream release breaks a build nobody changed. Pinning makes upgrades deliberate and reviewable.' +
        TEST_IMAGE_NOTE,
      bad: `FROM python:3.12.7-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \\
    && pip install --no-cache-dir gunicorn
`,
      good: `FROM python:3.12.7-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\
    && pip install --no-cache-dir gunicorn==23.0.0 -r requirements.txt
`,
      peers:
        'Covers what hadolint DL3008 (apt-get), DL3018 (apk), DL3013 (pip) and DL3016 (npm) cover, but one diagnostic per RUN instruction, at its first unpinned package, with every unpinned package of the instruction listed in the message (and the others as related locations): one problem, one finding, however many packages the line installs. PL107 accepts only an exact pin for pip (`==`; a range such as `>=` still floats), treats pip installs with `-c constraints.txt` as pinned by the constraints file, leaves `-r` requirement files to PL310, does not take npm dist-tags such as `@latest` as pins, and also judges yum/dnf installs. Files, URLs and `$VARIABLES` name no registry version and are skipped; a version taken from a build argument (`npm install -g tool@${TOOL_VERSION}`, like `curl=${CURL_VERSION}` for apt) is a pin that the build sets.',
    },
  },
  check(context) {
    if (isExemptCode(context)) return;
    const model = context.parsed;
    for (const { instruction } of instructionsOf(model, ['RUN'])) {
      const unpinned: UnpinnedPackage[] = [];
      for (const command of runCommands(model, instruction)) {
        const install = packageInstall(command);
        if (!install) continue;
        const style = PIN_STYLES[install.manager];
        for (const word of judgedPackages(install)) {
          if (!style.isPinned(word.value)) unpinned.push({ word, name: packageName(word.value), style, global: install.manager === 'npm' });
        }
      }
      if (unpinned.length === 0) continue;
      const [first, ...others] = unpinned;
      const range = (word: ShellWord) => context.document.rangeOf(word.start, word.end);
      context.report({
        message: unpinnedMessage(unpinned),
        range: range(first!.word),
        related: others.map(({ word, name }) => ({ path: context.document.path, range: range(word), message: `"${name}" has no version pin.` })),
      });
    }
  },
});
