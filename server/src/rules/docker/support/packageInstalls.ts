/**
 * Package-manager install commands in RUN lines — apt-get/apt, yum/dnf,
 * apk, pip and npm — with their package operands separated from options and
 * option values. PL104 reads which packages they bring in, PL107 whether each
 * is pinned.
 */
import { programName, programWords, type ShellCommand, type ShellWord } from '../../../languages/shell';

export type PackageManager = 'apt' | 'dnf' | 'apk' | 'pip' | 'npm';

export interface PackageInstall {
  manager: PackageManager;
  /** The program word (`apt-get`, `pip3`, `python` of `python -m pip` …). */
  program: ShellWord;
  /** The install subcommand as written: `install`, `add`, `ci`, `i` … */
  subcommand: string;
  /** The package operands, option values excluded. */
  packages: ShellWord[];
  /** The options as written, a separate value joined with `=` (`--omit dev` → `--omit=dev`). */
  options: string[];
  /** pip `-r`/`--requirement` files (uv: `--requirements`). */
  requirementFiles: string[];
  /** pip `-c`/`--constraint` given: the constraints file pins the versions. */
  constrained: boolean;
  /** npm `-g`/`--global`. */
  global: boolean;
}

interface ManagerSyntax {
  manager: PackageManager;
  /** Subcommands that install packages. */
  installs: ReadonlySet<string>;
  /** Options whose value is the next word. */
  optionsWithValue: ReadonlySet<string>;
}

const APT: ManagerSyntax = {
  manager: 'apt',
  installs: new Set(['install']),
  optionsWithValue: new Set(['-o', '-c', '-t', '-a', '--option', '--config-file', '--target-release', '--default-release', '--host-architecture']),
};
const DNF: ManagerSyntax = {
  manager: 'dnf',
  installs: new Set(['install']),
  optionsWithValue: new Set(['-x', '--exclude', '--repo', '--enablerepo', '--disablerepo', '--releasever', '--installroot', '--setopt']),
};
const APK: ManagerSyntax = {
  manager: 'apk',
  installs: new Set(['add']),
  optionsWithValue: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']),
};
const PIP: ManagerSyntax = {
  manager: 'pip',
  installs: new Set(['install']),
  optionsWithValue: new Set([
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--trusted-host',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--src',
    '--upgrade-strategy',
    '--progress-bar',
    '--cache-dir',
    '--log',
    '--timeout',
    '--retries',
    '--proxy',
    '--cert',
    '--client-cert',
    '--global-option',
    '-C',
    '--config-settings',
    '--only-binary',
    '--no-binary',
    '--python',
    '--report',
    '--exists-action',
    '--root-user-action',
    // uv pip's own spellings and options.
    '--requirements',
    '--constraints',
    '--overrides',
    '--build-constraints',
    '--index',
    '--default-index',
    '--index-strategy',
    '--python-preference',
    '--python-platform',
    '--keyring-provider',
    '--resolution',
    '--prerelease',
    '--link-mode',
    '--exclude-newer',
    '--extra',
    '--group',
    '--torch-backend',
  ]),
};
const NPM: ManagerSyntax = {
  manager: 'npm',
  installs: new Set(['install', 'i', 'add', 'ci']),
  optionsWithValue: new Set(['--prefix', '--registry', '--omit', '--include', '--tag', '--cache', '-w', '--workspace', '--location', '--only']),
};

/** Which manager a command runs, and the words after the program (`python -m pip` counts as pip). */
function managerOf(words: ShellWord[]): { syntax: ManagerSyntax; rest: ShellWord[] } | undefined {
  if (words.length === 0) return undefined;
  const program = programName(words[0]);
  if (program === 'apt-get' || program === 'apt') return { syntax: APT, rest: words.slice(1) };
  if (program === 'yum' || program === 'dnf' || program === 'microdnf') return { syntax: DNF, rest: words.slice(1) };
  if (program === 'apk') return { syntax: APK, rest: words.slice(1) };
  if (program === 'npm') return { syntax: NPM, rest: words.slice(1) };
  if (/^pip[0-9.]*$/.test(program)) return { syntax: PIP, rest: words.slice(1) };
  const module = words.findIndex((word) => word.value === '-m');
  if (/^python[0-9.]*$/.test(program) && module > 0 && words[module + 1]?.value === 'pip') {
    return { syntax: PIP, rest: words.slice(module + 2) };
  }
  if (program === 'uv' && words[1]?.value === 'pip') return { syntax: PIP, rest: words.slice(2) };
  return undefined;
}

/** The install a command performs, or undefined when it installs nothing. */
export function packageInstall(command: ShellCommand): PackageInstall | undefined {
  const found = managerOf(programWords(command));
  if (!found) return undefined;
  const { syntax, rest } = found;
  const words = programWords(command);
  const install: PackageInstall = {
    manager: syntax.manager,
    program: words[0]!,
    subcommand: '',
    packages: [],
    options: [],
    requirementFiles: [],
    constrained: false,
    global: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!.value;
    if (word.startsWith('-') && word.length > 1) {
      const takesValue = syntax.optionsWithValue.has(word) && i + 1 < rest.length;
      const option = takesValue ? `${word}=${rest[++i]!.value}` : word;
      install.options.push(option);
      const [name, value = ''] = option.split(/=(.*)/s);
      if (name === '-r' || name === '--requirement' || name === '--requirements') install.requirementFiles.push(value);
      if (name === '-c' || name === '--constraint' || name === '--constraints') install.constrained = true;
      if (name === '-g' || name === '--global' || option === '--location=global') install.global = true;
      continue;
    }
    if (install.subcommand === '') install.subcommand = word;
    else install.packages.push(rest[i]!);
  }
  return syntax.installs.has(install.subcommand) ? install : undefined;
}

/** Removal commands: a RUN that removes what it installed leaves no toolchain in its layer. */
export function removesPackages(command: ShellCommand): boolean {
  const words = programWords(command);
  const program = programName(words[0]);
  const action = words.slice(1).find((word) => !word.value.startsWith('-'))?.value;
  if (program === 'apk') return action === 'del';
  if (['apt-get', 'apt', 'yum', 'dnf', 'microdnf'].includes(program)) {
    return action === 'purge' || action === 'remove' || action === 'autoremove' || action === 'erase';
  }
  return false;
}
