import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { gitExecutable } from '../../../server/src/workflows/git';
import { makeWorkspace, removeWorkspace } from '../../helpers/workspace';

describe('git from PATH', () => {
  it('skips relative PATH entries, which would find a git planted in the workspace, and takes the first absolute one', () => {
    const workspace = makeWorkspace({ git: '#!/bin/sh\necho planted\n', 'bin/git': '#!/bin/sh\necho real\n', 'empty/.keep': '' });
    try {
      fs.chmodSync(path.join(workspace, 'git'), 0o755);
      fs.chmodSync(path.join(workspace, 'bin/git'), 0o755);
      const searchPath = ['.', '', path.join(workspace, 'empty'), path.join(workspace, 'bin')].join(path.delimiter);
      const cwd = process.cwd();
      process.chdir(workspace);
      try {
        assert.equal(gitExecutable(undefined, searchPath), path.join(workspace, 'bin', process.platform === 'win32' ? 'git.exe' : 'git'));
        assert.equal(gitExecutable(undefined, ['.', path.join(workspace, 'empty')].join(path.delimiter)), undefined);
        assert.equal(gitExecutable(workspace, searchPath), undefined, 'a git inside the workspace never runs');
      } finally {
        process.chdir(cwd);
      }
    } finally {
      removeWorkspace(workspace);
    }
  });
});
