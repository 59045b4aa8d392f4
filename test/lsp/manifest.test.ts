import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const grammarContribution = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'plumbline.suppression.injection');
const grammar = JSON.parse(fs.readFileSync(grammarContribution.path, 'utf8'));

describe('extension manifest', () => {
  test('every contributed file exists, and the files allow-list (vsix and npm package) keeps them', () => {
    const allowed: string[] = manifest.files;
    for (const file of [grammarContribution.path, manifest.contributes.yamlValidation[0].url]) {
      assert.ok(fs.existsSync(file), `${file} exists`);
      const folder = file.replace(/^\.\//, '').split('/')[0];
      assert.ok(allowed.includes(`${folder}/`), `${folder}/ is in "files"`);
    }
    assert.equal(manifest.main, './dist/client.js');
    for (const file of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'bin/', 'docs/rules/', 'docs/images/']) {
      assert.ok(allowed.includes(file), `${file} is in "files"`);
    }
    assert.equal(manifest.bin.plumbline, 'bin/plumbline.js');
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bundles in dist/ carry every runtime dependency');
  });

  test('settings, commands and activation match what the client and server read', () => {
    assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), [
      'plumbline.changedSince',
      'plumbline.configFile',
      'plumbline.enable',
      'plumbline.rules.customizations',
      'plumbline.run',
      'plumbline.scope',
      'plumbline.trace.server',
    ]);
    const commands = manifest.contributes.commands.map((c: { command: string; category: string; title: string }) => `${c.category}: ${c.title} (${c.command})`);
    assert.ok(commands.includes('Plumbline: Restart Server (plumbline.restartServer)'));
    assert.ok(commands.includes('Plumbline: Show Output (plumbline.showOutput)'));
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/.plumbline.yaml'));
    assert.ok(manifest.activationEvents.includes('onLanguage:dockerfile'));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const restricted = manifest.contributes.commands
      .filter((c: { enablement?: string }) => c.enablement === 'isWorkspaceTrusted')
      .map((c: { command: string }) => c.command);
    assert.deepEqual(restricted, [
      'plumbline.createChangelog',
      'plumbline.addChangelogEntry',
      'plumbline.newAdr',
      'plumbline.supersedeAdr',
      'plumbline.generateAdrIndex',
    ]);
  });
});

describe('suppression-comment injection grammar', () => {
  const directive = grammar.repository.directive;
  const begin = new RegExp(directive.begin);
  const [explanation, code, name] = directive.patterns.map((p: { match: string }) => new RegExp(p.match, 'g'));

  test('injects into comments of the five grammars', () => {
    assert.equal(grammar.injectionSelector, 'L:comment -string');
    assert.deepEqual(grammarContribution.injectTo, ['source.dockerfile', 'source.yaml', 'source.python', 'source.shell', 'text.html.markdown']);
  });

  test('matches the directive keyword, codes, rule names and explanation', () => {
    const line = '# plumbline: disable-next-line PL101, docker/pinned-base-image -- base image is vendored';
    const match = begin.exec(line);
    assert.deepEqual(match && [match[1], match[3]], ['plumbline', 'disable-next-line']);
    const rest = line.slice(match!.index + match![0].length);
    assert.deepEqual(rest.match(code), ['PL101']);
    assert.deepEqual(rest.match(name), ['docker/pinned-base-image']);
    assert.deepEqual(
      [...rest.matchAll(explanation)].map((m) => m[2]),
      [' base image is vendored'],
    );
    assert.equal(begin.exec('<!-- plumbline: disable-file PL401 -->')?.[3], 'disable-file');
    assert.equal(begin.exec('# plumbline: enable PL101'), null);
  });
});
