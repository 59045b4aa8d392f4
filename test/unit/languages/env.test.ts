import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { parseEnv } from '../../../server/src/languages/env';

/** Each entry as [name, value, the text its range covers]. */
function entries(text: string) {
  return parseEnv(new SourceDocument('/x/.env', text)).entries.map((entry) => [entry.name, entry.value, text.slice(entry.valueFrom, entry.valueTo)]);
}

describe('parseEnv', () => {
  it('reads NAME=value, export, comments, quotes and a name passed through from the shell', () => {
    assert.deepEqual(entries('# comment\nexport A=1 # note\nB="two words"\nC=\'x\'\nD\nE=\n'), [
      ['A', '1', '1'],
      ['B', 'two words', 'two words'],
      ['C', 'x', 'x'],
      ['E', '', ''],
    ]);
  });

  it('reads a quoted value over several lines, and the entry after it', () => {
    assert.deepEqual(entries('KEY="line one\nline two"\nNEXT=1\n'), [
      ['KEY', 'line one\nline two', 'line one\nline two'],
      ['NEXT', '1', '1'],
    ]);
  });

  it('skips a leading byte order mark, as Compose does', () => {
    assert.deepEqual(entries('\uFEFFDB_PASSWORD=Xq7-pl0ugh-r1ver\n'), [['DB_PASSWORD', 'Xq7-pl0ugh-r1ver', 'Xq7-pl0ugh-r1ver']]);
  });

  it('keeps a # right after = in the value; after a blank it starts a comment', () => {
    assert.deepEqual(entries('A=#x1\nB= #comment\nC=y #comment\nD=y\t#comment\n'), [
      ['A', '#x1', '#x1'],
      ['B', '', ''],
      ['C', 'y', 'y'],
      ['D', 'y', 'y'],
    ]);
  });

  it('does not end a quoted value at an escaped quote', () => {
    assert.deepEqual(entries('A="say \\"hi\\""\nB=\'it\\\'s\'\nC="\\\\"\nD=1\n'), [
      ['A', 'say "hi"', 'say \\"hi\\"'],
      ['B', "it's", "it\\'s"],
      ['C', '\\\\', '\\\\'],
      ['D', '1', '1'],
    ]);
    assert.deepEqual(entries('A="open \\"\nSECRET_KEY=inside\nend"\n'), [['A', 'open "\nSECRET_KEY=inside\nend', 'open \\"\nSECRET_KEY=inside\nend']]);
  });
});
