import * as path from 'node:path';
import type { Instruction } from 'dockerfile-ast';
import picomatch from 'picomatch';
import { isAtOrBelow, relativePosix } from '../../engine/fileSystem';
import { defineRule } from '../../engine/rule';
import type { SourceDocument } from '../../engine/sourceDocument';
import type { Fix } from '../../engine/types';
import type { FactProvider, WorkspaceIndex } from '../../engine/workspaceIndex';
import type { DockerfileModel, DockerStage } from '../../languages/dockerfile';
import { composeBuildsOf, shippedStages } from './support/composeBuilds';

/** Names of files that hold credentials; examples and templates of them do not. */
const SECRET_NAME =
  /^(?:\.env(?:\..+)?|.+\.env|.+\.(?:pem|key|p12|pfx|jks|keystore)|id_(?:rsa|dsa|ecdsa|ed25519)|\.npmrc|\.pypirc|\.netrc|credentials(?:\..+)?|secrets?(?:\..+)?)$/i;
const HARMLESS_NAME = /(?:example|sample|template|dist|defaults?)(?:\.|$)|\.pub$/i;

function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !HARMLESS_NAME.test(name);
}

/** Folders of examples, samples, templates and test fixtures: a key or a `secret.yaml` there shows the shape of one (a Helm chart's template, a demo certificate). */
const HARMLESS_FOLDER = /^(?:\.?examples?|samples?|templates?|fixtures|testdata)$/i;

function inHarmlessFolder(relativePath: string): boolean {
  return relativePath
    .split('/')
    .slice(0, -1)
    .some((folder) => HARMLESS_FOLDER.test(folder));
}

/** A file name a glob matches that still reads as a secret: `.env*` → `.env`, `*.pem` → `x.pem`; undefined when none does. */
function secretProbe(glob: string): string | undefined {
  const candidates = [glob.replace(/\*/g, ''), glob.replace(/\*/g, 'x')];
  return candidates.find((candidate) => isSecretName(path.posix.basename(candidate)));
}

/** A compiled `.dockerignore`: root-relative globs, `!` exceptions, the last matching line wins. */
export interface DockerIgnore {
  excludes(relativePath: string): boolean;
}

function compileDockerIgnore(text: string): DockerIgnore {
  const rules: Array<{ negated: boolean; match: (p: string) => boolean }> = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1).trim();
    line = line.replace(/^(?:\.?\/)+/, '').replace(/\/+$/, '');
    if (line === '' || line === '.') continue;
    const matchSelf = picomatch(line, { dot: true });
    // A pattern that names a folder excludes everything below it too.
    const matchBelow = picomatch(`${line}/**`, { dot: true });
    rules.push({ negated, match: (p) => matchSelf(p) || matchBelow(p) });
  }
  return {
    excludes(relativePath) {
      let excluded = false;
      for (const rule of rules) if (rule.match(relativePath)) excluded = !rule.negated;
      return excluded;
    },
  };
}

export const dockerIgnoreFacts: FactProvider<DockerIgnore> = {
  id: 'docker/dockerignore',
  appliesTo: (file) => path.basename(file.path).endsWith('.dockerignore'),
  extract: (document) => compileDockerIgnore(document.text),
};

/** The secret-looking, non-negated patterns of a `.gitignore`, as written. */
export const gitIgnoreSecretsFacts: FactProvider<string[]> = {
  id: 'docker/gitignore-secrets',
  appliesTo: (file) => path.basename(file.path) === '.gitignore',
  extract(document) {
    return document.text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
      .filter((line) => secretProbe(line.replace(/\/+$/, '')) !== undefined);
  },
};

/** Something secret that may sit in the build context: how to name it, how to exclude it, a path to test the exclusion on. */
interface ContextSecret {
  label: string;
  pattern: string;
  probe: string;
}

/**
 * What the context may carry: a `.git` folder, committed files with secret
 * names, and what the `.gitignore` files above and inside it keep out of git
 * under a secret-looking name (such files exist on a developer's machine,
 * which is where images get built).
 */
