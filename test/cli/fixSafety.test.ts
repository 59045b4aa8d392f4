/**
 * `--fix` applies only what cannot change how a service runs; `--unsafe-fixes`
 * opts in to the rest. The workspace is shaped like the repositories where
 * blanket fixes broke things: a database and a broker in Compose, an nginx
 * image, a script whose stdout another program reads.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { runInProcess } from './cliRunner';

const COMPOSE = [
  'services:',
  '  db:',
  '    image: postgres:16.4',
  '    environment:',
  '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
  '    volumes:',
  '      - db-data:/var/lib/postgresql/data',
  '  broker:',
  '    image: bitnami/kafka:3.8.0',
  '    environment:',
  '      KAFKA_CFG_PROCESS_ROLES: broker,controller',
  'volumes:',
  '  db-data:',
  '',
].join('\n');

const DOCKERFILE = 'FROM nginx:1.27.3-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\nCMD nginx -g "daemon off;"\n';

/** A CI step pipes this script's stdout into the release notes: logging would silence it. */
const DIGEST_SCRIPT = [
  '"""Print the digest of the release archive for the release notes."""',
  'import hashlib',
  'import sys',
  '',
  '',
  'def main() -> None:',
  '    """Hash standard input."""',
  '    print("sha256:", hashlib.sha256(sys.stdin.buffer.read()).hexdigest())',
  '',
  '',
  'if __name__ == "__main__":',
  '    main()',
  '',
].join('\n');

const CHANGELOG = '# Changelog\n\n## [1.0.0] - 2026-01-10\n\n### fixed\n\n- Retry webhooks.\n';
const SETTINGS = '"""Settings."""\nTIMEOUT_SECONDS = 30  # plumbline: disable-line PL307\n';

const UNCHANGED_BY_SAFE_FIXES = ['compose.yaml', 'web/Dockerfile', 'scripts/backend/deployment/release_digest.py'];

function snapshot(root: string, files: readonly string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')]));
}

