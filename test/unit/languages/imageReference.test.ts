import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_FLOATING_TAGS, imagePinningProblem, parseImageReference } from '../../../server/src/languages/imageReference';

const DIGEST = 'sha256:' + 'a'.repeat(64);
const defaults = { floatingTags: DEFAULT_FLOATING_TAGS, requireDigest: false };

describe('parseImageReference', () => {
  it('splits registry, repository, tag and digest', () => {
    assert.deepEqual(parseImageReference('python'), { text: 'python', repository: 'python' });
    assert.deepEqual(parseImageReference('python:3.12.7-slim'), { text: 'python:3.12.7-slim', repository: 'python', tag: '3.12.7-slim' });
    assert.deepEqual(parseImageReference('ghcr.io/acme/api:1.4.0'), {
      text: 'ghcr.io/acme/api:1.4.0',
      registry: 'ghcr.io',
      repository: 'acme/api',
      tag: '1.4.0',
    });
    assert.deepEqual(parseImageReference(`localhost:5000/api@${DIGEST}`), {
      text: `localhost:5000/api@${DIGEST}`,
      registry: 'localhost:5000',
      repository: 'api',
      digest: DIGEST,
    });
    assert.deepEqual(parseImageReference(`nginx:1.27@${DIGEST}`), { text: `nginx:1.27@${DIGEST}`, repository: 'nginx', tag: '1.27', digest: DIGEST });
    assert.deepEqual(parseImageReference('library/nginx'), { text: 'library/nginx', repository: 'library/nginx' });
  });

  it('a port-like colon in the registry is not a tag', () => {
    assert.deepEqual(parseImageReference('registry.local:5000/team/app'), {
      text: 'registry.local:5000/team/app',
      registry: 'registry.local:5000',
      repository: 'team/app',
    });
  });

  it('rejects what is not a reference', () => {
    for (const text of ['', '   ', 'nginx:${TAG}', '$IMAGE', 'Nginx', 'nginx:', 'nginx@sha256:xyz', 'my image', 'nginx:-bad']) {
      assert.equal(parseImageReference(text), undefined, text);
    }
  });
});

describe('imagePinningProblem', () => {
  const problem = (text: string, options = defaults) => imagePinningProblem(parseImageReference(text)!, options);

  it('reports a missing tag and floating tags', () => {
    assert.equal(problem('nginx'), 'has no tag');
    assert.equal(problem('nginx:latest'), 'uses the floating tag "latest"');
    assert.equal(problem('node:LTS'), 'uses the floating tag "LTS"');
    assert.equal(problem('node:lts-alpine'), 'uses the floating tag "lts-alpine" (it follows "lts")');
    assert.equal(problem('ghcr.io/acme/api:main'), 'uses the floating tag "main"');
  });

  it('accepts version tags, including pre-releases that mention a channel later', () => {
    assert.equal(problem('python:3.12.7-slim'), undefined);
    assert.equal(problem('app:1.2.3-beta'), undefined);
    assert.equal(problem('debian:12.6-slim'), undefined);
  });

  it('a channel tag with a date, a version or a commit hash after it is a snapshot, not floating', () => {
    assert.equal(problem('debian:stable-20241016-slim'), undefined);
    assert.equal(problem('rust:nightly-2024-10-16'), undefined);
    assert.equal(problem('ghcr.io/acme/oidc-tester:master-c3235cd'), undefined);
    assert.equal(problem('acme/api:main-4f9a2b7e1c0d5a6b8e3f2a1c9d8e7f6a5b4c3d2e'), undefined);
    // Seven hex letters without a digit are a word, not a commit.
    assert.equal(problem('acme/api:latest-defaced'), 'uses the floating tag "latest-defaced" (it follows "latest")');
    assert.equal(problem('node:current-alpine3.20'), 'uses the floating tag "current-alpine3.20" (it follows "current")');
  });

  it('a digest pins whatever the tag says', () => {
    assert.equal(problem(`nginx@${DIGEST}`), undefined);
    assert.equal(problem(`nginx:latest@${DIGEST}`, { floatingTags: DEFAULT_FLOATING_TAGS, requireDigest: true }), undefined);
  });

  it('requireDigest reports tags without a digest', () => {
    assert.equal(problem('nginx:1.27.3', { floatingTags: DEFAULT_FLOATING_TAGS, requireDigest: true }), 'is not pinned by digest');
  });

  it('uses the configured floating tags', () => {
    assert.equal(problem('nginx:stable', { floatingTags: ['latest'], requireDigest: false }), undefined);
    assert.equal(problem('nginx:dev', { floatingTags: ['latest', 'dev'], requireDigest: false }), 'uses the floating tag "dev"');
  });
});
