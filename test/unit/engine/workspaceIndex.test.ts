import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../server/src/engine/workspace';
import { builtinRules } from '../../../server/src/rules';
import type { FactProvider } from '../../../server/src/engine/workspaceIndex';
import { makeWorkspace, removeWorkspace } from '../../helpers/workspace';

const roots: string[] = [];
after(() => roots.forEach(removeWorkspace));

function workspaceWith(files: Record<string, string>): Workspace {
  const root = makeWorkspace(files);
  roots.push(root);
  return new Workspace({ root, registry: builtinRules });
}

const relativePaths = (workspace: Workspace) => [...workspace.index.files()].map((f) => f.relativePath).sort();

describe('WorkspaceIndex', () => {
  it('derive: computes a value once per revision, and again after any change to the index', () => {
    const workspace = workspaceWith({ 'svc/a.py': '' });
    const { index } = workspace;
    index.scan();
    let computed = 0;
    const count = () => index.derive('test:count', () => ++computed);
    assert.equal(count(), 1);
    assert.equal(count(), 1, 'the same revision reuses the value');
    index.setOpenDocument(new SourceDocument(path.join(index.root, 'svc', 'b.py'), 'x = 1\n'));
    assert.equal(count(), 2, 'an open buffer is a change');
    assert.equal(count(), 2);
  });

  it('deriveFor: computes a value once per object and revision, with the reads that computed it', () => {
    const workspace = workspaceWith({ 'svc/a.py': '' });
    const { index } = workspace;
    index.scan();
    const [first, second] = [{ name: 'first' }, { name: 'second' }];
    let computed = 0;
    const count = (owner: object) =>
      index.deriveFor(owner, 'test:count', () => {
        index.filesInDirectory(path.join(index.root, 'svc'));
        return ++computed;
      });
    assert.equal(count(first), 1);
    assert.equal(count(second), 2, 'another object has its own value');
    const replayed = index.recordReads(() => count(first));
    assert.equal(replayed.value, 1, 'the same revision reuses the value');
    assert.deepEqual(replayed.reads.directories, new Set([path.join(index.root, 'svc')]), 'a reuse still records what the value read');
    index.setOpenDocument(new SourceDocument(path.join(index.root, 'svc', 'b.py'), 'x = 1\n'));
    assert.equal(count(first), 3, 'a change to the index computes it again');
  });

  it('deriveWhile: keeps a value across revisions while its inputs are the same objects', () => {
    const workspace = workspaceWith({ 'svc/a.py': '' });
    const { index } = workspace;
    index.scan();
    const first = { name: 'first' };
    let computed = 0;
    const count = (input: object) => index.deriveWhile('test:count', [input], () => ++computed);
    assert.equal(count(first), 1);
    index.setOpenDocument(new SourceDocument(path.join(index.root, 'svc', 'b.py'), 'x = 1\n'));
    assert.equal(count(first), 1, 'a new revision with the same inputs reuses the value');
    assert.equal(count({ name: 'first' }), 2, 'an equal but different object is another input');
    assert.equal(count(first), 3, 'only the last value is kept');
  });

  it('deriveOfFile: keeps a value until the index reports a change to that file', () => {
    const workspace = workspaceWith({ 'svc/a.py': '', 'svc/b.py': '' });
    const { index } = workspace;
    index.scan();
    const [a, b] = [path.join(index.root, 'svc', 'a.py'), path.join(index.root, 'svc', 'b.py')];
    let computed = 0;
    const count = (file: string) => index.deriveOfFile(file, 'test:count', () => ++computed);
    assert.equal(count(a), 1);
    assert.equal(count(b), 2);
    index.setOpenDocument(new SourceDocument(b, 'x = 1\n'));
    assert.equal(count(a), 1, 'a change to another file keeps it');
    assert.equal(count(b), 3);
    index.applyChanges([{ type: 'deleted', path: a }]);
    assert.equal(count(a), 4, 'a deleted file forgets it');
  });

  it('seedFacts: an index seeded with exported facts serves them without extracting, and extracts the rest', () => {
    const files = { 'a/Dockerfile': 'FROM scratch\n', 'b/Dockerfile': 'FROM busybox\n', 'notes.md': '# Notes\n' };
    let extracted: string[] = [];
    const firstLine: FactProvider<string> = {
      id: 'test/first-line',
      appliesTo: (file) => file.kind === 'dockerfile',
      extract: (document, file) => {
        extracted.push(file.relativePath);
        return document.lineText(0);
      },
    };
    const main = workspaceWith(files).index.scan();
    const shared = main.exportFacts([firstLine]);
    assert.deepEqual(extracted.sort(), ['a/Dockerfile', 'b/Dockerfile']);
    extracted = [];
    const worker = new Workspace({ root: main.root, registry: builtinRules }).index.restore(main.snapshot());
    worker.seedFacts(shared);
    assert.deepEqual(
      worker.facts(firstLine).map(({ file, facts }) => [file.relativePath, facts]),
      [
        ['a/Dockerfile', 'FROM scratch'],
        ['b/Dockerfile', 'FROM busybox'],
      ],
    );
    assert.deepEqual(extracted, [], 'seeded facts are not extracted again');
    worker.applyChanges([{ type: 'changed', path: path.join(main.root, 'a', 'Dockerfile') }]);
    assert.equal(worker.factsOf(firstLine, path.join(main.root, 'a', 'Dockerfile')), 'FROM scratch');
    assert.deepEqual(extracted, ['a/Dockerfile'], 'a change drops the seeded facts of that file');
  });

  it('extractFacts: reads each file once for every provider, however many files come between', () => {
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`svc${i}/Dockerfile`, `FROM image${i}\n`]));
    const seen = new Map<string, SourceDocument[]>();
    const provider = (id: string): FactProvider<string> => ({
      id,
      appliesTo: (file) => file.kind === 'dockerfile',
      extract: (document, file) => {
        seen.set(file.relativePath, [...(seen.get(file.relativePath) ?? []), document]);
        return document.lineText(0);
      },
    });
    const index = workspaceWith(files).index.scan();
    const first = provider('test/first');
    const second = provider('test/second');
    index.extractFacts([first, second]);
    assert.equal(seen.size, 20);
    for (const [file, documents] of seen) {
      assert.equal(documents.length, 2, file);
      assert.equal(documents[0], documents[1], `${file}: one read for both providers`);
    }
    assert.equal(index.factsOf(second, path.join(index.root, 'svc7', 'Dockerfile')), 'FROM image7');
    assert.equal(seen.get('svc7/Dockerfile')!.length, 2, 'extracted facts are kept');
  });

  it('scans the workspace, classifying files and skipping VCS, dependencies, virtualenvs and ignored paths', () => {
    const workspace = workspaceWith({
      Dockerfile: 'FROM scratch\n',
      'svc/compose.yaml': 'services: {}\n',
      'svc/tool': '#!/usr/bin/env python3\n',
      'node_modules/x/Dockerfile': '',
      '.git/config': '',
      'env/pyvenv.cfg': '',
      'env/lib/a.py': '',
      'build/out.py': '',
      '.gitignore': 'build/\n',
      'vendor/lib.py': '',
      '.plumbline.yaml': 'ignore:\n  - vendor/**\n',
    });
    workspace.index.scan();
    assert.deepEqual(relativePaths(workspace), ['.gitignore', '.plumbline.yaml', 'Dockerfile', 'svc/compose.yaml', 'svc/tool']);
    const kinds = Object.fromEntries([...workspace.index.files()].map((f) => [f.relativePath, f.kind]));
    assert.deepEqual(kinds, {
      '.gitignore': undefined,
      '.plumbline.yaml': 'plumbline-config',
      Dockerfile: 'dockerfile',
      'svc/compose.yaml': 'compose',
      'svc/tool': 'python',
    });
  });

  it('follows file events without rescanning, and caches facts until the file changes', () => {
    const workspace = workspaceWith({ 'a/notes.md': 'one' });
    workspace.index.scan();
    let extractions = 0;
    const lengths: FactProvider<number> = {
      id: 'test/length',
      appliesTo: (file) => file.kind === 'markdown',
      extract: (document) => {
        extractions++;
        return document.text.length;
      },
    };
    const notes = path.join(workspace.root, 'a/notes.md');
    assert.equal(workspace.index.factsOf(lengths, notes), 3);
    assert.equal(workspace.index.factsOf(lengths, notes), 3);
    assert.equal(extractions, 1);

    // An open buffer wins over the disk.
    workspace.index.setOpenDocument(new SourceDocument(notes, 'unsaved'));
    assert.equal(workspace.index.factsOf(lengths, notes), 7);

    const created = path.join(workspace.root, 'b/more.md');
    fs.mkdirSync(path.dirname(created));
    fs.writeFileSync(created, 'hello');
    const seen: string[] = [];
    workspace.index.onDidChange((changes) => seen.push(...changes.map((c) => `${c.type} ${path.relative(workspace.root, c.path)}`)));
    workspace.index.applyChanges([{ type: 'created', path: created }]);
    assert.deepEqual(
      workspace.index
        .facts(lengths)
        .map((f) => f.facts)
        .sort(),
      [5, 7],
    );

    workspace.index.applyChanges([{ type: 'deleted', path: path.join(workspace.root, 'b') }]);
    assert.deepEqual(
      workspace.index.facts(lengths).map((f) => f.facts),
      [7],
    );
    assert.deepEqual(seen, ['created b/more.md', 'deleted b/more.md']);
  });

  it('re-judges a Compose service when the Dockerfile its merged build: leads to changes', () => {
    // The context comes from compose.yaml, the Dockerfile from the override: neither file alone names app/Dockerfile.prod.
    const workspace = workspaceWith({
      'compose.yaml': 'services:\n  api:\n    build:\n      context: ./app\n',
      'compose.override.yaml': 'services:\n  api:\n    build:\n      dockerfile: Dockerfile.prod\n',
      'app/Dockerfile.prod': 'FROM python:3.12.7-slim\nUSER 10001\nCMD ["python", "-m", "api"]\n',
    });
    workspace.index.scan();
    const compose = new SourceDocument(path.join(workspace.root, 'compose.yaml'), fs.readFileSync(path.join(workspace.root, 'compose.yaml'), 'utf8'));
    const runsAsRoot = () =>
      workspace
        .lint(compose)
        .diagnostics.filter((d) => d.code === 'PL202')
        .map((d) => d.message);
    assert.deepEqual(runsAsRoot(), []);
    workspace.index.setOpenDocument(
      new SourceDocument(path.join(workspace.root, 'app/Dockerfile.prod'), 'FROM python:3.12.7-slim\nCMD ["python", "-m", "api"]\n'),
    );
    assert.match(runsAsRoot()[0] ?? '', /^Service "api" runs as root: its Dockerfile app\/Dockerfile.prod sets no USER/);
  });

  it('does not index files created under ignored folders', () => {
    const workspace = workspaceWith({ '.plumbline.yaml': 'ignore: ["generated/**"]\n' });
    workspace.index.scan();
    workspace.index.applyChanges([{ type: 'created', path: path.join(workspace.root, 'generated/x.py') }]);
    assert.equal(workspace.index.has(path.join(workspace.root, 'generated/x.py')), false);
  });
});

