/**
 * The applicability of every fix of every rule, pinned in one table: what
 * each rule declares (and the docs show), and what the fixes it reports on
 * a sample carry once the engine has filled in the rule's default.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixApplicabilities } from '../../../server/src/cli/docs/rulePage';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import type { FixApplicability } from '../../../server/src/engine/types';
import { Workspace } from '../../../server/src/engine/workspace';
import { allRules, builtinRules } from '../../../server/src/rules';
import { makeWorkspace, removeWorkspace } from '../../helpers/workspace';

interface Sample {
  /** The linted file and its text; the rule's documented `bad` example when omitted. */
  file?: string;
  code?: string;
  /** Other files of the workspace. */
  files?: Record<string, string>;
  /** Every fix the rule's problems offer, in order: title → applicability. */
  fixes: Array<[string, FixApplicability]>;
}

/** A service built from a workspace Dockerfile that runs as root and installs curl: the Compose fixes know what the image has. */
const BUILT_API: Pick<Sample, 'file' | 'code' | 'files'> = {
  file: 'compose.yaml',
  code: 'services:\n  api:\n    build: ./api\n',
  files: {
    'api/Dockerfile': 'FROM python:3.12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 8080\nCMD ["python", "app.py"]\n',
  },
};

const POSTGRES_SERVICE = 'services:\n  db:\n    image: postgres:16.4\n';

/** A team that has agreed on limits for its ordinary services: PL204 then sets them. */
const TEAM_LIMITS = { '.plumbline.yaml': 'rules:\n  PL204:\n    memory: 512M\n    cpus: "0.50"\n' };

const NYGARD_SECTIONS = '## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n';

/** Rule code → the applicabilities its fixes may have ([] for none) and samples of what it offers. */
const TABLE: Record<string, { declared: FixApplicability[]; samples?: Sample[] }> = {
  PL101: {
    declared: ['unsafe'],
    samples: [
      { fixes: [['Add USER app to the final stage', 'unsafe']] },
      {
        file: 'Dockerfile',
        code: 'FROM debian:12.6-slim\nUSER app\nUSER root\nRUN apt-get update\n',
        fixes: [['Switch back to USER app before startup', 'unsafe']],
      },
      { file: 'Dockerfile', code: 'FROM postgres:16.4\nCOPY init.sql /docker-entrypoint-initdb.d/\n', fixes: [] },
    ],
  },
  PL102: { declared: [] },
  PL103: {
    declared: ['unsafe', 'suggestion'],
    samples: [
      { fixes: [['Add a HEALTHCHECK on port 8000', 'unsafe']] },
      {
        file: 'Dockerfile',
        code: 'FROM python:3.12.7-slim\nCMD ["python", "worker.py"]\n',
        fixes: [['Add a HEALTHCHECK on port 8080 (no EXPOSE: check the port)', 'suggestion']],
      },
      { file: 'Dockerfile', code: 'FROM nginx:1.27.3\nEXPOSE 80\n', fixes: [['Opt out with HEALTHCHECK NONE', 'unsafe']] },
    ],
  },
  PL104: { declared: [] },
  PL105: { declared: [] },
  PL106: { declared: ['unsafe'], samples: [{ fixes: [['Rewrite CMD in exec form', 'unsafe']] }] },
  PL107: { declared: [] },
  PL108: { declared: [] },
  PL109: {
    declared: ['unsafe'],
    samples: [
      {
        file: 'Dockerfile',
        code: 'FROM node:20.18.0-slim\nWORKDIR /srv\nCOPY . .\n',
        files: { '.gitignore': '.env\n*.pem\n' },
        fixes: [['Create .dockerignore excluding **/.env, **/*.pem', 'unsafe']],
      },
    ],
  },
  PL201: { declared: [] },
  PL202: { declared: ['unsafe'], samples: [{ ...BUILT_API, fixes: [['Add user: "10001:10001"', 'unsafe']] }] },
  PL203: {
    declared: ['unsafe'],
    samples: [
      { ...BUILT_API, fixes: [['Add a healthcheck', 'unsafe']] },
      { file: 'compose.yaml', code: POSTGRES_SERVICE, fixes: [['Add a healthcheck', 'unsafe']] },
    ],
  },
  PL204: {
    declared: ['suggestion', 'unsafe'],
    samples: [
      { fixes: [['Add memory and CPU limits to fill in', 'suggestion']] },
      {
        files: TEAM_LIMITS,
        fixes: [['Add memory and CPU limits', 'unsafe']],
      },
      {
        file: 'compose.yaml',
        code: POSTGRES_SERVICE,
        files: TEAM_LIMITS,
        fixes: [['Add memory and CPU limits to fill in', 'suggestion']],
      },
    ],
  },
  PL205: { declared: [] },
  PL206: { declared: [] },
  PL207: {
    declared: ['unsafe'],
    samples: [
      { fixes: [['Create PortRegistry.md with this port', 'unsafe']] },
      {
        file: 'compose.yaml',
        code: 'services:\n  api:\n    image: api:1.2.3\n    ports:\n      - "8081:80"\n',
        files: { 'PortRegistry.md': '| Port | Service |\n|---|---|\n| 8080 | api |\n' },
        fixes: [['Add 8081 (api) to PortRegistry.md', 'unsafe']],
      },
    ],
  },
  PL208: { declared: [] },
  PL209: { declared: [] },
  PL210: { declared: [] },
  PL301: {
    declared: ['suggestion'],
    samples: [
      {
        fixes: [
          ['Add a module docstring stub', 'suggestion'],
          ['Add a docstring stub to "send_invoice"', 'suggestion'],
        ],
      },
    ],
  },
  PL302: { declared: ['safe'], samples: [{ fixes: [['Add "-> None"', 'safe']] }] },
  PL303: {
    declared: ['unsafe'],
    samples: [
      {
        fixes: [
          ['Replace print() with logger.info()', 'unsafe'],
          ['Replace print() with logger.error()', 'unsafe'],
        ],
      },
    ],
  },
  PL304: { declared: ['unsafe'], samples: [{ fixes: [['Catch Exception', 'unsafe']] }] },
  PL305: { declared: [] },
  PL306: { declared: [] },
  PL307: { declared: [] },
  PL308: { declared: [] },
  PL309: { declared: [] },
  PL310: { declared: [] },
  PL311: { declared: [] },
  PL401: {
    declared: ['safe'],
    samples: [
      {
        fixes: [
          ['Add the "## [Unreleased]" section', 'safe'],
          ['Rename to "Fixed"', 'safe'],
        ],
      },
      { file: 'CHANGELOG.md', code: '## [Unreleased]\n', fixes: [['Add the title "# Changelog"', 'safe']] },
    ],
  },
  PL402: { declared: ['suggestion'], samples: [{ fixes: [['Create CHANGELOG.md in the workspace root', 'suggestion']] }] },
  PL403: { declared: [] },
  PL404: {
    declared: ['safe'],
    samples: [
      {
        file: 'docs/adr/0005-use-nats.md',
        code: `# 5. Use NATS\n\nDate: 2026-01-31\n\n## Status\n\nAccepted\n\nSupersedes [3. Use Kafka](0003-use-kafka.md)\n\n${NYGARD_SECTIONS}`,
        files: { 'docs/adr/0003-use-kafka.md': `# 3. Use Kafka\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\n${NYGARD_SECTIONS}` },
        fixes: [['Add "Superseded by 0005-use-nats.md" to 0003-use-kafka.md', 'safe']],
      },
    ],
  },
  PL405: { declared: [] },
  PL406: { declared: [] },
  PL501: {
    declared: ['unsafe'],
    samples: [
      {
        file: 'tools/rotate_keys.py',
        code: '"""Rotate keys."""\n\nif __name__ == "__main__":\n    rotate()\n',
        fixes: ['deployment', 'validation', 'monitoring', 'orchestration', 'testing', 'management'].map((category) => [
          `Move to scripts/backend/${category}/`,
          'unsafe',
        ]),
      },
    ],
  },
  PL502: { declared: [] },
  PL503: { declared: [] },
  PL504: { declared: [] },
  PL505: { declared: ['safe'], samples: [{ fixes: [['Remove unused suppression of PL106', 'safe']] }] },
  PL506: {
    declared: ['unsafe'],
    samples: [
      {
        file: 'scripts/backend/deployment/rollout.sh',
        code: '#!/usr/bin/env bash\n# Roll out the API.\nkubectl get pods | grep api\n',
        fixes: [['Insert "set -euo pipefail" after the shebang', 'unsafe']],
      },
    ],
  },
  PL507: { declared: [] },
  PL508: { declared: [] },
};

