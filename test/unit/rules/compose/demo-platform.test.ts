/**
 * The bundled demo workspace breaks and satisfies the Compose rules on
 * purpose; this pins down what a user opening it sees from the Compose pack.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';

const ROOT = path.join(__dirname, '..', '..', '..', '..', 'examples', 'demo-platform');

function findings(workspace: Workspace, relative: string): string[] {
  const file = path.join(ROOT, relative);
  const result = workspace.lint(new SourceDocument(file, fs.readFileSync(file, 'utf8')));
  assert.deepEqual(result.failures, []);
  return result.diagnostics.filter((d) => /^PL2\d\d$/.test(d.code)).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
}

describe('demo-platform Compose files', () => {
  const workspace = new Workspace({ root: ROOT, registry: builtinRules });
  workspace.index.scan();

  it('compose.yaml: the worker breaks the container policy, billing names a missing stage, the queue floats', () => {
    assert.deepEqual(findings(workspace, 'compose.yaml'), [
      '39:3 PL202',
      '39:3 PL203',
      '39:3 PL204',
      '46:31 PL206',
      '48:9 PL207',
      '57:15 PL210',
      '59:9 PL208',
      // The redis queue manages its own user: PL202 leaves it alone.
      '91:3 PL204',
      '93:12 PL201',
    ]);
  });

  it('compose.override.yaml: amended services are judged in the base file; adminer clashes with billing', () => {
    assert.deepEqual(findings(workspace, 'compose.override.yaml'), ['14:9 PL207', '23:3 PL203', '23:3 PL204', '26:9 PL207', '26:9 PL208']);
  });

  it('docker/monitoring/compose.yaml: an untagged image and a host-network exporter', () => {
    assert.deepEqual(findings(workspace, 'docker/monitoring/compose.yaml'), ['25:12 PL201', '40:3 PL202', '40:3 PL203', '40:3 PL204', '43:19 PL205']);
  });

  it('PortRegistry.md: a port registered twice', () => {
    assert.deepEqual(findings(workspace, 'PortRegistry.md'), ['16:3 PL207']);
  });
});
