import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BatchRuns } from '../../../server/src/parallel/lintPool';

/** Takes batches for `order` (a run per take) until the one asked gets none. */
function takeAll(runs: BatchRuns, order: readonly number[]): Array<[run: number, batch: number | undefined]> {
  return order.map((run) => [run, runs.take(run)]);
}

describe('BatchRuns', () => {
  it('hands each thread the batches of its own contiguous run first', () => {
    const runs = new BatchRuns(10, 2);
    assert.deepEqual(takeAll(runs, [0, 1, 0, 1, 0, 1]), [
      [0, 0],
      [1, 5],
      [0, 1],
      [1, 6],
      [0, 2],
      [1, 7],
    ]);
  });

  it('lets a thread whose run is done take the last batch of the fullest run, until none is left', () => {
    const runs = new BatchRuns(6, 2);
    assert.deepEqual(takeAll(runs, [0, 0, 0, 0, 0, 1, 1]), [
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 5],
      [0, 4],
      [1, 3],
      [1, undefined],
    ]);
  });

  it('with one run hands out every batch in order, to whichever thread asks', () => {
    const runs = new BatchRuns(3, 1);
    assert.deepEqual(takeAll(runs, [0, 1, 2, 0]), [
      [0, 0],
      [1, 1],
      [2, 2],
      [0, undefined],
    ]);
  });

  it('hands out nothing once stopped', () => {
    const runs = new BatchRuns(8, 2);
    runs.take(0);
    runs.stop();
    assert.equal(runs.take(0), undefined);
    assert.equal(runs.take(1), undefined);
  });
});
