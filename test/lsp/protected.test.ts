import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { policyRules } from '../../server/src/rules/policy';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';
import { startSession, summary, type Session } from './harness';

const MCP = '{\n  "mcpServers": {}\n}\n';
const EDITED = '{\n  "mcpServers": { "files": { "command": "mcp-files" } }\n}\n';

describe('PL508 through the language server', () => {
  let root: string;
  let session: Session;

  before(async () => {
    root = makeWorkspace({ '.mcp.json': MCP });
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['commit', '-q', '-m', 'initial'],
    ]) {
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd: root, stdio: 'ignore' });
    }
    session = await startSession({ root, pull: true, server: { rules: policyRules } });
    await session.open('.mcp.json', MCP, 'json');
  });

  after(async () => {
    await session.stop();
    removeWorkspace(root);
  });

  test('an unsaved edit warns of nothing yet; the save (a file event) brings the warning', async () => {
    assert.deepEqual(summary((await session.pullFull('.mcp.json')).items), []);
    await session.change('.mcp.json', EDITED);
    assert.deepEqual(summary((await session.pullFull('.mcp.json')).items), []);
    await session.writeFile('.mcp.json', EDITED);
    await session.save('.mcp.json');
    const [warning] = summary((await session.pullFull('.mcp.json')).items);
    assert.match(warning!, /^PL508 1:1-1:2 "\.mcp\.json" is a protected file \(policy: MCP servers .*\) and is modified in the working tree;/);
  });
});
