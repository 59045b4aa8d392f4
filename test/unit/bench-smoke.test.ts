// Runs every benchmark suite on one or two tiny inputs so the benchmark code
// cannot rot. It asserts shapes, never timings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { formatReport, summaryLine } from '../../bench/lib/report';
import { suites } from '../../bench/suites';

const repoRoot = path.resolve(__dirname, '..', '..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-bench-smoke-'));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe('benchmark suites (smoke scale)', () => {
  for (const suite of suites) {
    it(`${suite.name} runs end to end and reports every row`, async () => {
      const report = await suite.run({ scale: 'smoke', repoRoot, workDir, log: () => undefined });
      assert.equal(report.suite, suite.name);
      if (report.skipped) {
        assert.match(summaryLine(report), new RegExp(`^${suite.name}: skipped: \\S`));
        return;
      }
      assert.ok(report.rows.length > 0, 'a suite that runs reports at least one row');
      for (const row of report.rows) {
        if (row.skipped) continue;
        assert.ok(row.target.length > 0, `${row.measure} states its target`);
        for (const value of [row.median, row.p95]) {
          if (value !== undefined) assert.ok(Number.isFinite(value) && value >= 0, `${row.measure}: ${value}`);
        }
      }
      assert.match(formatReport(report), /\| Measure +\| Median/);
    });
  }
});
