import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { dockerfileFacts, isRootUser, type DockerfileFacts } from '../../../../server/src/rules/support/dockerfileFacts';

function factsOf(text: string): DockerfileFacts {
  return dockerfileFacts.extract(new SourceDocument('/ws/Dockerfile', text), { path: '/ws/Dockerfile', relativePath: 'Dockerfile', kind: 'dockerfile' });
}

describe('isRootUser', () => {
  it('knows the spellings of root', () => {
    for (const user of ['root', '0', 'root:root', '0:0', 'root:1000', '00']) assert.equal(isRootUser(user), true, user);
    for (const user of ['65532:65532', 'app', '1000:0', 'nonroot', '${APP_UID}', 'Root']) assert.equal(isRootUser(user), false, user);
  });
});

describe('dockerfileFacts', () => {
  it('applies to Dockerfiles only', () => {
    assert.equal(dockerfileFacts.appliesTo({ path: '/ws/Dockerfile', relativePath: 'Dockerfile', kind: 'dockerfile' }), true);
    assert.equal(dockerfileFacts.appliesTo({ path: '/ws/compose.yaml', relativePath: 'compose.yaml', kind: 'compose' }), false);
  });

  it('describes each stage; the final stage inherits from its parent stage', () => {
    const facts = factsOf(
      [
        'ARG BASE=python:3.12.7-slim',
        'FROM ${BASE} AS Base',
        'RUN useradd app',
        'USER app',
        'EXPOSE 8000/tcp 9000-9001',
        'HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1',
        'FROM base AS runtime',
        'CMD ["python", "-m", "api"]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(facts.stages, [
      {
        name: 'base',
        index: 0,
        baseImage: 'python:3.12.7-slim',
        user: 'app',
        runsAsRoot: false,
        privilegeDropper: undefined,
        hasHealthcheck: true,
        healthcheckDisabled: false,
        exposedPorts: [8000, 9000, 9001],
        httpClients: [],
      },
      {
        name: 'runtime',
        index: 1,
        baseImage: 'base',
        user: 'app',
        runsAsRoot: false,
        privilegeDropper: undefined,
        hasHealthcheck: true,
        healthcheckDisabled: false,
        exposedPorts: [8000, 9000, 9001],
        httpClients: [],
      },
    ]);
  });

  it('reports root, no user, HEALTHCHECK NONE and variables in EXPOSE and USER', () => {
    const facts = factsOf(
      'FROM alpine:3.20 AS build\nUSER app\nFROM debian:12.6-slim\nARG PORT=8080\nENV UID=0\nEXPOSE ${PORT}\nUSER ${UID}:0\nHEALTHCHECK NONE\n',
    );
    assert.deepEqual(facts.stages[1], {
      name: undefined,
      index: 1,
      baseImage: 'debian:12.6-slim',
      user: '0:0',
      runsAsRoot: true,
      privilegeDropper: undefined,
      hasHealthcheck: false,
      healthcheckDisabled: true,
      exposedPorts: [8080],
      httpClients: [],
    });
    assert.equal(factsOf('FROM scratch\nCOPY app /app\n').stages[0]!.runsAsRoot, true);
    assert.equal(factsOf('FROM debian:12.6-slim\nRUN apt-get install -y --no-install-recommends gosu=1.14-1+b10\n').stages[0]!.privilegeDropper, 'gosu');
  });

  it('knows the HTTP clients a package manager installs, in the stage or its parents', () => {
    const facts = factsOf(
      [
        'FROM debian:12.6-slim AS base',
        'RUN apt-get update \\',
        ' && apt-get install -y --no-install-recommends ca-certificates curl=7.88.1-10+deb12u8 \\',
        ' && rm -rf /var/lib/apt/lists/*',
        'FROM base AS runtime',
        'RUN apk add --no-cache wget',
        'FROM python:3.12.7-slim AS other',
        'RUN pip install curlify==2.2.1 && echo curl',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      facts.stages.map((stage) => stage.httpClients),
      [['curl'], ['curl', 'wget'], []],
    );
  });

  it('keeps an unresolvable base image as written', () => {
    assert.equal(factsOf('ARG IMAGE\nFROM ${IMAGE}\n').stages[0]!.baseImage, '${IMAGE}');
  });

  it('empty, comment-only and broken files have no stages', () => {
    assert.deepEqual(factsOf('').stages, []);
    assert.deepEqual(factsOf('# just a note\n').stages, []);
    assert.deepEqual(factsOf('\u0000\u0001 binary junk \\\n').stages, []);
  });
});
