import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setNewest } from '../../../server/src/engine/recentMap';

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
