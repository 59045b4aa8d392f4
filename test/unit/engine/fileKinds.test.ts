import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileClassifier } from '../../../server/src/engine/fileKinds';

describe('FileClassifier', () => {
  const classifier = new FileClassifier(['deploy/*.yml']);
  const cases: Array<[string, string | undefined, string?]> = [
    ['Dockerfile', 'dockerfile'],
    ['docker/api/Dockerfile', 'dockerfile'],
    ['dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['Dockerfile.dev', 'dockerfile'],
    ['development/Dockerfile-dolt', 'dockerfile'],
    ['Dockerfile-debian.template', undefined],
    ['api.Dockerfile', 'dockerfile'],
    ['api.dockerfile', 'dockerfile'],
    ['Dockerfile.dockerignore', undefined],
    ['server/src/languages/dockerfile.ts', undefined],
    ['test/lsp/dockerfile.test.ts', undefined],
    ['compose.yaml', 'compose'],
    ['compose.prod.yml', 'compose'],
    ['docker-compose.override.yml', 'compose'],
    ['deploy/stack.yml', 'compose'],
    ['config.yml', undefined],
    ['.plumbline.yaml', 'plumbline-config'],
    ['services/api/pyproject.toml', 'manifest'],
    ['app/main.py', 'python'],
    ['typings/app.pyi', 'python'],
    ['requirements-dev.txt', 'requirements'],
    ['requirements/base.txt', 'requirements'],
    ['docs/guide.md', 'markdown'],
    ['run.sh', 'shell'],
    ['.env', 'env'],
    ['deploy/.env.production', 'env'],
    ['.env.example', 'env'],
    ['config/postgres.env', 'env'],
    ['.envrc', undefined],
    ['src/env.py', 'python'],
    ['bin/tool', 'python', '#!/usr/bin/env python3'],
    ['bin/run', 'shell', '#!/bin/bash'],
    ['bin/blob', undefined, 'binary'],
  ];
  for (const [path, kind, firstLine] of cases) {
    it(`${path} → ${kind ?? 'not checked'}`, () => assert.equal(classifier.classify(path, firstLine), kind));
  }
});
