import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serverCommands, type ServerCommand } from '../../server/src/lsp/serverCommands';
import { configRules } from '../../server/src/rules/config';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, type Session } from './harness';

/** A pack's command as it would register itself: creates the file named by its second argument. */
const createNotes: ServerCommand = {
  id: 'plumbline.test.createNotes',
  run: async (args, context) => {
    const target = path.join(context.workspace.root, String(args[1]));
    return context.applyChanges('Create notes', [{ kind: 'create', path: target, content: '# Notes\n' }]);
  },
};

describe('server command registry', () => {
  let root: string;
  let session: Session;

  before(async () => {
    serverCommands.push(createNotes);
    root = makeWorkspace({ 'EXISTING.md': 'keep me\n' });
    session = await startSession({ root, pull: true, server: { rules: configRules } });
  });

  after(async () => {
    serverCommands.splice(serverCommands.indexOf(createNotes), 1);
    await session.stop();
    removeWorkspace(root);
  });

  test('registered commands are announced and dispatched with the workspace of their first argument', async () => {
    assert.ok(session.initializeResult.capabilities.executeCommandProvider?.commands.includes('plumbline.test.createNotes'));
    assert.equal(await session.executeCommand('plumbline.test.createNotes', [session.uri('EXISTING.md'), 'NOTES.md']), true);
    assert.equal(fs.readFileSync(path.join(root, 'NOTES.md'), 'utf8'), '# Notes\n');
  });

  test('applyChanges refuses to create a file that exists', async () => {
    assert.equal(await session.executeCommand('plumbline.test.createNotes', [session.uri('EXISTING.md'), 'EXISTING.md']), false);
    assert.equal(fs.readFileSync(path.join(root, 'EXISTING.md'), 'utf8'), 'keep me\n');
  });

  test('an unknown command is an error, not a crash', async () => {
    await assert.rejects(session.executeCommand('plumbline.nope', []), /Unknown command plumbline\.nope/);
  });
});