function contextSecrets(index: WorkspaceIndex, context: string): ContextSecret[] {
  const secrets: ContextSecret[] = [];
  if (index.existsOnDisk(path.join(context, '.git'))) secrets.push({ label: '.git', pattern: '.git', probe: '.git/config' });
  for (const { file, facts } of index.facts(gitIgnoreSecretsFacts)) {
    const gitignoreDirectory = path.dirname(file.path);
    if (!isAtOrBelow(gitignoreDirectory, context) && !isAtOrBelow(context, gitignoreDirectory)) continue;
    for (const pattern of facts) {
      const bare = pattern.replace(/\/+$/, '');
      const anchored = bare.replace(/^\//, '').includes('/') || bare.startsWith('/');
      const probeName = secretProbe(bare.replace(/^\/+/, '').replace(/^\*\*\//, ''));
      if (probeName === undefined) continue;
      if (!anchored) {
        secrets.push({ label: `${bare} (listed in .gitignore)`, pattern: `**/${bare}`, probe: probeName });
        continue;
      }
      const location = path.join(gitignoreDirectory, probeName);
      if (!isAtOrBelow(context, location)) continue;
      const probe = relativePosix(context, location);
      secrets.push({ label: `${probe} (listed in .gitignore)`, pattern: probe, probe });
    }
  }
  for (const file of index.files()) {
    if (!isSecretName(path.basename(file.path)) || !isAtOrBelow(context, file.path)) continue;
    const probe = relativePosix(context, file.path);
    if (!inHarmlessFolder(probe)) secrets.push({ label: probe, pattern: probe, probe });
  }
  const seen = new Set<string>();
  return secrets.filter((secret) => !seen.has(secret.pattern) && seen.add(secret.pattern));
}

/** A COPY/ADD as written: the stage or image of `--from=`, its sources and its destination (the last operand). */
function copyOperands(model: DockerfileModel, instruction: Instruction): { from: string | undefined; sources: string[]; destination: string | undefined } {
  const words = model.logicalArguments(instruction).text.trim().split(/\s+/);
  const operands = words.filter((word) => !word.startsWith('--'));
  const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: operands.slice(0, -1), destination: operands[operands.length - 1] };
}

/** Sources of a COPY/ADD that name the whole context: `.`, `./`. */
function copiesWholeContext(model: DockerfileModel, instruction: Instruction): boolean {
  const { from, sources } = copyOperands(model, instruction);
  return from === undefined && sources.some((source) => /^\.\/?$/.test(source));
}

/** Where a `COPY . <dest>` puts the context in its stage: the destination, resolved against the stage's WORKDIR. */
function contextDestination(model: DockerfileModel, stage: DockerStage, copy: Instruction): string {
  let workdir = '/';
  for (const instruction of stage.instructions) {
    if (instruction === copy) break;
    const argument = model.logicalArguments(instruction).text.trim();
    if (instruction.getKeyword() === 'WORKDIR' && argument !== '') workdir = path.posix.resolve(workdir, argument);
  }
  return path.posix.resolve(workdir, copyOperands(model, copy).destination ?? '.');
}

/**
 * The instruction of a shipped stage that copies, from a builder stage, a
 * folder holding that stage's copy of the context (`COPY --from=builder
 * /opt/app/ /opt/app/` after `COPY . /opt/app/`): the context reaches the
 * image through it. Copying a build output below it (`/opt/app/dist`) does not.
 */
function copiedIntoImage(model: DockerfileModel, shipped: ReadonlySet<DockerStage>, builder: DockerStage, destination: string): Instruction | undefined {
  for (const stage of shipped) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'COPY') continue;
      const { from, sources } = copyOperands(model, instruction);
      const fromStage = from?.toLowerCase();
      if (fromStage === undefined || (fromStage !== builder.name && fromStage !== String(builder.index))) continue;
      const holdsContext = sources.some((source) => {
        const folder = path.posix.resolve('/', source);
        return folder === '/' || destination === folder || destination.startsWith(`${folder}/`);
      });
      if (holdsContext) return instruction;
    }
  }
  return undefined;
}

/** BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile before the context's `.dockerignore`. */
function dockerIgnorePath(index: WorkspaceIndex, dockerfile: string, context: string): { path: string; exists: boolean } {
  const ownIgnore = `${dockerfile}.dockerignore`;
  if (index.has(ownIgnore)) return { path: ownIgnore, exists: true };
  const contextIgnore = path.join(context, '.dockerignore');
  return { path: contextIgnore, exists: index.has(contextIgnore) };
}

function dockerIgnoreFix(index: WorkspaceIndex, ignoreFile: { path: string; exists: boolean }, missing: readonly ContextSecret[], displayPath: string): Fix {
  const lines = missing.map((secret) => secret.pattern);
  if (!ignoreFile.exists) {
    return {
      title: `Create ${displayPath} excluding ${lines.join(', ')}`,
      edits: [],
      workspaceChanges: [{ kind: 'create', path: ignoreFile.path, content: `${lines.join('\n')}\n` }],
    };
  }
  const existing: SourceDocument | undefined = index.document(ignoreFile.path);
  const text = existing?.text ?? '';
  const end = existing ? existing.positionAt(text.length) : { line: 0, character: 0 };
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return {
    title: `Add ${lines.join(', ')} to ${displayPath}`,
    edits: [],
    workspaceChanges: [{ kind: 'edit', path: ignoreFile.path, edits: [{ range: { start: end, end }, newText: `${separator}${lines.join('\n')}\n` }] }],
  };
}