describe('plumbline check --fix applies safe fixes only', () => {
  it('leaves Compose, the nginx Dockerfile and the stdout script alone; --unsafe-fixes applies the rest', async () => {
    const files = {
      'compose.yaml': COMPOSE,
      'web/Dockerfile': DOCKERFILE,
      'scripts/backend/deployment/release_digest.py': DIGEST_SCRIPT,
      'CHANGELOG.md': CHANGELOG,
      'app/settings.py': SETTINGS,
    };
    const root = makeWorkspace({ ...files, '.plumbline.yaml': 'rules:\n  PL402: off\n' });
    try {
      const summaryOf = (stdout: string) =>
        stdout
          .trimEnd()
          .split('\n')
          .at(-1)!
          .replace(/^.* in 6 files \(workspace root: \.\); /, '');
      const plain = await runInProcess(['check'], root);
      const counted = /^3 fixable with --fix \((\d+) more with --unsafe-fixes\)$/.exec(summaryOf(plain.stdout));
      assert.ok(counted, summaryOf(plain.stdout));
      const withUnsafe = await runInProcess(['check', '--unsafe-fixes'], root);
      assert.equal(summaryOf(withUnsafe.stdout), `${3 + Number(counted[1])} fixable with --fix --unsafe-fixes`, 'without --fix nothing is written');
      assert.deepEqual(snapshot(root, Object.keys(files)), files);

      const fixed = await runInProcess(['check', '--fix'], root);
      assert.deepEqual(
        snapshot(root, UNCHANGED_BY_SAFE_FIXES),
        Object.fromEntries(UNCHANGED_BY_SAFE_FIXES.map((file) => [file, files[file as keyof typeof files]])),
      );
      assert.equal(
        fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'),
        '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-10\n\n### Fixed\n\n- Retry webhooks.\n',
      );
      assert.equal(fs.readFileSync(path.join(root, 'app/settings.py'), 'utf8'), '"""Settings."""\nTIMEOUT_SECONDS = 30\n');
      // The Compose findings are the Compose rules' tests' business; the rest is pinned here.
      const lines = fixed.stdout
        .trimEnd()
        .split('\n')
        .filter((line) => !line.startsWith('compose.yaml:'));
      assert.deepEqual(lines.slice(0, -1), [
        "scripts/backend/deployment/release_digest.py:8:5: warning PL303 print() in non-test code; log with logger.info(...) so the output has a level and reaches the service's log handlers. [python/print-call]",
        'web/Dockerfile:1:1: warning PL101 The final stage sets no USER; its base image nginx manages its own user (its master process binds the ports and its workers run as the nginx user), so a USER here would break its startup: use its non-root variant or its documented rootless setup. [docker/non-root-user]',
        'web/Dockerfile:1:1: warning PL103 The final stage has no HEALTHCHECK, so a hung service still counts as running; add HEALTHCHECK CMD <probe> using a tool the image has (its own binary; this Dockerfile installs no curl), or HEALTHCHECK NONE to opt out. [docker/healthcheck]',
        'web/Dockerfile:4:5: warning PL106 Shell-form CMD runs its command through a shell, so the service is not PID 1 and never receives SIGTERM; write it in JSON exec form. [docker/exec-form]',
        'Fixed 3 problems in 2 files.',
      ]);
      // The print and the exec form at least, whatever the Compose rules offer.
      assert.match(
        lines.at(-1)!,
        /^✖ \d+ problems \(0 errors, \d+ warnings, 0 infos\) in 6 files \(workspace root: \.\); ([2-9]|\d\d+) fixable with --fix --unsafe-fixes$/,
      );

      const everything = [...Object.keys(files), '.plumbline.yaml'];
      const afterFirst = snapshot(root, everything);
      const again = await runInProcess(['check', '--fix'], root);
      assert.deepEqual(snapshot(root, everything), afterFirst, 'a second --fix changes nothing');
      assert.doesNotMatch(again.stdout, /^Fixed /m);

      const unsafe = await runInProcess(['check', '--fix', '--unsafe-fixes'], root);
      assert.match(unsafe.stdout, /^Fixed \d+ problems in [23] files\.$/m);
      const dockerfile = fs.readFileSync(path.join(root, 'web/Dockerfile'), 'utf8');
      assert.equal(
        dockerfile,
        'FROM nginx:1.27.3-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\nCMD ["nginx", "-g", "daemon off;"]\n',
        'no USER, no guessed curl',
      );
      const script = fs.readFileSync(path.join(root, 'scripts/backend/deployment/release_digest.py'), 'utf8');
      assert.match(script, /^import hashlib\nimport logging\nimport sys\n\nlogger = logging\.getLogger\(__name__\)\n/m);
      assert.match(script, /    logger\.info\("sha256: %s", hashlib\.sha256\(sys\.stdin\.buffer\.read\(\)\)\.hexdigest\(\)\)\n/);
      const compiled = spawnSync('python3', ['-m', 'py_compile', path.join(root, 'scripts/backend/deployment/release_digest.py')], { encoding: 'utf8' });
      if (!compiled.error) assert.equal(compiled.status, 0, compiled.stderr);
      const compose = parseDocument(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'));
      assert.deepEqual(compose.errors, []);
      assert.deepEqual(Object.keys(compose.toJS().services), ['db', 'broker']);
    } finally {
      removeWorkspace(root);
    }
  });

  it('fix: { unsafe: true } in .plumbline.yaml opts in as --unsafe-fixes does', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': 'rules:\n  PL402: off\nfix:\n  unsafe: true\n', 'web/Dockerfile': DOCKERFILE });
    try {
      await runInProcess(['check', '--fix'], root);
      assert.match(fs.readFileSync(path.join(root, 'web/Dockerfile'), 'utf8'), /\nCMD \["nginx", "-g", "daemon off;"\]\n$/);
    } finally {
      removeWorkspace(root);
    }
  });
});
