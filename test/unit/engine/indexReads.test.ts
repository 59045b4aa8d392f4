import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../server/src/engine/workspace';
import { emptyReads, type FactProvider } from '../../../server/src/engine/workspaceIndex';
import { builtinRules } from '../../../server/src/rules';
import { makeWorkspace, removeWorkspace } from '../../helpers/workspace';

const roots: string[] = [];
after(() => roots.forEach(removeWorkspace));

function scannedWorkspace(files: Record<string, string>): Workspace {
  const root = makeWorkspace(files);
  roots.push(root);
  const workspace = new Workspace({ root, registry: builtinRules });
  workspace.index.scan();
  return workspace;
}

const lengthFacts: FactProvider<number> = { id: 'test/length', appliesTo: (file) => file.kind === 'dockerfile', extract: (document) => document.text.length };

describe('WorkspaceIndex.recordReads', () => {
  it('records presence, listings, texts and disk probes, and nothing outside a recording', () => {
    const workspace = scannedWorkspace({ 'svc/Dockerfile': 'FROM scratch\n', 'svc/app.py': '' });
    const { index, root } = workspace;
    const at = (relative: string) => path.join(root, relative);
    index.has(at('outside.py'));
    const { value, reads } = index.recordReads(() => {
      index.file(at('svc/app.py'));
      index.filesInDirectory(at('svc'));
      index.filesOfKind('compose');
      index.document(at('svc/Dockerfile'));
      return index.existsOnDisk(at('svc/.git'));
    });
    assert.equal(value, false);
    assert.deepEqual(reads, {
      ...emptyReads(),
      paths: new Set([at('svc/app.py')]),
      directories: new Set([at('svc')]),
      kinds: new Set(['compose']),
      contents: new Set([at('svc/Dockerfile')]),
      diskPaths: new Set([at('svc/.git')]),
    });
  });

  it('countOfKind() counts without listing, as the same read as filesOfKind()', () => {
    const workspace = scannedWorkspace({ 'a/Dockerfile': 'FROM scratch\n', 'b/Dockerfile': 'FROM alpine:3.20\n', 'c.py': '' });
    const { index } = workspace;
    const { value, reads } = index.recordReads(() => [index.countOfKind('dockerfile'), index.countOfKind('compose')]);
    assert.deepEqual(value, [2, 0]);
    assert.deepEqual(reads, { ...emptyReads(), kinds: new Set(['dockerfile', 'compose']) });
  });

  it('facts() reads the listing and every covered file; revision reads everything; markVolatile marks the lint', () => {
    const workspace = scannedWorkspace({ 'a/Dockerfile': 'FROM scratch\n', 'b/Dockerfile': 'FROM alpine:3.20\n', 'c.py': '' });
    const { index, root } = workspace;
    const { reads } = index.recordReads(() => {
      index.facts(lengthFacts);
      void index.revision;
      index.markVolatile();
    });
    assert.equal(reads.listing, true);
    assert.equal(reads.everything, true);
    assert.equal(reads.volatile, true);
    assert.deepEqual([...reads.contents].sort(), [path.join(root, 'a/Dockerfile'), path.join(root, 'b/Dockerfile')]);
  });

  it('gives every lint that uses a derived value the reads that computed it, not only the first', () => {
    const workspace = scannedWorkspace({ 'svc/Dockerfile': 'FROM scratch\n' });
    const { index, root } = workspace;
    const summary = () => index.derive('test:summary', () => index.filesInDirectory(path.join(root, 'svc')).length);
    const first = index.recordReads(summary);
    const second = index.recordReads(summary);
    assert.equal(second.value, 1);
    assert.deepEqual(second.reads.directories, new Set([path.join(root, 'svc')]));
    assert.deepEqual(second.reads, first.reads);
  });

  it('a lint of a Compose file records the Dockerfile it builds', () => {
    const workspace = scannedWorkspace({
      'api/Dockerfile': 'FROM python:3.12.7-slim\nUSER app\n',
      'compose.yaml': 'services:\n  api:\n    build: ./api\n',
    });
    const compose = path.join(workspace.root, 'compose.yaml');
    const { reads } = workspace.lintRecordingReads(new SourceDocument(compose, 'services:\n  api:\n    build: ./api\n'));
    assert.equal(reads.contents.has(path.join(workspace.root, 'api/Dockerfile')), true);
  });
});