const DEFAULT_FILES: Record<string, string> = { dockerfile: 'Dockerfile', compose: 'compose.yaml', python: 'app/service.py' };

function offeredFixes(code: string, sample: Sample): Array<[string, FixApplicability | undefined]> {
  const rule = allRules.find((candidate) => candidate.meta.code === code)!;
  const file = sample.file ?? rule.meta.docs.exampleFile ?? DEFAULT_FILES[rule.meta.kinds[0]!]!;
  const text = sample.code ?? rule.meta.docs.bad;
  const root = makeWorkspace({ ...sample.files, [file]: text });
  try {
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const result = workspace.lint(new SourceDocument(path.join(root, file), text));
    return result.diagnostics
      .filter((diagnostic) => diagnostic.code === code)
      .flatMap((diagnostic) => (diagnostic.fixes ?? []).map((fix): [string, FixApplicability | undefined] => [fix.title, fix.applicability]));
  } finally {
    removeWorkspace(root);
  }
}

describe('fix applicability of every rule', () => {
  it('the table covers every rule', () => {
    assert.deepEqual(
      Object.keys(TABLE),
      allRules.map((rule) => rule.meta.code),
    );
  });

  for (const rule of allRules) {
    const { code } = rule.meta;
    const row = TABLE[code];
    it(`${code} ${rule.meta.name}: declares ${row?.declared.join(', ') || 'no fixes'}`, () => {
      assert.deepEqual(fixApplicabilities(rule.meta), row!.declared);
      for (const sample of row!.samples ?? []) {
        const offered = offeredFixes(code, sample);
        assert.deepEqual(offered, sample.fixes);
        for (const [title, applicability] of offered) {
          assert.ok(applicability && row!.declared.includes(applicability), `"${title}" is ${applicability}, which ${code} does not declare`);
        }
      }
    });
  }
});