describe('Workspace configuration', () => {
  it('uses the nearest .plumbline.yaml and reloads it when it changes', () => {
    const workspace = workspaceWith({
      '.plumbline.yaml': 'rules:\n  PL505: error\n',
      'nested/.plumbline.yaml': 'rules:\n  PL505: info\n',
    });
    workspace.index.scan();
    const severityAt = (relative: string) => {
      const config = workspace.configFor(path.join(workspace.root, relative));
      return config.rules.get('PL505')?.severity;
    };
    assert.equal(severityAt('a.py'), 'error');
    assert.equal(severityAt('nested/deeper/b.py'), 'info');

    const nested = path.join(workspace.root, 'nested/.plumbline.yaml');
    workspace.index.setOpenDocument(new SourceDocument(nested, 'rules:\n  PL505: hint\n'));
    assert.equal(severityAt('nested/b.py'), 'hint');
  });

  it('applies editor severity overrides on top of the file', () => {
    const workspace = workspaceWith({ '.plumbline.yaml': 'rules:\n  PL505: error\n' });
    workspace.setOverrides({ 'config/unused-suppression': 'off' });
    assert.equal(workspace.configFor(path.join(workspace.root, 'x.py')).rules.get('PL505')?.severity, 'off');
  });

  it('skips binary and oversized documents with a reason instead of linting them', () => {
    const workspace = workspaceWith({ '.plumbline.yaml': 'maxFileSize: 10\n' });
    const big = workspace.lint(new SourceDocument(path.join(workspace.root, 'app.py'), 'x = 1\n'.repeat(10)));
    assert.match(big.skipped ?? '', /over the 10-byte limit/);
    const binary = workspace.lint(new SourceDocument(path.join(workspace.root, 'a.py'), 'a\0b'));
    assert.equal(binary.skipped, 'binary content');
  });

  it('does not judge a file whose header says it is generated and not to be edited', () => {
    const workspace = workspaceWith({});
    const lint = (name: string, text: string) => workspace.lint(new SourceDocument(path.join(workspace.root, name), text)).diagnostics.length;
    const header = '#\n# NOTE: THIS DOCKERFILE IS GENERATED VIA "render.sh"\n#\n# PLEASE DO NOT EDIT IT DIRECTLY.\n#\n\n';
    assert.equal(lint('3.12/slim/Dockerfile', `${header}FROM debian:latest\nRUN apt-get install curl\n`), 0);
    assert.equal(lint('api/client.py', '# Code generated by openapi-gen. DO NOT EDIT.\ndef f(x):\n    print(x)\n'), 0);
    assert.equal(lint('31/apache/Dockerfile', '# DO NOT EDIT: created by update.sh from Dockerfile-debian.template\nFROM php:8.3-apache\n'), 0);
    assert.equal(lint('api/schema.py', '# This file is autogenerated by the schema tool; do not edit.\ndef f(x):\n    print(x)\n'), 0);
    // Generated, but nothing says not to edit it: still judged.
    assert.ok(lint('api/views.py', '# Generated with a scaffold; edit freely.\ndef f(x):\n    print(x)\n') > 0);
    // The phrases in code, not in the header's comments, say nothing about the file.
    assert.ok(lint('Dockerfile', 'FROM debian:latest\nRUN echo "generated files: do not edit" > /etc/motd\n') > 0);
  });

  it("does not judge a Jinja template with markup in it, and judges a template folder's plain files", () => {
    const workspace = workspaceWith({});
    const lint = (name: string, text: string) => workspace.lint(new SourceDocument(path.join(workspace.root, name), text)).diagnostics.length;
    const compose = 'services:\n  web:{% if use_celery %} &web{% endif %}\n    image: {{ project }}_web\n';
    // A project template's folder, and a template's own name: what they render is judged in the generated project.
    assert.equal(lint('{{cookiecutter.project_slug}}/docker-compose.yml', compose), 0);
    assert.equal(lint('deploy/Dockerfile.j2', 'FROM python:{{ python_version }}\nRUN pip install flask\n'), 0);
    // The folder Django's startproject --template copies, rendered with {{ project_name }}.
    assert.equal(lint('cms/project_template/Dockerfile', 'FROM python:3.12-slim\nCMD gunicorn {{ project_name }}.wsgi\n'), 0);
    // No markup left: the file is copied as it is, so it is judged.
    assert.ok(lint('{{cookiecutter.project_slug}}/Dockerfile', 'FROM debian:latest\nRUN apt-get install curl\n') > 0);
    // Braces in an ordinary project are not a template.
    assert.ok(lint('docker-compose.yml', compose) > 0);
  });
});
