import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { INDEX_END, INDEX_START } from '../../server/src/workflows/adr';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { runInProcess } from './cliRunner';

const MAIN = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'main.ts');

function spawnAsync(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, MAIN, ...args], { cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

function adrFiles(root: string, folder = 'docs/adr'): string[] {
  return fs.readdirSync(path.join(root, folder)).sort();
}

describe('plumbline adr', () => {
  it('new numbers one past the highest, uses MADR by default and Nygard on request', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': '', 'docs/adr/0001-first.md': '# 1. First\n', 'docs/adr/0004-fourth.md': '# 4. Fourth\n' });
    try {
      const madr = await runInProcess(['adr', 'new', 'Use', 'PostgreSQL!'], path.join(root, 'docs'));
      assert.deepEqual(madr, { status: 0, stdout: 'Created adr/0005-use-postgresql.md\n', stderr: '' });
      assert.match(
        fs.readFileSync(path.join(root, 'docs/adr/0005-use-postgresql.md'), 'utf8'),
        /^---\nstatus: proposed\ndate: \d{4}-\d{2}-\d{2}\n---\n\n# Use PostgreSQL!\n/,
      );
      const nygard = await runInProcess(['adr', 'new', '--template', 'nygard', '../../etc'], root);
      assert.equal(nygard.stdout, 'Created docs/adr/0006-etc.md\n');
      assert.match(fs.readFileSync(path.join(root, 'docs/adr/0006-etc.md'), 'utf8'), /^# 6\. \.\.\/\.\.\/etc\n\nDate: /);
      assert.deepEqual(adrFiles(root), ['0001-first.md', '0004-fourth.md', '0005-use-postgresql.md', '0006-etc.md']);
    } finally {
      removeWorkspace(root);
    }
  });

  it('honours .adr-dir and the configured folder', async () => {
    const root = makeWorkspace({ '.adr-dir': 'doc/arch\n' });
    try {
      assert.equal((await runInProcess(['adr', 'new', 'X'], root)).stdout, 'Created doc/arch/0001-x.md\n');
      fs.writeFileSync(path.join(root, '.plumbline.yaml'), 'paths:\n  adr: decisions\n');
      assert.equal((await runInProcess(['adr', 'new', 'Y'], root)).stdout, 'Created decisions/0001-y.md\n');
    } finally {
      removeWorkspace(root);
    }
  });

  it('supersede creates the new record and updates the old one', async () => {
    const old = '# 2. Use RabbitMQ\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n';
    const root = makeWorkspace({ '.plumbline.yaml': '', 'docs/adr/0002-use-rabbitmq.md': old });
    try {
      const run = await runInProcess(['adr', 'supersede', '2', 'Use Redis Streams', '--template', 'nygard'], root);
      assert.deepEqual(run, { status: 0, stdout: 'Created docs/adr/0003-use-redis-streams.md\nUpdated docs/adr/0002-use-rabbitmq.md\n', stderr: '' });
      assert.equal(
        fs.readFileSync(path.join(root, 'docs/adr/0002-use-rabbitmq.md'), 'utf8'),
        old.replace('Accepted', 'Superseded by [0003. Use Redis Streams](0003-use-redis-streams.md)'),
      );
      assert.match(
        fs.readFileSync(path.join(root, 'docs/adr/0003-use-redis-streams.md'), 'utf8'),
        /\nProposed\n\nSupersedes \[0002\. Use RabbitMQ\]\(0002-use-rabbitmq\.md\)\n/,
      );
      const check = await runInProcess(['check', '--format', 'json', 'docs/adr'], root);
      const codes = JSON.parse(check.stdout).diagnostics?.map((d: { code: string }) => d.code) ?? [];
      assert.ok(!codes.includes('PL404') && !codes.includes('PL403'), check.stdout);
    } finally {
      removeWorkspace(root);
    }
  });

  it('supersede of a record that is already superseded exits 1, names the successor and writes nothing', async () => {
    const old =
      '# 2. Use RabbitMQ\n\nDate: 2025-01-01\n\n## Status\n\nSuperseded by [3. Use Redis Streams](0003-use-redis-streams.md)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n';
    const successor =
      '# 3. Use Redis Streams\n\nDate: 2025-06-01\n\n## Status\n\nAccepted\n\nSupersedes [2. Use RabbitMQ](0002-use-rabbitmq.md)\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n';
    const root = makeWorkspace({ '.plumbline.yaml': '', 'docs/adr/0002-use-rabbitmq.md': old, 'docs/adr/0003-use-redis-streams.md': successor });
    try {
      assert.deepEqual(await runInProcess(['adr', 'supersede', '2', 'Use Kafka'], root), {
        status: 1,
        stdout: '',
        stderr:
          'plumbline adr supersede: 0002-use-rabbitmq.md is already superseded by 0003-use-redis-streams.md; supersede 0003-use-redis-streams.md instead, or remove the "Superseded by" link first. Nothing was changed.\n',
      });
      assert.deepEqual(adrFiles(root), ['0002-use-rabbitmq.md', '0003-use-redis-streams.md']);
      assert.equal(fs.readFileSync(path.join(root, 'docs/adr/0002-use-rabbitmq.md'), 'utf8'), old);
      const next = await runInProcess(['adr', 'supersede', '3', 'Use Kafka'], root);
      assert.equal(next.stdout, 'Created docs/adr/0004-use-kafka.md\nUpdated docs/adr/0003-use-redis-streams.md\n', 'the successor itself can be superseded');
    } finally {
      removeWorkspace(root);
    }
  });

  it("new follows the folder: a Nygard record in adr-tools' doc/adr, a dated list-form record in a log4brains folder", async () => {
    const nygard =
      '# 1. Record architecture decisions\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Context\n\nc\n\n## Decision\n\nd\n\n## Consequences\n\ne\n';
    const tool = makeWorkspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'doc/adr/0001-record-architecture-decisions.md': nygard,
      'src/adr-new': '#!/bin/sh\n',
    });
    const log4brains = makeWorkspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.log4brains.yml':
        'project:\n  name: shop\n  adrFolder: ./docs/adr\n  packages:\n    - name: payments\n      path: ./services/payments\n      adrFolder: ./services/payments/adr\n',
      'docs/adr/index.md': '# Decisions\n',
      'services/payments/src/main.py': 'X = 1\n',
    });
    try {
      assert.deepEqual(await runInProcess(['adr', 'new', 'Use Bats for tests'], path.join(tool, 'src')), {
        status: 0,
        stdout: 'Created ../doc/adr/0002-use-bats-for-tests.md\n',
        stderr: '',
      });
      assert.match(
        fs.readFileSync(path.join(tool, 'doc/adr/0002-use-bats-for-tests.md'), 'utf8'),
        /^# 2\. Use Bats for tests\n\nDate: \d{4}-\d{2}-\d{2}\n\n## Status\n\nProposed\n/,
      );

      const today = new Date().toISOString().slice(0, 10);
      const created = await runInProcess(['adr', 'new', 'Use Stripe'], path.join(log4brains, 'services/payments/src'));
      assert.deepEqual(created, { status: 0, stdout: `Created ../adr/${today.replace(/-/g, '')}-use-stripe.md\n`, stderr: '' }, "the package's folder, dated");
      assert.match(
        fs.readFileSync(path.join(log4brains, `services/payments/adr/${today.replace(/-/g, '')}-use-stripe.md`), 'utf8'),
        new RegExp(`^# Use Stripe\n\n\\* Status: proposed\n\\* Date: ${today}\n`),
      );
      const again = await runInProcess(['adr', 'new', 'Use Stripe'], path.join(log4brains, 'services/payments/src'));
      assert.deepEqual(again, {
        status: 1,
        stdout: '',
        stderr: `plumbline adr new: ${today.replace(/-/g, '')}-use-stripe.md already exists; give the decision another title.\n`,
      });
      assert.equal(
        (await runInProcess(['adr', 'new', 'Use Kafka'], log4brains)).stdout,
        `Created docs/adr/${today.replace(/-/g, '')}-use-kafka.md\n`,
        'the project folder from the root',
      );
      const check = await runInProcess(['check', '--format', 'json'], log4brains);
      assert.deepEqual(
        JSON.parse(check.stdout).diagnostics.filter((d: { code: string }) => d.code === 'PL403' || d.code === 'PL404'),
        [],
        'the new records pass PL403',
      );
    } finally {
      removeWorkspace(tool);
      removeWorkspace(log4brains);
    }
  });

  it('index writes README.md between markers and a second run changes nothing', async () => {
    const root = makeWorkspace({
      '.plumbline.yaml': '',
      'docs/adr/0001-a.md': '# 1. A\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n',
      'docs/adr/README.md': '# Decisions\n\nKeep me.\n',
    });
    try {
      assert.deepEqual(await runInProcess(['adr', 'index'], root), { status: 0, stdout: 'Updated docs/adr/README.md\n', stderr: '' });
      const readme = fs.readFileSync(path.join(root, 'docs/adr/README.md'), 'utf8');
      assert.equal(
        readme,
        `# Decisions\n\nKeep me.\n\n${INDEX_START}\n| No. | Title | Status | Date |\n| --- | --- | --- | --- |\n| 0001 | [A](0001-a.md) | Accepted | 2025-01-01 |\n${INDEX_END}\n`,
      );
      assert.deepEqual(await runInProcess(['adr', 'index'], root), { status: 0, stdout: 'docs/adr/README.md is up to date.\n', stderr: '' });
      assert.equal(fs.readFileSync(path.join(root, 'docs/adr/README.md'), 'utf8'), readme);
    } finally {
      removeWorkspace(root);
    }
  });

  it('bad arguments exit 2 and write nothing', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': '', 'docs/adr/0001-a.md': '# 1. A\n' });
    try {
      const cases: Array<[string[], RegExp]> = [
        [['adr'], /missing action; use "new", "supersede" or "index"/],
        [['adr', 'new'], /give the decision's title/],
        [['adr', 'new', '   '], /give the decision's title/],
        [['adr', 'new', 'X', '--template', 'y-statements'], /unknown template "y-statements"; use madr or nygard/],
        [['adr', 'supersede', 'two', 'X'], /give the number of the record to supersede/],
        [['adr', 'supersede', '9', 'X'], /plumbline adr supersede: There is no ADR number 0009 in adr\./],
      ];
      for (const [args, message] of cases) {
        const run = await runInProcess(args, root);
        assert.equal(run.status, 2, args.join(' '));
        assert.match(run.stderr, message);
      }
      assert.deepEqual(adrFiles(root), ['0001-a.md']);
    } finally {
      removeWorkspace(root);
    }
  });

  it('concurrent "adr new" processes get distinct numbers', async () => {
    const root = makeWorkspace({ '.plumbline.yaml': '', 'docs/adr/0001-a.md': '# 1. A\n' });
    try {
      const titles = ['Alpha', 'Beta', 'Gamma', 'Delta'];
      const statuses = await Promise.all(titles.map((title) => spawnAsync(['adr', 'new', title], root)));
      assert.deepEqual(statuses, [0, 0, 0, 0]);
      const records = adrFiles(root).filter((name) => name !== '0001-a.md');
      assert.equal(records.length, 4, records.join(', '));
      assert.deepEqual(records.map((name) => name.slice(0, 4)).sort(), ['0002', '0003', '0004', '0005']);
    } finally {
      removeWorkspace(root);
    }
  });
});