export const buildContextLeak = defineRule({
  meta: {
    code: 'PL109',
    name: 'docker/build-context-leak',
    summary:
      '`COPY .`/`ADD .` of a build context whose `.dockerignore` is missing or does not exclude `.git`, `.env*`, keys and the secrets `.gitignore` lists.',
    severity: 'warning',
    policy: 'Secrets never end up in container images: the build context that an image copies excludes them.',
    fixable: 'yes',
    fixApplicability: 'unsafe',
    fixChangesOtherFiles: true,
    kinds: ['dockerfile'],
    docs: {
      language: 'dockerfile',
      rationale:
        "`COPY . .` copies the whole build context: on the developer's machine or the CI runner that builds the image, that includes the `.env` file with real credentials, private keys, and the `.git` folder with the full history. `.gitignore` keeps them out of the repository, but Docker does not read it — only `.dockerignore` keeps them out of the image, where anyone who can pull it can read them.",
      bad: `# .gitignore lists .env; there is no .dockerignore
FROM python:3.12.7-slim
WORKDIR /app
COPY . .
`,
      good: `# .dockerignore:
#   .git
#   **/.env
FROM python:3.12.7-slim
WORKDIR /app
COPY . .
`,
      exampleSurroundings: {
        bad: { '.gitignore': '.env\n' },
        good: { '.gitignore': '.env\n', '.dockerignore': '.git\n**/.env\n' },
      },
      fix: "Creates the context's `.dockerignore` with the missing exclusions, or appends them to the existing one (never overwriting it). The fix is unsafe: a build that really needs one of those files in the image stops working.",
      peers:
        "Checkov and hadolint do not look at the build context; Docker's own build check warns about secrets only in ARG/ENV. The context of a Dockerfile is its folder, or the `build.context` of each Compose service that builds it; its ignore file is `<Dockerfile>.dockerignore` beside it, else the context's `.dockerignore`. What must be excluded is what can be there: `.git` when the context is the repository root, committed files with secret names (`.env`, `.env.*`, `*.pem`, `*.key`, `id_rsa`, `credentials*` …; examples and templates aside, by name such as `.env.example` or by folder such as `examples/`, `templates/` or `fixtures/`), and the secret-looking entries of the `.gitignore` files above and inside the context. A context with nothing secret in it is not reported, nor is a `COPY .` in a stage that no built image contains (a builder stage), unless a shipped stage copies the folder that holds it (`COPY . /opt/app/` in the builder, then `COPY --from=builder /opt/app/ /opt/app/`); copying a build output from below it (`/opt/app/dist`) is fine.",
    },
  },
  check(context) {
    const model = context.parsed;
    const { index, document } = context;
    const builds = composeBuildsOf(index, document.path);
    const contexts = builds.length > 0 ? [...new Set(builds.map((build) => build.context))] : [path.dirname(document.path)];
    const shipped = shippedStages(model, builds);
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if ((keyword !== 'COPY' && keyword !== 'ADD') || !copiesWholeContext(model, instruction)) continue;
        // A builder stage's copy of the context ships only when a shipped stage copies the folder that holds it.
        const carrier = shipped.has(stage) ? undefined : copiedIntoImage(model, shipped, stage, contextDestination(model, stage, instruction));
        if (!shipped.has(stage) && !carrier) continue;
        const into = carrier ? `stage "${stage.name ?? stage.index}", which line ${carrier.getRange().start.line + 1} copies into the image` : 'the image';
        for (const buildContext of contexts) {
          const ignoreFile = dockerIgnorePath(index, document.path, buildContext);
          const ignore = ignoreFile.exists ? index.factsOf(dockerIgnoreFacts, ignoreFile.path) : undefined;
          const missing = contextSecrets(index, buildContext).filter((secret) => !ignore?.excludes(secret.probe));
          if (missing.length === 0) continue;
          const displayPath = index.relativePath(ignoreFile.path);
          const contextName = index.relativePath(buildContext) || '.';
          const labels = missing.map((secret) => secret.label).join(', ');
          const problem = ignoreFile.exists
            ? `${displayPath} does not exclude ${labels}`
            : `it has no .dockerignore, so ${labels} ${missing.length === 1 ? 'goes' : 'go'} in too`;
          context.report({
            message: `${keyword} . copies the whole build context "${contextName}" into ${into}, and ${problem}; exclude ${missing.length === 1 ? 'it' : 'them'} in ${displayPath} so no secret ends up in the image.`,
            range: document.lineRange(instruction.getRange().start.line),
            fixes: [dockerIgnoreFix(index, ignoreFile, missing, displayPath)],
          });
        }
      }
    }
  },
});
