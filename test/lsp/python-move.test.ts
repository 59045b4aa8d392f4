import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, type RenameFile } from 'vscode-languageserver/node';
import { layoutRules } from '../../server/src/rules/layout';
import { pythonRules } from '../../server/src/rules/python';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, where, type Session } from './harness';

const SCRIPT = '"""Rotate keys."""\n\nif __name__ == "__main__":\n    rotate()\n';

describe('language server: moving a misplaced script (PL501)', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({ 'tools/rotate_keys.py': SCRIPT, 'scripts/backend/validation/rotate_keys.py': '"""Taken."""\n' });
    session = await startSession({ root, pull: true, server: { rules: [...layoutRules, ...pythonRules] } });
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('offers one move per free category as a rename that never overwrites, and the file really moves', async () => {
    await session.open('tools/rotate_keys.py', SCRIPT, 'python');
    const diagnostics = (await session.pullFull('tools/rotate_keys.py')).items.filter((d) => d.code === 'PL501');
    assert.deepEqual(
      diagnostics.map((d) => `${d.code} ${where(d.range)}`),
      ['PL501 1:1-1:19'],
    );

    const actions = await session.codeActions('tools/rotate_keys.py', diagnostics[0]!.range, diagnostics);
    const moves = actions.filter((action) => action.title.startsWith('Move to '));
    assert.deepEqual(
      moves.map((action) => action.title),
      ['deployment', 'monitoring', 'orchestration', 'testing', 'management'].map((c) => `Move to scripts/backend/${c}/ (unsafe)`),
    );
    const rename = moves[0]!.edit!.documentChanges!.find((change): change is RenameFile => 'kind' in change && change.kind === 'rename')!;
    assert.deepEqual(rename, {
      kind: 'rename',
      oldUri: session.uri('tools/rotate_keys.py'),
      newUri: session.uri('scripts/backend/deployment/rotate_keys.py'),
      options: { overwrite: false },
    });

    // What the editor does with the RenameFile: move on disk (refusing to overwrite), then report the file events.
    const from = new URL(rename.oldUri);
    const to = new URL(rename.newUri);
    assert.equal(fs.existsSync(to), false);
    fs.mkdirSync(path.dirname(to.pathname), { recursive: true });
    fs.renameSync(from, to);
    await session.close('tools/rotate_keys.py');
    await session.client.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: rename.oldUri, type: FileChangeType.Deleted },
        { uri: rename.newUri, type: FileChangeType.Created },
      ],
    });
    await session.open('scripts/backend/deployment/rotate_keys.py', undefined, 'python');

    assert.equal(fs.existsSync(path.join(root, 'tools/rotate_keys.py')), false);
    assert.equal(fs.readFileSync(path.join(root, 'scripts/backend/deployment/rotate_keys.py'), 'utf8'), SCRIPT);
    const moved = (await session.pullFull('scripts/backend/deployment/rotate_keys.py')).items;
    assert.deepEqual(
      moved.filter((d) => d.code === 'PL501'),
      [],
    );
  });
});
