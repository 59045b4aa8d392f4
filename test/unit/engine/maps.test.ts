import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addToGroup, setNewest } from '../../../server/src/engine/maps';

describe('setNewest', () => {
  it('keeps the newest entries up to the limit, a key set again counting as new', () => {
    const recent = new Map<string, number>();
    setNewest(recent, 'a', 1, 2);
    setNewest(recent, 'b', 2, 2);
    setNewest(recent, 'a', 3, 2);
    setNewest(recent, 'c', 4, 2);
    assert.deepEqual(
      [...recent],
      [
        ['a', 3],
        ['c', 4],
      ],
    );
  });
});

describe('addToGroup', () => {
  it('groups values by key in the order they were added', () => {
    const groups = new Map<string, number[]>();
    addToGroup(groups, 'odd', 1);
    addToGroup(groups, 'even', 2);
    addToGroup(groups, 'odd', 3);
    assert.deepEqual(
      [...groups],
      [
        ['odd', [1, 3]],
        ['even', [2]],
      ],
    );
  });
});
