/**
 * The file kinds the fuzzer drives through the engine: where each file lives
 * in the workspace, its seed corpus (the repository's own fixtures and
 * examples, and every rule's documented good and bad example), the tokens
 * that mutations splice in, and how to tell whether a text still parses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { parser as pythonParser } from '@lezer/python';
import { FileClassifier } from '../../server/src/engine/fileKinds';
import type { FileKind } from '../../server/src/engine/types';
import { scanLogicalLines } from '../../server/src/languages/pythonLines';
import { withLineFeeds } from '../../server/src/languages/yamlDepth';
import { allRules } from '../../server/src/rules';

export interface FuzzKind {
  /** The name printed in the report and accepted by `--kind`. */
  name: string;
  engineKind: FileKind;
  /** Path of the fuzzed file relative to the workspace root. */
  relativePath: string;
  seeds: string[];
  /** Fragments that mean something to this kind's parser or rules. */
  tokens: readonly string[];
  /** Whether the text is well-formed for the kind's parser; undefined when the kind has no notion of it. */
  parses?: (text: string) => boolean;
}

const REPOSITORY = path.resolve(import.meta.dirname, '../..');
const SEED_FOLDERS = ['test/fixtures', 'examples'];

function* filesUnder(directory: string): Generator<string> {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

const repositoryFiles = SEED_FOLDERS.flatMap((folder) => [...filesUnder(path.join(REPOSITORY, folder))]).sort();

function seedFiles(matches: (relativePath: string, text: string) => boolean): string[] {
  return repositoryFiles
    .map((file) => ({ relative: path.relative(REPOSITORY, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }))
    .filter(({ relative, text }) => matches(relative, text))
    .map(({ text }) => text);
}

/** The `bad` and `good` examples of every rule of a kind, as the docs pages show them. */
function ruleExamples(kind: FileKind, belongs: (ruleName: string) => boolean = () => true): string[] {
  return allRules.filter((rule) => rule.meta.kinds.includes(kind) && belongs(rule.meta.name)).flatMap((rule) => [rule.meta.docs.bad, rule.meta.docs.good]);
}

/** Whether `yaml` parses the text (lone CRs as line breaks, as Plumbline reads it) without errors; a stack overflow is no parse. */
function yamlParses(text: string): boolean {
  try {
    return parseDocument(withLineFeeds(text), { prettyErrors: false }).errors.length === 0;
  } catch {
    return false;
  }
}

/**
 * Whether lezer parses the text without error nodes and Python's tokenizer
 * would accept it (lezer takes an unexpected indent without an error; see
 * languages/pythonLines.ts); a tree it cannot walk (see languages/python.ts)
 * does not parse.
 */
function pythonParses(text: string): boolean {
  if (scanLogicalLines(text).rejectedAt !== undefined) return false;
  let clean = true;
  try {
    pythonParser.parse(text).iterate({
      enter(node) {
        if (node.type.isError) clean = false;
        return clean;
      },
    });
  } catch {
    return false;
  }
  return clean;
}

/** Seed files the engine itself classifies as `kind` (env files and manifests go by their names). */
const classifier = new FileClassifier();
const classifiedAs = (kind: FileKind) => (relative: string) => classifier.classify(relative) === kind;

const isAdr = (relative: string, text: string) => /\/adr[^/]*\//.test(relative) && /^#{1,2} /m.test(text) && !relative.endsWith('README.md');

export const FUZZ_KINDS: readonly FuzzKind[] = [
  {
    name: 'dockerfile',
    engineKind: 'dockerfile',
    relativePath: 'services/api/Dockerfile',
    seeds: [...seedFiles((p) => /Dockerfile$|\.Dockerfile$/.test(p)), ...ruleExamples('dockerfile')],
    tokens: [
      'FROM python:3.12-slim AS build\n',
      'USER 10001\n',
      'USER root\n',
      'HEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
      'RUN <<EOF\n',
      'RUN cat <<-EOT > /x\n',
      'EOF\n',
      'RUN apt-get install -y curl \\\n',
      ' \\\n',
      'CMD ["python", "-m", "app"]\n',
      'CMD python app.py\n',
      'ENV SECRET_KEY=abc\n',
      'ARG PASSWORD\n',
      'COPY --from=build /a /b\n',
      'RUN pip install flask\n',
      'RUN apk add --no-cache "\n"\n',
      '# syntax=docker/dockerfile:1\n',
      '# escape=`\n',
      '# plumbline: disable-next-line PL101\n',
      '\\',
      '"',
      "'",
      '$',
      '${',
      'FROM scratch\n',
    ],
  },
  {
    name: 'compose',
    engineKind: 'compose',
    relativePath: 'compose.yaml',
    seeds: [...seedFiles((p) => p.includes('compose') && /\.ya?ml$/.test(p)), ...ruleExamples('compose')],
    tokens: [
      'services:\n',
      '  web:\n',
      '    image: nginx\n',
      '    image: nginx:1.27\n',
      '    user: "1000"\n',
      '    privileged: true\n',
      '    ports:\n',
      '      - "8080:80"\n',
      '      - 8080:80\n',
      '    environment:\n',
      '      PASSWORD: hunter2\n',
      '    healthcheck:\n',
      '      test: ["CMD", "true"]\n',
      '    deploy:\n',
      '      resources:\n',
      '        limits:\n',
      '    build:\n',
      '      target: prod\n',
      'x-common: &common\n',
      '  <<: *common\n',
      '*common',
      '&a [',
      '- ',
      '? ',
      ': ',
      '{',
      '}',
      '[',
      ']',
      '#',
      '"',
      "'",
      '|\n',
      '>-\n',
      '---\n',
      '...\n',
      '%YAML 1.2\n',
      '!!str ',
      '# plumbline: disable-file PL201\n',
    ],
    parses: yamlParses,
  },
  {
    name: 'python',
    engineKind: 'python',
    relativePath: 'scripts/backend/deployment/deploy.py',
    seeds: [...seedFiles((p) => p.endsWith('.py')), ...ruleExamples('python')],
    tokens: [
      '#!/usr/bin/env python3\n',
      '"""Docstring."""\n',
      'def main(argv):\n',
      '    pass\n',
      'class Service:\n',
      'async def run(self, x: int) -> None:\n',
      'try:\n',
      'except:\n',
      'except Exception:\n',
      '    print("x")\n',
      'import sys\n',
      'import argparse\n',
      'if __name__ == "__main__":\n',
      'PASSWORD = "hunter2"\n',
      'sys.argv[1]\n',
      'signal.signal(signal.SIGTERM, handler)\n',
      '# TODO\n',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      ':',
      '\\\n',
      '"""',
      "'''",
      'f"{',
      '@decorator\n',
      'lambda: ',
      '\t',
      '    ',
      '# plumbline: disable-file PL301 PL301\n',
      'x = 1  # plumbline: disable-line PL305\n',
    ],
    parses: pythonParses,
  },
  {
    name: 'requirements',
    engineKind: 'requirements',
    relativePath: 'requirements.txt',
    seeds: [...seedFiles((p) => /requirements[^/]*\.txt$/.test(p)), ...ruleExamples('requirements')],
    tokens: [
      'flask==3.0.0\n',
      'requests\n',
      'django>=4\n',
      '-r other.txt\n',
      '-e .\n',
      '--index-url https://x\n',
      '-c constraints.txt\n',
      '--hash=sha256:abc',
      ' \\\n',
      'pkg[extra]==1.0 ; python_version < "3.9"\n',
      'git+https://github.com/a/b.git#egg=b\n',
      '# comment\n',
      '-',
      '--',
      '==',
      '@ ',
      ' ',
      '\t',
    ],
  },
  {
    name: 'changelog',
    engineKind: 'markdown',
    relativePath: 'CHANGELOG.md',
    seeds: [...seedFiles((p) => /CHANGELOG|changelogs\//.test(p)), ...ruleExamples('markdown', (name) => name.includes('changelog'))],
    tokens: [
      '# Changelog\n',
      '## [Unreleased]\n',
      '## [1.0.0] - 2024-01-02\n',
      '## 0.1.0\n',
      '### Added\n',
      '### Fixed\n',
      '### Security\n',
      '- Entry\n',
      '- ',
      '* ',
      '[Unreleased]: https://example.com/compare/v1.0.0...HEAD\n',
      '[1.0.0]: https://example.com/releases/v1.0.0\n',
      '```\n',
      '> ',
      '[',
      ']',
      '(',
      ')',
      '<!-- plumbline: disable-next-line PL401 -->\n',
      '\n\n',
    ],
  },
  {
    name: 'adr',
    engineKind: 'markdown',
    relativePath: 'docs/adr/0002-use-postgres.md',
    seeds: [...seedFiles(isAdr), ...ruleExamples('markdown', (name) => name.includes('adr'))],
    tokens: [
      '# 2. Use Postgres\n',
      '## Status\n',
      'Accepted\n',
      'Superseded by [3. X](0003-x.md)\n',
      '## Context\n',
      '## Decision\n',
      '## Consequences\n',
      '---\n',
      'status: accepted\n',
      'date: 2024-01-02\n',
      '## Context and Problem Statement\n',
      '## Decision Outcome\n',
      '\u2028',
      '\u0085',
      '<!-- plumbline: disable-file PL403 PL403 -->\n',
      '<!-- plumbline: disable-next-line PL505 -->\n',
      '- ',
      '[',
      '](',
      ')',
    ],
  },
  {
    name: 'config',
    engineKind: 'plumbline-config',
    relativePath: '.plumbline.yaml',
    seeds: [
      ...seedFiles((p) => /\.plumbline\.ya?ml$/.test(p)),
      'rules:\n  PL101: error\n  docker/healthcheck: off\n  PL501:\n    severity: warning\n    area: backend\n    categories: [deployment, maintenance]\nignore:\n  - "vendor/**"\nmaxFileSize: 2048\npaths:\n  docs: docs\n  adr: docs/decisions\n  scripts: scripts\ncompose:\n  files: ["deploy/*.yml"]\n',
    ],
    tokens: [
      'rules:\n',
      '  PL101: error\n',
      '  PL999: warning\n',
      '  PL501:\n',
      '    area: ""\n',
      '    categories: []\n',
      'ignore:\n',
      '  - ""\n',
      '  - "[" \n',
      '  - "**/x"\n',
      'compose:\n',
      '  files: [""]\n',
      'paths:\n',
      '  docs: ../outside\n',
      '  adr: /tmp\n',
      'maxFileSize: -1\n',
      '- ',
      '&a ',
      '*a',
      '<<: ',
      '{',
      '[',
      ']',
      '}',
      ': ',
    ],
    parses: yamlParses,
  },
  {
    name: 'shell',
    engineKind: 'shell',
    relativePath: 'scripts/backend/deployment/run.sh',
    seeds: [...seedFiles((p) => p.endsWith('.sh')), ...ruleExamples('shell')],
    tokens: ['#!/usr/bin/env bash\n', 'set -euo pipefail\n', 'echo "$1"\n', '# plumbline: disable-file PL503\n'],
  },
  {
    name: 'env',
    engineKind: 'env',
    relativePath: '.env',
    seeds: [
      ...seedFiles(classifiedAs('env')),
      ...ruleExamples('env'),
      [
        '# Read by Docker Compose for interpolation; copy from .env.example.',
        'COMPOSE_PROJECT_NAME=shop',
        'DOMAIN=localhost',
        'export SMTP_PASSWORD=n0t-a-default # the relay account',
        'SECRET_KEY=changethis',
        "FIRST_SUPERUSER_PASSWORD='Xq7-pl0ugh-r1ver'",
        'DB_PASSWORD=',
        'API_TOKEN',
        'DATABASE_URL="postgresql://shop:${DB_PASSWORD}@db:5432/shop"',
        'SIGNING_KEY_FILE=/run/secrets/signing_key',
        'PGBOUNCER_AUTH_TYPE=scram-sha-256',
        'ESCAPED_PASSWORD=pa$$word',
        '',
      ].join('\n'),
      'TLS_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"\nSERVICE_JSON=\'{"token": "abc",\n  "key": "d"}\'\nLOG_LEVEL=info\n',
      'STRIPE_API_KEY=sk_live_51HqLr\r\nLOG_LEVEL=info\r\nexport\tREDIS_PASSWORD = "r3dis-Pa55" \r\n',
      [
        '# plumbline: disable-file PL206 PL206 PL999',
        '# plumbline: disable-next-line PL206 -- the throwaway demo database',
        'DB_PASSWORD=Xq7-pl0ugh-r1ver',
        'ADMIN_TOKEN=t0k3n-Value # plumbline: disable-line compose/secret-in-environment, PL505',
        '# plumbline: disable-next-line',
        'PLAIN=1',
        '',
      ].join('\n'),
    ],
    tokens: [
      'KEY=value\n',
      'DB_PASSWORD=Xq7-pl0ugh-r1ver\n',
      'SECRET_KEY=changethis\n',
      'API_TOKEN\n',
      'PASSWORD=',
      'export ',
      'export PASSWORD=hunter2\n',
      '=',
      ' = ',
      '"',
      "'",
      '\\"',
      '="line one\nline two"\n',
      '=\'{"a":\n1}\'\n',
      '#',
      ' # comment\n',
      '# comment\n',
      '$',
      '$$',
      '${DB_PASSWORD}',
      '${DB_PASSWORD:?set DB_PASSWORD}',
      '\r\n',
      '\t',
      'A.B-C=1\n',
      '# plumbline: disable-next-line PL206\n',
      'TOKEN=abc # plumbline: disable-line PL206\n',
      '# plumbline: disable-file PL206 PL505\n',
    ],
  },
  {
    name: 'manifest',
    engineKind: 'manifest',
    relativePath: 'services/api/pyproject.toml',
    seeds: [
      ...seedFiles(classifiedAs('manifest')),
      ...ruleExamples('manifest'),
      '[project]\nname = "platform-api"\nversion = "1.4.0"\n\n[project.scripts]\nplatform-api = "platform_api.cli:main"\n\n[tool.poetry.scripts]\nmigrate = \'platform_api.migrate\'\n',
    ],
    tokens: [
      '[project]\n',
      '[project.scripts]\n',
      '[tool.poetry.scripts]\n',
      '[[tool.x]]\n',
      'name = "api"\n',
      'api = "api.cli:main"\n',
      "api = 'api.main'\n",
      'dependencies = [\n',
      '"fastapi==0.115.0",\n',
      ']\n',
      '[',
      ']',
      '"',
      "'",
      '"""',
      '=',
      '.',
      ':',
      '# comment\n',
      '{',
      '}',
    ],
  },
];
